#include "LockTimeline.h"

#include "TimeOrder.h"

#include <algorithm>
#include <map>

namespace conlab {

namespace {
std::uint16_t depthOf(std::uint32_t value)
{
    return std::uint16_t(std::min<std::uint32_t>(value, 0xffff));
}
} // namespace

LockTimeline LockTimeline::build(const TraceMeta &meta, const std::vector<Event> &events,
                                 const StateTimeline &states, std::uint64_t endNs)
{
    LockTimeline result;
    std::map<std::uint32_t, std::size_t> laneOfLock;
    for (const ObjectInfo &object : meta.objects) {
        if (object.kind == "lock") {
            laneOfLock[object.id] = result.m_lanes.size();
            result.m_lanes.push_back({object.id, {}, {}});
        }
    }
    if (result.m_lanes.empty())
        return result;

    std::vector<const Event *> sorted;
    for (const Event &event : events) {
        if ((event.kind == EventKind::LockAcquired || event.kind == EventKind::LockReleased) &&
            laneOfLock.count(event.object))
            sorted.push_back(&event);
    }
    sortByTime(sorted.begin(), sorted.end());
    for (const Event *event : sorted) {
        Lane &lane = result.m_lanes[laneOfLock[event->object]];
        auto &holds = lane.holds;
        const auto step = [&] {
            lane.depthSteps.push_back(
                {event->timeNs, std::uint32_t(holds.size() - 1), event->value});
        };
        if (event->kind == EventKind::LockAcquired) {
            if (!holds.empty() && holds.back().open && holds.back().owner == event->worker) {
                holds.back().maxDepth = std::max(holds.back().maxDepth, depthOf(event->value));
                step();
                continue;
            }
            Hold hold;
            hold.owner = event->worker;
            hold.startNs = event->timeNs;
            hold.endNs = std::max(endNs, event->timeNs);
            hold.open = true;
            hold.maxDepth = std::max<std::uint16_t>(1, depthOf(event->value));
            holds.push_back(hold);
        } else if (!holds.empty() && holds.back().open && holds.back().owner == event->worker) {
            if (event->value > 0) {
                step();
                continue;
            }
            holds.back().endNs = event->timeNs;
            holds.back().open = false;
        }
    }
    for (Lane &lane : result.m_lanes) {
        lane.holds.shrink_to_fit();
        lane.depthSteps.shrink_to_fit();
    }

    // Contention: a blocked-on-this-lock interval of another worker overlaps the hold. Holds
    // are in time order and do not overlap, so the ones an interval meets are found by search.
    for (std::size_t laneIndex = 0; laneIndex < states.laneCount(); ++laneIndex) {
        const StateTimeline::Lane &lane = states.lane(laneIndex);
        for (const StateInterval &interval : lane.intervals) {
            if (interval.state != WorkerState::Blocked || interval.reason != BlockReason::Lock)
                continue;
            const auto found = laneOfLock.find(interval.object);
            if (found == laneOfLock.end())
                continue;
            auto &holds = result.m_lanes[found->second].holds;
            auto hold = std::partition_point(holds.begin(), holds.end(), [&](const Hold &h) {
                return h.endNs <= interval.startNs;
            });
            for (; hold != holds.end() && hold->startNs < interval.endNs; ++hold)
                if (hold->owner != lane.worker)
                    hold->contended = true;
        }
    }
    return result;
}

std::span<const LockTimeline::DepthStep> LockTimeline::Lane::stepsOf(std::size_t index) const
{
    const auto first =
        std::partition_point(depthSteps.begin(), depthSteps.end(),
                             [index](const DepthStep &step) { return step.hold < index; });
    auto last = first;
    while (last != depthSteps.end() && last->hold == index)
        ++last;
    return {first, last};
}

const LockTimeline::Hold *LockTimeline::holdAt(std::size_t lane, std::uint64_t timeNs) const
{
    const auto &holds = m_lanes[lane].holds;
    const auto it = std::partition_point(
        holds.begin(), holds.end(), [timeNs](const Hold &hold) { return hold.endNs <= timeNs; });
    if (it != holds.end() && it->startNs <= timeNs)
        return &*it;
    return nullptr;
}

std::vector<std::uint32_t> LockTimeline::waitersAt(const StateTimeline &states, std::uint32_t lock,
                                                   std::uint64_t timeNs)
{
    std::vector<std::uint32_t> waiters;
    for (std::size_t lane = 0; lane < states.laneCount(); ++lane) {
        const StateInterval *interval = states.intervalAt(lane, timeNs);
        if (interval && interval->state == WorkerState::Blocked &&
            interval->reason == BlockReason::Lock && interval->object == lock)
            waiters.push_back(states.lane(lane).worker);
    }
    return waiters;
}

} // namespace conlab
