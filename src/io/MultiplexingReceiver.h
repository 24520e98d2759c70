#pragma once

#include "IoReceiver.h"

#include <vector>

namespace conlab {

// One thread serves many sockets: it blocks in epoll_wait(), poll() or select() until one or
// more of them are readable, then reads those (non-blocking, so a read never waits), and
// waits again until every socket has delivered its payload.
class MultiplexingReceiver : public IoReceiver
{
public:
    explicit MultiplexingReceiver(Options options)
        : IoReceiver(Model::Multiplexing, std::move(options))
    {
    }
    ~MultiplexingReceiver() override;

    bool begin(WorkerContext &worker) override;
    Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) override;
    void end(WorkerContext &worker) override;

private:
    // Fills m_ready with the indexes of readable, unfinished connections. Blocks; a stop ends
    // the wait by shutting the sockets down, which makes them readable.
    int waitReadable();

    int m_epoll = -1;
    std::vector<std::size_t> m_ready;
};

} // namespace conlab
