#include "EventRing.h"

#include <new>

namespace conlab {

std::size_t EventRing::bytesFor(std::uint32_t capacity)
{
    return sizeof(EventRing) + std::size_t(capacity) * sizeof(Event);
}

EventRing *EventRing::create(void *memory, std::uint32_t capacity)
{
    auto *ring = new (memory) EventRing;
    ring->m_capacity = capacity;
    return ring;
}

bool EventRing::push(const Event &event)
{
    const std::uint64_t head = m_head.load(std::memory_order_relaxed);
    const std::uint64_t tail = m_tail.load(std::memory_order_acquire);
    if (head - tail >= m_capacity) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    slots()[head & (m_capacity - 1)] = event;
    m_head.store(head + 1, std::memory_order_release);
    return true;
}

std::size_t EventRing::drain(Event *out, std::size_t maxCount)
{
    const std::uint64_t tail = m_tail.load(std::memory_order_relaxed);
    const std::uint64_t head = m_head.load(std::memory_order_acquire);
    std::size_t count = 0;
    while (tail + count < head && count < maxCount) {
        out[count] = slots()[(tail + count) & (m_capacity - 1)];
        ++count;
    }
    m_tail.store(tail + count, std::memory_order_release);
    return count;
}

std::uint64_t EventRing::size() const
{
    // Tail first: the head only grows, so read after the tail it can never be behind it and
    // the difference cannot wrap around into a huge number.
    const std::uint64_t tail = m_tail.load(std::memory_order_acquire);
    const std::uint64_t head = m_head.load(std::memory_order_acquire);
    return head >= tail ? head - tail : 0;
}

} // namespace conlab
