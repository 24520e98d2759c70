#pragma once

#include "LaneNames.h"
#include "StateCoverage.h"
#include "StateInterval.h"
#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// Per-worker state intervals, built incrementally from events as they arrive (live) or all
// at once (from a file). Each worker's events must arrive in its own time order; workers may
// interleave freely. Queries binary-search, and each lane keeps the time it spent in each
// kind of state (StateCoverage), so drawing costs what is visible, intervals or pixels.
class StateTimeline
{
public:
    struct Lane
    {
        std::uint32_t worker = 0;
        std::int64_t pid = 0;
        std::int64_t tid = 0;
        std::int64_t ppid = 0; // the parent of the worker's process
        std::vector<StateInterval> intervals;
        StateCoverage coverage; // of `intervals`, for drawing them zoomed out
    };

    void reset(const TraceMeta &meta);
    void append(const Event *events, std::size_t count);
    void append(const std::vector<Event> &events) { append(events.data(), events.size()); }
    // Stretches every open interval to `nowNs` (the live edge, or the end of the run).
    void extendOpenTo(std::uint64_t nowNs);
    // Gives back the room grown for intervals still to come: once a run is complete, a lane's
    // list may otherwise hold up to twice what it uses.
    void compact();
    // Makes room for the intervals `events` will add, so that a whole trace taken in at once
    // fills each lane's list without growing (and copying) it on the way.
    void reserveFor(const Event *events, std::size_t count);

    const TraceMeta &meta() const { return m_meta; }
    std::size_t laneCount() const { return m_lanes.size(); }
    const Lane &lane(std::size_t index) const { return m_lanes[index]; }
    // Lane index of a worker id, or -1.
    int laneOf(std::uint32_t worker) const;
    // Index of the first interval of `lane` that ends after `timeNs`.
    std::size_t firstIntervalEndingAfter(std::size_t lane, std::uint64_t timeNs) const;
    // The same, searched for outwards from `near`: a walk along the lane pays for how far it
    // moves, not for the lane's length.
    std::size_t firstIntervalEndingAfter(std::size_t lane, std::uint64_t timeNs,
                                         std::size_t near) const;
    // Time per kind of state `lane` spent before `timeNs`, `index` being the first interval
    // ending after it; the difference of two is the time per kind in between.
    StateCoverage::Totals timeBefore(std::size_t lane, std::size_t index,
                                     std::uint64_t timeNs) const;
    void prefetch(std::size_t lane, std::uint64_t timeNs, std::size_t near) const
    {
        m_lanes[lane].coverage.prefetch(m_lanes[lane].intervals, timeNs, near);
    }
    StateCoverage::Totals timeIn(std::size_t lane, std::uint64_t fromNs, std::uint64_t toNs) const;
    // The interval covering `timeNs` on `lane`, or nullptr.
    const StateInterval *intervalAt(std::size_t lane, std::uint64_t timeNs) const;

    std::uint64_t firstNs() const { return m_firstNs; }
    std::uint64_t lastNs() const { return m_lastNs; }

private:
    void begin(Lane &lane, const StateInterval &next);
    void addLane(std::uint32_t worker);

    TraceMeta m_meta; // with the names LaneNamed events gave a watched program's lanes
    LaneNames m_names;
    std::vector<Lane> m_lanes;
    std::vector<int> m_laneOfWorker;
    // A watched program's lanes are declared in advance as placeholders; each gets a lane
    // only once its first event arrives, in the order they appear.
    bool m_lanesAsSeen = false;
    std::uint64_t m_firstNs = 0;
    std::uint64_t m_lastNs = 0;
};

} // namespace conlab
