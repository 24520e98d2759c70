#pragma once

#include "IoReceiver.h"

namespace conlab {

// recv() on an O_NONBLOCK socket: a call with nothing to read fails at once with EAGAIN, and
// the caller does a slice of its own work before it tries again. It never blocks; it learns
// that data is there only by trying.
class NonBlockingReceiver : public IoReceiver
{
public:
    explicit NonBlockingReceiver(Options options)
        : IoReceiver(Model::NonBlocking, std::move(options))
    {
    }

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
};

} // namespace conlab
