#include "BoundedQueue.h"

#include "WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>

namespace conlab {

namespace {
constexpr int kWaitSliceMs = 20;

// Releases the queue lock, sleeps until `word` changes (or a slice passes, or the deadline if
// there is one), relocks.
void waitOn(ProcessMutexLocker &lock, WaitWord &word, std::uint64_t deadline = 0)
{
    int sliceMs = kWaitSliceMs;
    if (deadline != 0) {
        const std::uint64_t now = monotonicNs();
        const std::uint64_t left = deadline > now ? deadline - now : 0;
        sliceMs = int(std::min<std::uint64_t>(kWaitSliceMs, left / 1000000 + 1));
    }
    word.wait(lock, sliceMs);
}
} // namespace

BoundedQueue::BoundedQueue(std::uint32_t id, std::uint32_t capacity, Order order)
    : m_id(id), m_capacity(capacity < 1 ? 1 : (capacity > kMaxCapacity ? kMaxCapacity : capacity)),
      m_order(order)
{
}

void BoundedQueue::pushLocked(WorkerContext &worker, std::int64_t item)
{
    m_items[(m_head + m_count) % m_capacity] = item;
    ++m_unfinished;
    // The count moves last: a put interrupted by the worker's death leaves the queue as it was.
    ++m_count;
    worker.recorder().record(EventKind::QueuePut, 0, m_id, m_count, item);
    m_notEmpty.change();
}

std::int64_t BoundedQueue::takeLocked(WorkerContext &worker)
{
    // Gather in age order, pick by the discipline, close the gap: O(capacity), and capacity
    // is small; FIFO stays O(1).
    std::uint32_t index = 0;
    if (m_order != Order::Fifo) {
        std::int64_t ordered[kMaxCapacity];
        for (std::uint32_t i = 0; i < m_count; ++i)
            ordered[i] = m_items[(m_head + i) % m_capacity];
        index = QueueDiscipline::pick(m_order, ordered, m_count);
    }
    const std::int64_t item = m_items[(m_head + index) % m_capacity];
    for (std::uint32_t i = index; i > 0; --i)
        m_items[(m_head + i) % m_capacity] = m_items[(m_head + i - 1) % m_capacity];
    m_head = (m_head + 1) % m_capacity;
    --m_count;
    worker.recorder().record(EventKind::QueueGet, 0, m_id, m_count, item);
    m_notFull.change();
    return item;
}

BoundedQueue::Result BoundedQueue::tryPut(WorkerContext &worker, std::int64_t item)
{
    ProcessMutexLocker lock(m_mutex);
    if (m_count == m_capacity) {
        worker.recorder().record(EventKind::QueueRefused, 0, m_id, 1, item);
        return Result::Full;
    }
    pushLocked(worker, item);
    return Result::Ok;
}

BoundedQueue::Result BoundedQueue::tryGet(WorkerContext &worker, std::int64_t &item)
{
    ProcessMutexLocker lock(m_mutex);
    if (m_count == 0) {
        worker.recorder().record(EventKind::QueueRefused, 0, m_id, 0);
        return Result::Empty;
    }
    item = takeLocked(worker);
    return Result::Ok;
}

BoundedQueue::Result BoundedQueue::put(WorkerContext &worker, std::int64_t item)
{
    ProcessMutexLocker lock(m_mutex);
    bool blocked = false;
    while (m_count == m_capacity) {
        if (worker.shouldStop())
            return Result::Stopped;
        if (!blocked) {
            worker.block(BlockReason::QueueFull, m_id);
            blocked = true;
        }
        waitOn(lock, m_notFull);
    }
    pushLocked(worker, item);
    return Result::Ok;
}

BoundedQueue::Result BoundedQueue::get(WorkerContext &worker, std::int64_t &item)
{
    return get(worker, item, 0);
}

BoundedQueue::Result BoundedQueue::get(WorkerContext &worker, std::int64_t &item,
                                       std::uint64_t timeoutNs)
{
    ProcessMutexLocker lock(m_mutex);
    bool blocked = false;
    const std::uint64_t deadline = timeoutNs > 0 ? monotonicNs() + timeoutNs : 0;
    while (m_count == 0) {
        if (worker.shouldStop())
            return Result::Stopped;
        if (deadline != 0 && monotonicNs() >= deadline) {
            worker.recorder().record(EventKind::QueueTimedOut, 0, m_id, 0);
            return Result::TimedOut;
        }
        if (!blocked) {
            worker.block(BlockReason::QueueEmpty, m_id);
            blocked = true;
        }
        waitOn(lock, m_notEmpty, deadline);
    }
    item = takeLocked(worker);
    return Result::Ok;
}

void BoundedQueue::taskDone(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_mutex);
    if (m_unfinished > 0)
        --m_unfinished;
    worker.recorder().record(EventKind::TaskDone, 0, m_id, m_unfinished);
    if (m_unfinished == 0)
        m_allDone.change();
}

BoundedQueue::Result BoundedQueue::join(WorkerContext &worker)
{
    ProcessMutexLocker lock(m_mutex);
    bool blocked = false;
    while (m_unfinished > 0) {
        if (worker.shouldStop())
            return Result::Stopped;
        if (!blocked) {
            worker.block(BlockReason::QueueJoin, m_id);
            blocked = true;
        }
        waitOn(lock, m_allDone);
    }
    return Result::Ok;
}

} // namespace conlab
