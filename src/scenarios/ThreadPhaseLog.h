#pragma once

#include "trace/Event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// What a free-running job thread tells the sampler that records its states: when it became
// runnable, went off to IO and ended. The thread is the one writer and the sampler the one
// reader; entries become visible in order. Once the sampler has recorded the end it seals the
// log, and only then may the thread finish.
class ThreadPhaseLog
{
public:
    enum class Phase : std::uint8_t { New, Runnable, Io, Done };
    struct Entry
    {
        std::uint64_t timeNs = 0;
        Phase phase = Phase::New;
        ExitCause cause = ExitCause::Normal; // for Done
    };

    // Room for `capacity` entries; Done always fits, replacing the last one if it must.
    explicit ThreadPhaseLog(std::size_t capacity);

    // Stamped now, or at `atNs` (not later than now) for a phase known to have begun earlier:
    // a sleep's end is its deadline, however late the thread got a core to say so.
    void push(Phase phase, ExitCause cause = ExitCause::Normal, std::uint64_t atNs = 0);
    std::size_t published() const { return m_count.load(std::memory_order_acquire); }
    const Entry &entry(std::size_t index) const { return m_entries[index]; }

    void seal();
    bool sealed() const { return m_sealed.load(std::memory_order_acquire) != 0; }
    void waitUntilSealed();

private:
    std::vector<Entry> m_entries;
    std::atomic<std::uint32_t> m_count{0};
    std::atomic<std::uint32_t> m_sealed{0};
};

} // namespace conlab
