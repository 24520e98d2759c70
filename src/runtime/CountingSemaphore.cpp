#include "CountingSemaphore.h"

#include "WorkerContext.h"

namespace conlab {

CountingSemaphore::CountingSemaphore(std::uint32_t id, std::uint32_t limit)
    : m_id(id), m_limit(limit < 1 ? 1 : limit)
{
}

CountingSemaphore::Result CountingSemaphore::acquire(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_state);
    bool blocked = false;
    while (m_inside >= m_limit) {
        if (worker.shouldStop())
            return Result::Stopped;
        if (!blocked) {
            worker.block(BlockReason::Semaphore, m_id);
            blocked = true;
        }
        m_released.wait(lock, 20);
    }
    ++m_inside;
    worker.recorder().record(EventKind::SemAcquired, 0, m_id, m_inside);
    return Result::Acquired;
}

void CountingSemaphore::release(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_state);
    if (m_inside == 0)
        return;
    --m_inside;
    worker.recorder().record(EventKind::SemReleased, 0, m_id, m_inside);
    m_released.change();
}

} // namespace conlab
