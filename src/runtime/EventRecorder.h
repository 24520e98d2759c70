#pragma once

#include "trace/EventClock.h"
#include "trace/EventRing.h"

namespace conlab {

// Stamps and pushes events for one worker into its ring. Call it inside the critical
// section whose order the event must reflect: the timestamp is taken at the call, on the
// run's EventClock (TSC ticks the collector converts, or CLOCK_MONOTONIC ns).
class EventRecorder
{
public:
    EventRecorder(EventRing *ring, std::uint32_t worker) : m_ring(ring), m_worker(worker) {}

    std::uint32_t worker() const { return m_worker; }

    void record(EventKind kind, std::uint16_t reason = 0, std::uint32_t object = 0,
                std::uint32_t value = 0, std::int64_t arg = 0)
    {
        recordFor(m_worker, kind, reason, object, value, arg);
    }
    // With a timestamp taken earlier, for an event known only after the fact (a call that
    // turned out to move data was started at `timeNs`). Must not be earlier than the last one.
    // `timeNs` is CLOCK_MONOTONIC ns (monotonicNs()) or a stamp from EventClock::now().
    void recordAt(std::uint64_t timeNs, EventKind kind, std::uint32_t object = 0,
                  std::uint32_t value = 0, std::int64_t arg = 0)
    {
        m_ring->push({timeNs, m_worker, kind, 0, object, value, arg});
    }
    void recordAt(std::uint64_t timeNs, EventKind kind, std::uint16_t reason, std::uint32_t object,
                  std::uint32_t value, std::int64_t arg)
    {
        m_ring->push({timeNs, m_worker, kind, reason, object, value, arg});
    }
    // On behalf of another worker, at a time measured earlier: a lane whose worker could not
    // record for itself (a probe process that only reports the moment it began).
    void recordForAt(std::uint64_t timeNs, std::uint32_t worker, EventKind kind,
                     std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                     std::int64_t arg = 0)
    {
        m_ring->push({timeNs, worker, kind, reason, object, value, arg});
    }
    // For the control ring, which records on behalf of workers (creation, death by signal).
    void recordFor(std::uint32_t worker, EventKind kind, std::uint16_t reason = 0,
                   std::uint32_t object = 0, std::uint32_t value = 0, std::int64_t arg = 0)
    {
        m_ring->push({EventClock::now(), worker, kind, reason, object, value, arg});
    }

private:
    EventRing *m_ring;
    std::uint32_t m_worker;
};

} // namespace conlab
