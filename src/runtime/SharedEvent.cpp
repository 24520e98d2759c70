#include "SharedEvent.h"

#include "WorkerContext.h"
#include "trace/Clock.h"

namespace conlab {

SharedEvent::Result SharedEvent::wait(WorkerContext &worker, std::uint64_t timeoutNs)
{
    const std::uint64_t deadline = timeoutNs ? monotonicNs() + timeoutNs : 0;
    ProcessMutexLocker lock(m_state);
    if (m_set.load(std::memory_order_acquire))
        return Result::Set;
    worker.block(BlockReason::Event, m_id);
    for (;;) {
        if (m_set.load(std::memory_order_acquire)) {
            worker.recorder().record(EventKind::EventWaitEnded, 0, m_id, 1);
            return Result::Set;
        }
        if (worker.shouldStop())
            return Result::Stopped;
        const std::uint64_t now = monotonicNs();
        if (deadline && now >= deadline) {
            worker.recorder().record(EventKind::EventWaitEnded, 0, m_id, 0);
            return Result::TimedOut;
        }
        int sliceMs = 20;
        if (deadline && int((deadline - now) / 1000000) + 1 < sliceMs)
            sliceMs = int((deadline - now) / 1000000) + 1;
        m_changed.wait(lock, sliceMs);
    }
}

void SharedEvent::set(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_state);
    worker.recorder().record(EventKind::EventSet, 0, m_id);
    m_set.store(1, std::memory_order_release);
    m_changed.change();
}

void SharedEvent::clear(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_state);
    worker.recorder().record(EventKind::EventCleared, 0, m_id);
    m_set.store(0, std::memory_order_release);
}

} // namespace conlab
