#pragma once

#include "ProcessMutex.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// A bounded FIFO of item ids in shared memory, with the joinable queue's task accounting.
// put() blocks while full, get() while empty, join() until every item put was marked done;
// each block is recorded with its reason, each put and get with the depth it left.
class BoundedQueue
{
public:
    static constexpr std::uint32_t kMaxCapacity = 1024;
    enum class Result { Ok, Stopped, TimedOut };

    BoundedQueue(std::uint32_t id, std::uint32_t capacity);

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
    ProcessMutex m_mutex;
    std::atomic<std::uint32_t> m_notFull{0};
    std::atomic<std::uint32_t> m_notEmpty{0};
    std::atomic<std::uint32_t> m_allDone{0};
    std::uint32_t m_id;
    std::uint32_t m_capacity;
    std::uint32_t m_head = 0;
    std::uint32_t m_count = 0;
    std::uint32_t m_unfinished = 0;
    std::int64_t m_items[kMaxCapacity];
};

} // namespace conlab
