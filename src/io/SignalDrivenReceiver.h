#pragma once

#include "IoReceiver.h"

namespace conlab {

// Signal-driven IO: the socket is O_ASYNC, and the kernel sends SIGRTMIN+1 (F_SETSIG) to this
// thread (F_SETOWN_EX) whenever data arrives. The thread does its own work in short slices
// until the handler's flag says data is there, then reads what arrived without blocking.
class SignalDrivenReceiver : public IoReceiver
{
public:
    explicit SignalDrivenReceiver(Options options)
        : IoReceiver(Model::SignalDriven, std::move(options))
    {
    }

    static int signalNumber();

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
    void end(WorkerContext &worker) override;
};

} // namespace conlab
