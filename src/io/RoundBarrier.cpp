#include "RoundBarrier.h"

#include "runtime/Futex.h"
#include "runtime/WorkerContext.h"

namespace conlab {

namespace {
constexpr int kWaitSliceMs = 20;
}

void RoundBarrier::arrive()
{
    futexBumpAndWake(m_arrivals);
}

bool RoundBarrier::waitForRound(WorkerContext &worker, std::uint32_t round)
{
    const std::uint32_t needed = m_parties * (round + 1);
    for (;;) {
        // Abort bumps the count to wake waiters: it must not pass for an arrival.
        if (worker.shouldStop() || aborted())
            return false;
        const std::uint32_t now = m_arrivals.load(std::memory_order_acquire);
        if (now >= needed)
            return true;
        futexWait(m_arrivals, now, kWaitSliceMs);
    }
}

void RoundBarrier::abort()
{
    m_aborted.store(true, std::memory_order_release);
    futexBumpAndWake(m_arrivals);
}

} // namespace conlab
