#pragma once

#include "ProcessMutex.h"
#include "WaitWord.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// A lock whose every acquire, release, wait and give-up is recorded, shared by threads and
// processes alike (it lives in the arena). Plain: a second acquire by its owner blocks the
// owner on itself, as a non-recursive lock does. Reentrant: the owner may take it again and
// must release it as often; the depth is recorded.
class InstrumentedMutex
{
public:
    enum class Kind { Plain, Reentrant };
    enum class Result { Acquired, TimedOut, Aborted, Stopped };
    // The value of a LockFailed event: why the wait gave up.
    enum FailReason : std::uint32_t { kTimedOut = 0, kAborted = 1 };

    InstrumentedMutex(std::uint32_t id, Kind kind);

    // Waits as long as it takes (timeoutNs = 0) or up to timeoutNs, then gives up.
    // `alreadyBlocked`: the caller recorded its wait for this lock itself (Blocked on it), so
    // a wait here continues that one instead of recording another.
    Result lock(WorkerContext &worker, std::uint64_t timeoutNs = 0, bool alreadyBlocked = false);
    void unlock(WorkerContext &worker);

    std::uint32_t id() const { return m_id; }
    Kind kind() const { return m_kind; }
    // Read without the lock (a waiter polls it, as gil's dropping thread does): a hint that
    // may be stale at once, never a decision; hence an atomic, relaxed.
    std::int32_t owner() const { return m_owner.load(std::memory_order_relaxed); }

private:
    ProcessMutex m_state;
    WaitWord m_released;
    std::uint32_t m_id;
    Kind m_kind;
    std::atomic<std::int32_t> m_owner{-1}; // written only under m_state
    std::uint32_t m_depth = 0;
};

} // namespace conlab
