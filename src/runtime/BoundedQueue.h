#pragma once

#include "ProcessMutex.h"
#include "WaitWord.h"
#include "trace/QueueDiscipline.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// A bounded queue of item ids in shared memory, with the joinable queue's task accounting.
// put() blocks while full, get() while empty, join() until every item put was marked done;
// each block is recorded with its reason, each put and get with the depth it left. A get
// takes the item its QueueDiscipline says.
class BoundedQueue
{
public:
    static constexpr std::uint32_t kMaxCapacity = 1024;
    using Order = QueueDiscipline::Order;
    // Full and Empty: a try (the nowait forms) found no room or no item.
    enum class Result { Ok, Stopped, TimedOut, Full, Empty };

    BoundedQueue(std::uint32_t id, std::uint32_t capacity, Order order = Order::Fifo);

    // The nowait forms: never block; a refusal is recorded (QueueRefused) and returned.
    Result tryPut(WorkerContext &worker, std::int64_t item);
    Result tryGet(WorkerContext &worker, std::int64_t &item);

    Result put(WorkerContext &worker, std::int64_t item);
    Result get(WorkerContext &worker, std::int64_t &item);
    // Gives up after waiting `timeoutNs` for an item (recorded as QueueTimedOut).
    Result get(WorkerContext &worker, std::int64_t &item, std::uint64_t timeoutNs);
    void taskDone(WorkerContext &worker);
    Result join(WorkerContext &worker);

    std::uint32_t id() const { return m_id; }
    std::uint32_t capacity() const { return m_capacity; }
    std::uint32_t depth() const { return m_count; }

private:
    void pushLocked(WorkerContext &worker, std::int64_t item);
    std::int64_t takeLocked(WorkerContext &worker);

    ProcessMutex m_mutex;
    WaitWord m_notFull;
    WaitWord m_notEmpty;
    WaitWord m_allDone;
    std::uint32_t m_id;
    std::uint32_t m_capacity;
    Order m_order;
    std::uint32_t m_head = 0;
    std::uint32_t m_count = 0;
    std::uint32_t m_unfinished = 0;
    std::int64_t m_items[kMaxCapacity];
};

} // namespace conlab
