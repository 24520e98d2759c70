#include "EventRing.h"

#include <climits>
#include <linux/futex.h>
#include <new>
#include <sys/syscall.h>
#include <unistd.h>

namespace conlab {

std::size_t EventRing::bytesFor(std::uint32_t capacity)
{
    return sizeof(EventRing) + std::size_t(capacity) * sizeof(Event);
}

EventRing *EventRing::create(void *memory, std::uint32_t capacity,
                             std::atomic<std::uint32_t> *doorbell)
{
    auto *ring = new (memory) EventRing;
    ring->m_capacity = capacity;
    if (doorbell)
        ring->m_doorbellOffset =
            reinterpret_cast<char *>(doorbell) - reinterpret_cast<char *>(ring);
    return ring;
}

void EventRing::ringDoorbell()
{
    auto *bell = reinterpret_cast<std::atomic<std::uint32_t> *>(reinterpret_cast<char *>(this) +
                                                                m_doorbellOffset);
    bell->fetch_add(1, std::memory_order_release);
    // Shared, not private: the collector may be in another process than the producer.
    syscall(SYS_futex, reinterpret_cast<std::uint32_t *>(bell), FUTEX_WAKE, INT_MAX, nullptr,
            nullptr, 0);
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
    // Once per filling, not per event: a wake is a system call.
    if (head + 1 - tail == m_capacity / 2 && m_doorbellOffset != 0)
        ringDoorbell();
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
