#pragma once

#include "IoReceiver.h"

#include <aio.h>

namespace conlab {

// Asynchronous IO with POSIX AIO, where io_uring is not available: aio_read() hands the read
// to the C library, whose helper thread does it; the caller does its own work and checks
// aio_error() between slices until the request is complete, the bytes already in its buffer.
class PosixAioReceiver : public IoReceiver
{
public:
    explicit PosixAioReceiver(Options options) : IoReceiver(Model::Async, std::move(options)) {}

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
    void end(WorkerContext &worker) override;

private:
    bool submit();

    aiocb m_request = {};
    bool m_inFlight = false;
};

} // namespace conlab
