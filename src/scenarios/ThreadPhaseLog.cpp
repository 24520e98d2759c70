#include "ThreadPhaseLog.h"

#include "runtime/Futex.h"
#include "trace/Clock.h"

namespace conlab {

ThreadPhaseLog::ThreadPhaseLog(std::size_t capacity) : m_entries(capacity + 1) {}

void ThreadPhaseLog::push(Phase phase, ExitCause cause, std::uint64_t atNs)
{
    std::uint32_t count = m_count.load(std::memory_order_relaxed);
    if (count >= m_entries.size()) {
        if (phase != Phase::Done)
            return;
        count = std::uint32_t(m_entries.size() - 1); // unreachable with the capacity asked for
    }
    const std::uint64_t now = monotonicNs();
    m_entries[count] = {atNs && atNs < now ? atNs : now, phase, cause};
    m_count.store(count + 1, std::memory_order_release);
}

void ThreadPhaseLog::seal()
{
    m_sealed.store(1, std::memory_order_release);
    futexWakeAll(m_sealed);
}

void ThreadPhaseLog::waitUntilSealed()
{
    while (m_sealed.load(std::memory_order_acquire) == 0)
        futexWait(m_sealed, 0, 50);
}

} // namespace conlab
