#pragma once

#include "IoReceiver.h"

#include <memory>

namespace conlab {

// Asynchronous IO with io_uring: the recv is submitted up front with the buffer, the thread
// does its own work and looks at the completion queue between slices (no system call); the
// completion arrives with the bytes already in the buffer.
class IoUringReceiver : public IoReceiver
{
public:
    explicit IoUringReceiver(Options options);
    ~IoUringReceiver() override;

    // Whether this kernel and build let a ring be set up (probed once per process).
    static bool available();

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
    void end(WorkerContext &worker) override;

private:
    struct Ring;
    bool submit(int *error);

    std::unique_ptr<Ring> m_ring;
    bool m_inFlight = false;
};

} // namespace conlab
