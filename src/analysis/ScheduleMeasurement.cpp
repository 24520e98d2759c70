#include "ScheduleMeasurement.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace conlab {

ScheduleMeasurement ScheduleMeasurement::measure(const Trace &trace,
                                                 const std::vector<std::uint32_t> &workers)
{
    ScheduleMeasurement out;
    std::unordered_map<std::uint32_t, std::size_t> index;
    for (const std::uint32_t worker : workers) {
        index[worker] = out.jobs.size();
        out.jobs.push_back(Job{worker});
    }
    struct Walk
    {
        bool arrived = false;
        bool ran = false;
        EventKind state = EventKind::WorkerNew;
        std::uint64_t sinceNs = 0;
    };
    std::vector<Walk> walks(out.jobs.size());

    std::vector<Event> events;
    for (const Event &e : trace.events)
        if (index.count(e.worker) &&
            (e.kind == EventKind::Ready || e.kind == EventKind::Running ||
             e.kind == EventKind::Blocked || e.kind == EventKind::Terminated))
            events.push_back(e);
    // A CPU handed over within one nanosecond: the release sorts before the grant.
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.timeNs != b.timeNs)
            return a.timeNs < b.timeNs;
        return a.kind != EventKind::Running && b.kind == EventKind::Running;
    });

    for (const Event &e : events) {
        const std::size_t i = index[e.worker];
        Job &job = out.jobs[i];
        Walk &walk = walks[i];
        if (walk.state == EventKind::Ready)
            job.waitingNs += e.timeNs - walk.sinceNs;
        else if (walk.state == EventKind::Running)
            job.cpuNs += e.timeNs - walk.sinceNs;
        if (e.kind == EventKind::Ready && !walk.arrived) {
            walk.arrived = true;
            job.arrivalNs = e.timeNs;
        } else if (e.kind == EventKind::Running) {
            if (!walk.ran)
                job.firstRunNs = e.timeNs;
            walk.ran = true;
            out.dispatches.push_back({e.timeNs, e.worker, e.value});
        } else if (e.kind == EventKind::Terminated) {
            job.completed = walk.arrived && walk.ran && ExitCause(e.reason) == ExitCause::Normal;
            job.completionNs = e.timeNs;
        }
        walk.state = e.kind;
        walk.sinceNs = e.timeNs;
    }

    std::uint64_t first = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t last = 0;
    std::uint64_t busy = 0;
    std::size_t completed = 0;
    for (Job &job : out.jobs) {
        busy += job.cpuNs;
        if (!job.completed)
            continue;
        ++completed;
        job.turnaroundNs = job.completionNs - job.arrivalNs;
        job.responseNs = job.firstRunNs - job.arrivalNs;
        out.avgWaitingNs += double(job.waitingNs);
        out.avgTurnaroundNs += double(job.turnaroundNs);
        out.avgResponseNs += double(job.responseNs);
        first = std::min(first, job.arrivalNs);
        last = std::max(last, job.completionNs);
    }
    if (completed > 0) {
        out.avgWaitingNs /= double(completed);
        out.avgTurnaroundNs /= double(completed);
        out.avgResponseNs /= double(completed);
    }
    if (last > first && trace.meta.cpus > 0)
        out.cpuUtilisation = double(busy) / (double(trace.meta.cpus) * double(last - first));
    return out;
}

} // namespace conlab
