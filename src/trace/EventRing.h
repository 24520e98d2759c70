#pragma once

#include "Event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace conlab {

// Single-producer, single-consumer ring of events, placed in shared memory (it holds no
// pointers). The producer is one worker; the consumer is the runner's collector. push()
// never blocks and never allocates: when the ring is full the event is counted as dropped.
class EventRing
{
public:
    static std::size_t bytesFor(std::uint32_t capacity);
    // Constructs a ring in `memory` (bytesFor(capacity) bytes). capacity is a power of two.
    // `doorbell`, in the same shared mapping, is rung each time the ring becomes half full.
    static EventRing *create(void *memory, std::uint32_t capacity,
                             std::atomic<std::uint32_t> *doorbell = nullptr);

    bool push(const Event &event);
    // Copies up to maxCount events into out; returns how many.
    std::size_t drain(Event *out, std::size_t maxCount);

    std::uint32_t capacity() const { return m_capacity; }
    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    std::uint64_t size() const;

private:
    EventRing() = default;
    void ringDoorbell();
    Event *slots() { return reinterpret_cast<Event *>(this + 1); }

    // Head and tail on separate cache lines so producer and consumer don't share one.
    alignas(64) std::atomic<std::uint64_t> m_head{0};
    alignas(64) std::atomic<std::uint64_t> m_tail{0};
    alignas(64) std::atomic<std::uint64_t> m_dropped{0};
    std::uint32_t m_capacity = 0;
    // From this ring to its doorbell, in bytes: an offset, not a pointer, because every
    // process maps the arena at its own address. 0 for none.
    std::int64_t m_doorbellOffset = 0;
};

static_assert(std::atomic<std::uint64_t>::is_always_lock_free,
              "rings are shared between processes and need lock-free atomics");

} // namespace conlab
