#pragma once

#include "IoReceiver.h"

namespace conlab {

// recv() on a blocking socket: the call waits in the kernel until data is there and returns
// once some of it is copied. The caller is blocked from the call until its payload is in.
class BlockingReceiver : public IoReceiver
{
public:
    explicit BlockingReceiver(Options options) : IoReceiver(Model::Blocking, std::move(options)) {}

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
};

} // namespace conlab
