#include "IoPhases.h"

#include <algorithm>
#include <unordered_map>

namespace conlab {

namespace {

bool isState(EventKind kind)
{
    return kind == EventKind::WorkerNew || kind == EventKind::Ready || kind == EventKind::Running ||
           kind == EventKind::Blocked || kind == EventKind::Terminated;
}

struct Span
{
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

std::uint64_t overlap(const std::vector<Span> &spans, std::uint64_t begin, std::uint64_t end)
{
    std::uint64_t total = 0;
    for (const Span &s : spans) {
        const std::uint64_t from = std::max(s.begin, begin);
        const std::uint64_t to = std::min(s.end, end);
        if (to > from)
            total += to - from;
    }
    return total;
}

// Per worker, the spans it was Blocked for `reason`; one still open ends at the last event.
std::unordered_map<std::uint32_t, std::vector<Span>> blockedSpans(const std::vector<Event> &events,
                                                                  BlockReason reason)
{
    std::unordered_map<std::uint32_t, std::vector<Span>> spans;
    std::unordered_map<std::uint32_t, std::uint64_t> since;
    std::uint64_t lastNs = 0;
    for (const Event &e : events) {
        lastNs = std::max(lastNs, e.timeNs);
        if (!isState(e.kind))
            continue;
        const auto open = since.find(e.worker);
        if (open != since.end()) {
            spans[e.worker].push_back({open->second, e.timeNs});
            since.erase(open);
        }
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == reason)
            since[e.worker] = e.timeNs;
    }
    for (const auto &[worker, begin] : since)
        spans[worker].push_back({begin, lastNs});
    return spans;
}

std::uint64_t key(std::uint32_t object, std::uint32_t round)
{
    return (std::uint64_t(object) << 32) | round;
}

} // namespace

std::uint64_t IoPhases::Round::waitNs() const
{
    const std::uint64_t end = waitEndNs();
    return end > waitBeginNs ? end - waitBeginNs : 0;
}

std::uint64_t IoPhases::Round::copyNs() const
{
    return copyEndNs > copyBeginNs && copyBeginNs ? copyEndNs - copyBeginNs : 0;
}

std::int64_t IoPhases::Round::waitEndLagNs() const
{
    if (!arrivalNs)
        return 0;
    const auto lag = std::int64_t(waitEndNs()) - std::int64_t(arrivalNs);
    return lag < 0 ? -lag : lag;
}

std::vector<IoPhases::Round> IoPhases::rounds(const Trace &trace)
{
    return rounds(trace.events);
}

std::vector<IoPhases::Round> IoPhases::rounds(const std::vector<Event> &events)
{
    std::unordered_map<std::uint64_t, std::uint64_t> sentAt;
    for (const Event &e : events)
        if (e.kind == EventKind::IoSent && !sentAt.count(key(e.object, e.value)))
            sentAt[key(e.object, e.value)] = e.timeNs;
    auto arrival = [&](std::uint32_t object, std::uint32_t round) -> std::uint64_t {
        const auto it = sentAt.find(key(object, round));
        return it == sentAt.end() ? 0 : it->second;
    };

    std::vector<Round> out;
    std::unordered_map<std::uint32_t, std::size_t> open; // worker -> index into out
    for (const Event &e : events) {
        if (e.kind == EventKind::IoWaitBegin) {
            Round r;
            r.worker = e.worker;
            r.round = e.value;
            r.connection = e.object;
            r.waitBeginNs = e.timeNs;
            open[e.worker] = out.size();
            out.push_back(r);
            continue;
        }
        const auto it = open.find(e.worker);
        if (it == open.end())
            continue;
        Round &r = out[it->second];
        switch (e.kind) {
        case EventKind::IoAttempt:
            ++r.attempts;
            break;
        case EventKind::IoNotified:
            ++r.wakeups;
            if (!r.notifiedNs) {
                r.notifiedNs = e.timeNs;
                r.arrivalNs = arrival(e.object, r.round);
            }
            break;
        case EventKind::IoCopyBegin:
            if (!r.copyBeginNs)
                r.copyBeginNs = e.timeNs;
            break;
        case EventKind::IoCopyEnd:
            r.copyEndNs = e.timeNs;
            ++r.connectionsServed;
            r.bytes += std::uint64_t(std::max<std::int64_t>(e.arg, 0));
            break;
        case EventKind::IoRoundDone:
            r.doneNs = e.timeNs;
            r.syscalls = e.value;
            r.waitCpuNs = e.arg;
            open.erase(it);
            break;
        default:
            break;
        }
    }

    const auto blocked = blockedSpans(events, BlockReason::Io);
    std::uint64_t lastNs = 0;
    for (const Event &e : events)
        lastNs = std::max(lastNs, e.timeNs);
    for (Round &r : out) {
        if (!r.notifiedNs)
            r.arrivalNs = arrival(r.connection, r.round);
        const auto spans = blocked.find(r.worker);
        if (spans == blocked.end()) {
            r.waitNotBlockedNs = r.waitNs();
            continue;
        }
        r.blockedIoNs = overlap(spans->second, r.waitBeginNs, r.doneNs ? r.doneNs : lastNs);
        if (r.waitEndNs() > r.waitBeginNs)
            r.waitNotBlockedNs = r.waitNs() - overlap(spans->second, r.waitBeginNs, r.waitEndNs());
    }
    return out;
}

std::uint64_t IoPhases::blockedNs(const Trace &trace, std::uint32_t worker, BlockReason reason)
{
    const auto spans = blockedSpans(trace.events, reason);
    const auto it = spans.find(worker);
    return it == spans.end() ? 0 : overlap(it->second, 0, ~std::uint64_t(0));
}

} // namespace conlab
