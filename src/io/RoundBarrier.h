#pragma once

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// Lets the sender start a round's delay only once every receiver is waiting for that round,
// so each receiver's wait lasts the delay and no round's bytes mix with the previous one's.
// For threads of one process; waits poll the stop flag.
class RoundBarrier
{
public:
    explicit RoundBarrier(std::uint32_t parties) : m_parties(parties) {}

    // A receiver has begun waiting for its next round.
    void arrive();
    // Until every receiver has arrived for `round` (0-based). False on stop or abort().
    bool waitForRound(WorkerContext &worker, std::uint32_t round);
    // A party failed: nobody waits for it any more.
    void abort();
    bool aborted() const { return m_aborted.load(std::memory_order_acquire); }

private:
    std::uint32_t m_parties;
    std::atomic<std::uint32_t> m_arrivals{0};
    std::atomic<bool> m_aborted{false};
};

} // namespace conlab
