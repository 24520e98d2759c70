#include "LockTimeline.h"

#include "TimeOrder.h"

#include <algorithm>
#include <map>

namespace conlab {

LockTimeline LockTimeline::build(const TraceMeta &meta, const std::vector<Event> &events,
                                 const StateTimeline &states, std::uint64_t endNs)
{
    LockTimeline result;
    std::map<std::uint32_t, std::size_t> laneOfLock;
    for (const ObjectInfo &object : meta.objects) {
        if (object.kind == "lock") {
            laneOfLock[object.id] = result.m_lanes.size();
            result.m_lanes.push_back({object.id, {}});
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
        auto &holds = result.m_lanes[laneOfLock[event->object]].holds;
        if (event->kind == EventKind::LockAcquired) {
            if (!holds.empty() && holds.back().open && holds.back().owner == event->worker) {
                holds.back().maxDepth = std::max(holds.back().maxDepth, event->value);
                holds.back().depthSteps.emplace_back(event->timeNs, event->value);
                continue;
            }
            Hold hold;
            hold.owner = event->worker;
            hold.startNs = event->timeNs;
            hold.endNs = std::max(endNs, event->timeNs);
            hold.open = true;
            hold.maxDepth = std::max<std::uint32_t>(1, event->value);
            holds.push_back(hold);
        } else if (!holds.empty() && holds.back().open && holds.back().owner == event->worker) {
            if (event->value > 0) {
                holds.back().depthSteps.emplace_back(event->timeNs, event->value);
                continue;
            }
            holds.back().endNs = event->timeNs;
            holds.back().open = false;
        }
    }

    // Contention: a blocked-on-this-lock interval of another worker overlaps the hold.
    for (std::size_t laneIndex = 0; laneIndex < states.laneCount(); ++laneIndex) {
        const StateTimeline::Lane &lane = states.lane(laneIndex);
        for (const StateInterval &interval : lane.intervals) {
            if (interval.state != WorkerState::Blocked || interval.reason != BlockReason::Lock)
                continue;
            const auto found = laneOfLock.find(interval.object);
            if (found == laneOfLock.end())
                continue;
            for (Hold &hold : result.m_lanes[found->second].holds) {
                if (hold.owner != lane.worker && hold.startNs < interval.endNs &&
                    interval.startNs < hold.endNs)
                    hold.contended = true;
            }
        }
    }
    return result;
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
