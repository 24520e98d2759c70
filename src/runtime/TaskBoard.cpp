#include "TaskBoard.h"

#include "Futex.h"
#include "WorkerContext.h"

namespace conlab {

namespace {
constexpr int kWaitSliceMs = 20;
}

TaskBoard::TaskBoard(std::uint32_t tasks) : m_tasks(tasks > kMaxTasks ? kMaxTasks : tasks) {}

void TaskBoard::begin(WorkerContext &worker, std::uint32_t task)
{
    worker.recorder().record(EventKind::TaskBegin, 0, task);
}

void TaskBoard::finish(WorkerContext &worker, std::uint32_t task)
{
    {
        ProcessMutexLocker order(m_order);
        worker.recorder().record(EventKind::TaskEnd, 0, task);
        // The fetch_add claims the slot, so two finishing workers never write the same one.
        const std::uint32_t index = m_finishedCount.fetch_add(1, std::memory_order_acq_rel);
        if (index < kMaxTasks)
            m_finishOrder[index].store(task, std::memory_order_release);
    }
    futexWakeAll(m_finishedCount);
}

void TaskBoard::deliver(WorkerContext &worker, std::uint32_t task)
{
    if (task == 0 || task > m_tasks)
        return;
    {
        ProcessMutexLocker order(m_order);
        worker.recorder().record(EventKind::TaskResult, 0, task);
        m_delivered[task].store(1, std::memory_order_release);
        const std::uint32_t index = m_deliveredCount.fetch_add(1, std::memory_order_acq_rel);
        if (index < kMaxTasks)
            m_deliveryOrder[index].store(task, std::memory_order_release);
    }
    futexWakeAll(m_deliveredCount);
}

void TaskBoard::callback(WorkerContext &worker, std::uint32_t task)
{
    worker.recorder().record(EventKind::TaskCallback, 0, task);
}

bool TaskBoard::isDelivered(std::uint32_t task) const
{
    return m_delivered[task].load(std::memory_order_acquire) != 0;
}

bool TaskBoard::deliveredAtLeast(std::uint32_t count) const
{
    // The count is claimed before the order slot is written: wait for the slot as well.
    return m_deliveredCount.load(std::memory_order_acquire) >= count &&
           (count == 0 || m_deliveryOrder[count - 1].load(std::memory_order_acquire) != 0);
}

bool TaskBoard::finishedAtLeast(std::uint32_t count) const
{
    return m_finishedCount.load(std::memory_order_acquire) >= count &&
           (count == 0 || m_finishOrder[count - 1].load(std::memory_order_acquire) != 0);
}

bool TaskBoard::waitUntil(WorkerContext &worker, std::uint32_t object,
                          std::atomic<std::uint32_t> &word,
                          bool (TaskBoard::*ready)(std::uint32_t) const, std::uint32_t argument)
{
    bool blocked = false;
    for (;;) {
        const std::uint32_t seen = word.load(std::memory_order_acquire);
        if ((this->*ready)(argument))
            return true;
        if (worker.shouldStop())
            return false;
        if (!blocked) {
            // Checked again with the finishers held off: blocked only on a result not yet
            // stamped, which then comes after this wait's start.
            ProcessMutexLocker order(m_order);
            if ((this->*ready)(argument))
                return true;
            worker.block(BlockReason::Result, object);
            blocked = true;
        }
        futexWait(word, seen, kWaitSliceMs);
    }
}

std::uint32_t TaskBoard::takeFinished(WorkerContext &worker)
{
    if (m_taken >= m_tasks)
        return 0;
    if (!waitUntil(worker, 0, m_finishedCount, &TaskBoard::finishedAtLeast, m_taken + 1))
        return 0;
    return m_finishOrder[m_taken++].load(std::memory_order_acquire);
}

bool TaskBoard::waitFor(WorkerContext &worker, std::uint32_t task)
{
    return waitUntil(worker, task, m_deliveredCount, &TaskBoard::isDelivered, task);
}

std::uint32_t TaskBoard::waitNext(WorkerContext &worker)
{
    if (m_received >= m_tasks ||
        !waitUntil(worker, 0, m_deliveredCount, &TaskBoard::deliveredAtLeast, m_received + 1))
        return 0;
    return m_deliveryOrder[m_received++].load(std::memory_order_acquire);
}

bool TaskBoard::waitAll(WorkerContext &worker)
{
    return waitUntil(worker, 0, m_deliveredCount, &TaskBoard::deliveredAtLeast, m_tasks);
}

} // namespace conlab
