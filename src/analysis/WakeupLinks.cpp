#include "WakeupLinks.h"

#include "TimeOrder.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

namespace conlab {

namespace {

// Which action of another worker ends a wait for `reason`.
bool wakes(BlockReason reason, const Event &event)
{
    switch (reason) {
    case BlockReason::Lock:
        return event.kind == EventKind::LockReleased && event.value == 0;
    case BlockReason::Semaphore:
        return event.kind == EventKind::SemReleased;
    case BlockReason::Event:
        return event.kind == EventKind::EventSet;
    case BlockReason::QueueFull:
        return event.kind == EventKind::QueueGet;
    case BlockReason::QueueEmpty:
        return event.kind == EventKind::QueuePut;
    case BlockReason::QueueJoin:
        return event.kind == EventKind::TaskDone;
    default:
        return false;
    }
}

bool isStateChange(EventKind kind)
{
    return kind == EventKind::Ready || kind == EventKind::Running || kind == EventKind::Blocked ||
           kind == EventKind::Terminated;
}

} // namespace

std::vector<WakeupLinks::Link> WakeupLinks::build(const std::vector<Event> &events)
{
    std::vector<Link> links;
    // Per worker, the wait it is in: what for, and on which object.
    std::unordered_map<std::uint32_t, const Event *> waiting;
    // Per object, the latest action that could have woken someone, with its worker.
    std::map<std::pair<std::uint32_t, EventKind>, const Event *> lastAction;
    const auto visit = [&](const Event *event) {
        switch (event->kind) {
        case EventKind::LockReleased:
        case EventKind::SemReleased:
        case EventKind::EventSet:
        case EventKind::QueuePut:
        case EventKind::QueueGet:
        case EventKind::TaskDone:
            lastAction[{event->object, event->kind}] = event;
            break;
        default:
            break;
        }
        if (!isStateChange(event->kind))
            return;
        const auto found = waiting.find(event->worker);
        if (found != waiting.end()) {
            const Event *blocked = found->second;
            waiting.erase(found);
            const auto reason = BlockReason(blocked->reason);
            const Event *cause = nullptr;
            for (const auto &[key, action] : lastAction) {
                if (key.first == blocked->object && action->worker != event->worker &&
                    action->timeNs >= blocked->timeNs && wakes(reason, *action) &&
                    (!cause || action->timeNs > cause->timeNs))
                    cause = action;
            }
            if (cause && event->kind != EventKind::Terminated)
                links.push_back(
                    {cause->worker, cause->timeNs, event->worker, event->timeNs, blocked->object});
        }
        if (event->kind == EventKind::Blocked)
            waiting[event->worker] = event;
    };
    // A recorded run is in time order already: only another order needs a sorted copy of
    // pointers, 8 bytes an event.
    const auto earlier = [](const Event &a, const Event &b) {
        return a.timeNs < b.timeNs;
    };
    if (std::is_sorted(events.begin(), events.end(), earlier)) {
        for (const Event &event : events)
            visit(&event);
        return links;
    }
    std::vector<const Event *> sorted;
    sorted.reserve(events.size());
    for (const Event &event : events)
        sorted.push_back(&event);
    sortByTime(sorted.begin(), sorted.end());
    for (const Event *event : sorted)
        visit(event);
    return links;
}

} // namespace conlab
