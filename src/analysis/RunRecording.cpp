#include "RunRecording.h"

#include "TimeOrder.h"

#include <algorithm>

namespace conlab {

void RunRecording::clear()
{
    reset(TraceMeta());
    m_hasMeta = false;
}

void RunRecording::reset(const TraceMeta &meta)
{
    m_trace = Trace{};
    m_trace.meta = meta;
    m_events.clear();
    m_names.clear();
    m_timeline.reset(meta);
    m_queues.clear();
    m_movesItems = false;
    for (const ObjectInfo &object : meta.objects) {
        const bool moves = object.kind == "queue" || object.kind == "pipe";
        m_movesItems = m_movesItems || moves;
        if (moves || object.kind == "semaphore")
            m_queues.emplace_back(object.id);
    }
    m_produced = 0;
    m_consumed = 0;
    m_hasMeta = true;
    m_locks = LockTimeline{};
    m_wakeups.clear();
    m_waitFor.clear();
    m_firstDeadlock = {};
    m_deadlockSeen = false;
    m_derivedEvents = 0;
    m_derivedEndNs = 0;
    m_nextRebuild = {};
    m_hasLocks = false;
    m_hasIo = false;
    m_ioRounds.clear();
    m_ioAttempts.clear();
    m_output.clear();
    m_sentSignals.clear();
    m_cells.reset(meta);
    for (const ObjectInfo &object : meta.objects)
        m_hasLocks = m_hasLocks || object.kind == "lock";
}

void RunRecording::append(const Event *events, std::size_t count)
{
    m_events.append(events, count);
    m_names.apply(events, count, m_trace.meta);
    m_timeline.append(events, count);
    m_output.append(events, count);
    m_cells.append(events, count);
    for (QueueDepthSeries &queue : m_queues)
        queue.append(events, count);
    if (m_hasLocks) {
        for (std::size_t i = 0; i < count; ++i) {
            m_waitFor.apply(events[i]);
            // Looked for at each new wait, not once per batch: a whole trace loaded at once
            // ends with the cycle already broken by the time limit.
            if (!m_deadlockSeen && events[i].kind == EventKind::Blocked &&
                BlockReason(events[i].reason) == BlockReason::Lock) {
                const auto cycles = m_waitFor.cycles();
                if (!cycles.empty()) {
                    m_firstDeadlock = cycles.front();
                    m_deadlockSeen = true;
                }
            }
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        if (e.kind >= EventKind::IoSent && e.kind <= EventKind::IoRoundDone) {
            m_hasIo = true;
            if (e.kind == EventKind::IoAttempt)
                m_ioAttempts.push_back({e.worker, e.timeNs});
            continue;
        }
        if (e.kind == EventKind::SignalSent) {
            m_sentSignals.push_back({e.timeNs, e.worker, e.object, int(e.value)});
            continue;
        }
        if (e.arg >= kSentinelItem)
            continue;
        if (e.kind == EventKind::QueuePut)
            ++m_produced;
        else if (e.kind == EventKind::QueueGet)
            ++m_consumed;
    }
}

void RunRecording::load(const Trace &trace)
{
    reset(trace.meta);
    m_timeline.reserveFor(trace.events.data(), trace.events.size());
    append(trace.events.data(), trace.events.size());
    m_trace.droppedEvents = trace.droppedEvents;
    m_trace.droppedByWorker = trace.droppedByWorker;
    m_trace.summaryJson = trace.summaryJson;
    m_timeline.extendOpenTo(m_timeline.lastNs());
    m_timeline.compact();
    // The file's events are at hand unpacked: the analyses use them before they go.
    rebuildDerived(trace.events);
}

Trace RunRecording::trace() const
{
    Trace out = m_trace;
    out.events = m_events.events();
    return out;
}

std::size_t RunRecording::eventMemoryBytes() const
{
    std::size_t bytes = m_events.memoryBytes();
    for (std::size_t lane = 0; lane < m_timeline.laneCount(); ++lane) {
        const auto &l = m_timeline.lane(lane);
        bytes += l.intervals.capacity() * sizeof(StateInterval) + l.coverage.memoryBytes();
    }
    return bytes;
}

void RunRecording::refreshDerived()
{
    if (m_events.size() == m_derivedEvents && m_timeline.lastNs() == m_derivedEndNs)
        return;
    // Unpacked for the rebuild only: the lock lanes and links point into the events while they
    // are made, and keep none of them.
    rebuildDerived(m_events.events());
}

void RunRecording::refreshDerivedPaced()
{
    const auto start = std::chrono::steady_clock::now();
    if (start < m_nextRebuild)
        return;
    if (m_events.size() == m_derivedEvents && m_timeline.lastNs() == m_derivedEndNs)
        return;
    refreshDerived();
    const auto end = std::chrono::steady_clock::now();
    m_nextRebuild = end + 4 * (end - start);
}

void RunRecording::rebuildDerived(const std::vector<Event> &events)
{
    m_derivedEvents = m_events.size();
    m_derivedEndNs = m_timeline.lastNs();
    m_locks = LockTimeline::build(m_trace.meta, events, m_timeline, m_derivedEndNs);
    m_wakeups = WakeupLinks::build(events);
    if (m_hasIo)
        m_ioRounds = IoPhases::rounds(events);
}

WaitForGraph RunRecording::waitForAt(std::uint64_t timeNs) const
{
    std::vector<Event> upTo;
    m_events.forEach([&](const Event *batch, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i)
            if (batch[i].timeNs <= timeNs)
                upTo.push_back(batch[i]);
    });
    sortByTime(upTo.begin(), upTo.end());
    WaitForGraph graph;
    graph.apply(upTo);
    return graph;
}

void RunRecording::extendTo(std::uint64_t nowNs)
{
    m_timeline.extendOpenTo(nowNs);
}

std::uint64_t RunRecording::lastEventNs() const
{
    const std::uint64_t last = m_timeline.lastNs();
    return last > m_trace.meta.startNs ? last - m_trace.meta.startNs : 0;
}

} // namespace conlab
