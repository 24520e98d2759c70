#pragma once

#include "CellAccessLog.h"
#include "IoPhases.h"
#include "LaneNames.h"
#include "LockTimeline.h"
#include "OutputLog.h"
#include "QueueDepthSeries.h"
#include "StateTimeline.h"
#include "WaitForGraph.h"
#include "WakeupLinks.h"
#include "trace/EventArchive.h"
#include "trace/Trace.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Everything the window shows of one run, fed live from the stream or at once from a trace
// file: its events (packed, see EventArchive), each worker's state intervals, each queue's
// depth, running counts.
class RunRecording
{
public:
    void reset(const TraceMeta &meta);
    // No run at all, as before the first one.
    void clear();
    void append(const Event *events, std::size_t count);
    void setDropped(std::uint64_t total) { m_trace.droppedEvents = total; }
    // The live stream carries only the total; which workers lost them comes with the summary.
    void setDroppedByWorker(std::vector<std::pair<std::uint32_t, std::uint64_t>> lost)
    {
        m_trace.droppedByWorker = std::move(lost);
    }
    void setSummary(const std::string &json) { m_trace.summaryJson = json; }
    // Loads a finished trace and closes its timeline at its last event.
    void load(const Trace &trace);
    // Closes open intervals at `nowNs`: the live edge while running, the end afterwards.
    void extendTo(std::uint64_t nowNs);
    // The run is over: gives back the room kept for more of it.
    void compact() { m_timeline.compact(); }

    // The run as a trace file holds it: every event unpacked, for saving.
    Trace trace() const;
    const TraceMeta &meta() const { return m_trace.meta; }
    const std::vector<std::pair<std::uint32_t, std::uint64_t>> &droppedByWorker() const
    {
        return m_trace.droppedByWorker;
    }
    const std::string &summaryJson() const { return m_trace.summaryJson; }
    // Bytes held for the run's events and state intervals, the bulk of a long run's memory.
    std::size_t eventMemoryBytes() const;
    const StateTimeline &timeline() const { return m_timeline; }
    // How full each queue, pipe and semaphore was over time.
    const std::vector<QueueDepthSeries> &queues() const { return m_queues; }
    // Whether any queue or pipe moves items, so produced and consumed mean something.
    bool movesItems() const { return m_movesItems; }
    bool hasMeta() const { return m_hasMeta; }

    std::uint64_t produced() const { return m_produced; }
    std::uint64_t consumed() const { return m_consumed; }
    std::uint64_t eventCount() const { return m_events.size(); }
    std::uint64_t droppedEvents() const { return m_trace.droppedEvents; }
    // Time of the newest event relative to the run's start.
    std::uint64_t lastEventNs() const;

    // Lock lanes and wake-up links are rebuilt from all events, so only on demand (a few
    // times a second while live); they stay as they were between calls.
    void refreshDerived();
    // The same while a run is live: a rebuild unpacks every event so far (tens of ms on a run
    // of a million), so rebuilds are spaced to take at most a fifth of the time; a call before
    // the next is due does nothing.
    void refreshDerivedPaced();
    const LockTimeline &locks() const { return m_locks; }
    const std::vector<WakeupLinks::Link> &wakeups() const { return m_wakeups; }
    // IO lessons: each receiver's rounds with their measured phases, and every failed try.
    bool hasIo() const { return m_hasIo; }
    const std::vector<IoPhases::Round> &ioRounds() const { return m_ioRounds; }
    struct IoAttempt
    {
        std::uint32_t worker;
        std::uint64_t timeNs;
    };
    const std::vector<IoAttempt> &ioAttempts() const { return m_ioAttempts; }
    // The lines workers printed, whole lines only, in time order.
    const OutputLog &output() const { return m_output; }
    struct SentSignal
    {
        std::uint64_t timeNs;
        std::uint32_t sender;
        std::uint32_t target;
        int signal;
    };
    const std::vector<SentSignal> &sentSignals() const { return m_sentSignals; }
    // Reads and writes of shared cells, writes judged for lost updates.
    const CellAccessLog &cells() const { return m_cells; }
    // Who holds and waits for which lock now (the newest events), and the first deadlock
    // cycle seen in this run, if any.
    const WaitForGraph &waitFor() const { return m_waitFor; }
    bool hasDeadlock() const { return m_deadlockSeen; }
    const WaitForGraph::Cycle &firstDeadlock() const { return m_firstDeadlock; }
    // The wait-for graph as it was at `timeNs` (absolute), replayed from the events.
    WaitForGraph waitForAt(std::uint64_t timeNs) const;

private:
    void rebuildDerived(const std::vector<Event> &events);

    // Meta, drops and summary; its meta carries the names LaneNamed events gave a watched
    // program's lanes. Its events stay empty: they are in m_events.
    Trace m_trace;
    EventArchive m_events;
    LaneNames m_names;
    StateTimeline m_timeline;
    std::vector<QueueDepthSeries> m_queues;
    LockTimeline m_locks;
    std::vector<WakeupLinks::Link> m_wakeups;
    WaitForGraph m_waitFor;
    WaitForGraph::Cycle m_firstDeadlock;
    bool m_deadlockSeen = false;
    bool m_hasLocks = false;
    bool m_hasIo = false;
    std::vector<IoPhases::Round> m_ioRounds;
    std::vector<IoAttempt> m_ioAttempts;
    OutputLog m_output;
    std::vector<SentSignal> m_sentSignals;
    CellAccessLog m_cells;
    std::size_t m_derivedEvents = 0;
    std::chrono::steady_clock::time_point m_nextRebuild;
    std::uint64_t m_derivedEndNs = 0;
    std::uint64_t m_produced = 0;
    std::uint64_t m_consumed = 0;
    bool m_hasMeta = false;
    bool m_movesItems = false;
};

} // namespace conlab
