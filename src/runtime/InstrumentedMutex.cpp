#include "InstrumentedMutex.h"

#include "WorkerContext.h"
#include "trace/Clock.h"

namespace conlab {

namespace {
constexpr int kWaitSliceMs = 20;
}

InstrumentedMutex::InstrumentedMutex(std::uint32_t id, Kind kind) : m_id(id), m_kind(kind) {}

InstrumentedMutex::Result InstrumentedMutex::lock(WorkerContext &worker, std::uint64_t timeoutNs,
                                                  bool alreadyBlocked)
{
    const auto me = std::int32_t(worker.id());
    const std::uint64_t deadline = timeoutNs ? monotonicNs() + timeoutNs : 0;
    ProcessMutexLocker lock(m_state);
    bool blocked = alreadyBlocked;
    for (;;) {
        const std::int32_t owner = m_owner.load(std::memory_order_relaxed);
        const bool free = owner < 0;
        const bool mine = owner == me && m_kind == Kind::Reentrant;
        if (free || mine) {
            m_owner.store(me, std::memory_order_relaxed);
            ++m_depth;
            worker.recorder().record(EventKind::LockAcquired, 0, m_id, m_depth);
            return Result::Acquired;
        }
        if (worker.shouldStop())
            return Result::Stopped;
        const std::uint64_t now = monotonicNs();
        if (deadline && now >= deadline) {
            worker.recorder().record(EventKind::LockFailed, std::uint16_t(BlockReason::Lock), m_id,
                                     kTimedOut);
            return Result::TimedOut;
        }
        if (blocked && worker.takeAbortRequest()) {
            worker.recorder().record(EventKind::LockFailed, std::uint16_t(BlockReason::Lock), m_id,
                                     kAborted);
            return Result::Aborted;
        }
        if (!blocked) {
            // The "waits for" edge of the wait-for graph; the owner is known from its acquire.
            worker.block(BlockReason::Lock, m_id);
            blocked = true;
        }
        int sliceMs = kWaitSliceMs;
        if (deadline) {
            const auto leftMs = int((deadline - now) / 1000000) + 1;
            sliceMs = leftMs < sliceMs ? leftMs : sliceMs;
        }
        m_released.wait(lock, sliceMs);
    }
}

void InstrumentedMutex::unlock(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_state);
    if (m_owner.load(std::memory_order_relaxed) != std::int32_t(worker.id()) || m_depth == 0)
        return; // releasing a lock one does not hold is a bug in the scenario, not a state
    --m_depth;
    worker.recorder().record(EventKind::LockReleased, 0, m_id, m_depth);
    if (m_depth == 0) {
        m_owner.store(-1, std::memory_order_relaxed);
        m_released.change();
    }
}

} // namespace conlab
