#include "StateTimeline.h"

#include <algorithm>

namespace conlab {

void StateTimeline::reset(const TraceMeta &meta)
{
    m_meta = meta;
    m_names.clear();
    m_lanes.clear();
    m_laneOfWorker.clear();
    m_lanesAsSeen = meta.sampleNs > 0 && (meta.scenario == "exec" || meta.scenario == "attach");
    for (const auto &worker : meta.workers)
        if (!m_lanesAsSeen || worker.id == 0)
            addLane(worker.id);
    m_firstNs = meta.startNs;
    m_lastNs = meta.startNs;
}

void StateTimeline::addLane(std::uint32_t worker)
{
    // Readers refuse headers past TraceMeta::kMaxWorkers; a meta built any other way (the
    // paint benchmark's thousand lanes) may go further, but must not size the table after an
    // absurd id (4294967295 + 1 wraps to 0) or give one worker two lanes.
    constexpr std::uint32_t kLaneTableLimit = 1u << 16;
    if (worker >= kLaneTableLimit ||
        (worker < m_laneOfWorker.size() && m_laneOfWorker[worker] >= 0))
        return;
    if (worker >= m_laneOfWorker.size())
        m_laneOfWorker.resize(worker + 1, -1);
    m_laneOfWorker[worker] = int(m_lanes.size());
    Lane lane;
    lane.worker = worker;
    m_lanes.push_back(std::move(lane));
}

int StateTimeline::laneOf(std::uint32_t worker) const
{
    return worker < m_laneOfWorker.size() ? m_laneOfWorker[worker] : -1;
}

void StateTimeline::begin(Lane &lane, const StateInterval &next)
{
    if (!lane.intervals.empty()) {
        StateInterval &last = lane.intervals.back();
        // A terminated worker stays terminated: anything later (a late control-ring record of
        // the same death) must not reopen the lane.
        if (last.state == WorkerState::Terminated)
            return;
        last.endNs = std::max(last.startNs, next.startNs);
        last.open = false;
    }
    lane.intervals.push_back(next);
    lane.intervals.back().open = true;
    lane.intervals.back().endNs = next.startNs;
    lane.coverage.update(lane.intervals);
}

void StateTimeline::append(const Event *events, std::size_t count)
{
    m_names.apply(events, count, m_meta);
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        int index = laneOf(e.worker);
        if (index < 0 && m_lanesAsSeen && m_meta.worker(e.worker)) {
            addLane(e.worker);
            index = laneOf(e.worker);
        }
        if (index < 0)
            continue;
        Lane &lane = m_lanes[std::size_t(index)];
        m_lastNs = std::max(m_lastNs, e.timeNs);
        StateInterval next;
        next.startNs = e.timeNs;
        switch (e.kind) {
        case EventKind::WorkerNew:
            next.state = WorkerState::New;
            break;
        case EventKind::WorkerStarted:
            lane.pid = e.arg;
            lane.tid = e.value;
            lane.ppid = e.object;
            continue;
        case EventKind::Ready:
            next.state = WorkerState::Ready;
            break;
        case EventKind::Running:
            next.state = WorkerState::Running;
            next.cpu = std::int16_t(std::int32_t(e.value));
            next.object = e.reason; // an MLFQ level + 1 (| kRunLifted), else 0
            break;
        case EventKind::Blocked:
            next.state = WorkerState::Blocked;
            next.reason = BlockReason(e.reason);
            next.object = e.object;
            break;
        case EventKind::Terminated:
            next.state = WorkerState::Terminated;
            next.exitCause = ExitCause(e.reason);
            next.exitArg = std::int32_t(e.arg);
            break;
        default:
            continue;
        }
        begin(lane, next);
    }
}

void StateTimeline::extendOpenTo(std::uint64_t nowNs)
{
    m_lastNs = std::max(m_lastNs, nowNs);
    for (auto &lane : m_lanes)
        if (!lane.intervals.empty() && lane.intervals.back().open)
            lane.intervals.back().endNs = std::max(lane.intervals.back().startNs, nowNs);
}

void StateTimeline::reserveFor(const Event *events, std::size_t count)
{
    std::vector<std::size_t> more(m_lanes.size(), 0);
    for (std::size_t i = 0; i < count; ++i) {
        const EventKind kind = events[i].kind;
        const bool changesState = kind == EventKind::WorkerNew || kind == EventKind::Ready ||
                                  kind == EventKind::Running || kind == EventKind::Blocked ||
                                  kind == EventKind::Terminated;
        if (const int lane = laneOf(events[i].worker); changesState && lane >= 0)
            ++more[std::size_t(lane)];
    }
    for (std::size_t lane = 0; lane < m_lanes.size(); ++lane)
        m_lanes[lane].intervals.reserve(m_lanes[lane].intervals.size() + more[lane]);
}

void StateTimeline::compact()
{
    for (auto &lane : m_lanes) {
        lane.intervals.shrink_to_fit();
        lane.coverage.compact();
    }
}

std::size_t StateTimeline::firstIntervalEndingAfter(std::size_t lane, std::uint64_t timeNs) const
{
    return m_lanes[lane].coverage.find(m_lanes[lane].intervals, timeNs);
}

std::size_t StateTimeline::firstIntervalEndingAfter(std::size_t lane, std::uint64_t timeNs,
                                                    std::size_t near) const
{
    return m_lanes[lane].coverage.find(m_lanes[lane].intervals, timeNs, near);
}

StateCoverage::Totals StateTimeline::timeBefore(std::size_t lane, std::size_t index,
                                                std::uint64_t timeNs) const
{
    return m_lanes[lane].coverage.before(m_lanes[lane].intervals, index, timeNs);
}

StateCoverage::Totals StateTimeline::timeIn(std::size_t lane, std::uint64_t fromNs,
                                            std::uint64_t toNs) const
{
    const std::size_t first = firstIntervalEndingAfter(lane, fromNs);
    StateCoverage::Totals totals =
        timeBefore(lane, firstIntervalEndingAfter(lane, toNs, first), toNs);
    const StateCoverage::Totals earlier = timeBefore(lane, first, fromNs);
    for (std::size_t kind = 0; kind < totals.size(); ++kind)
        totals[kind] -= std::min(totals[kind], earlier[kind]);
    return totals;
}

const StateInterval *StateTimeline::intervalAt(std::size_t lane, std::uint64_t timeNs) const
{
    const auto &intervals = m_lanes[lane].intervals;
    const std::size_t i = firstIntervalEndingAfter(lane, timeNs);
    if (i < intervals.size() && intervals[i].startNs <= timeNs)
        return &intervals[i];
    return nullptr;
}

} // namespace conlab
