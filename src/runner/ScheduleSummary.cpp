#include "ScheduleSummary.h"

#include "analysis/ScheduleMeasurement.h"
#include "runtime/JobScheduling.h"
#include "runtime/JobTableRunner.h"
#include "trace/JsonWriter.h"
#include "trace/Trace.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace conlab {

void ScheduleSummary::write(JsonWriter &json, const Trace &trace, const JobTableRunner &jobs,
                            const JobScheduling *model, const std::string &jobsPath)
{
    const JobTable &table = jobs.jobsNs();
    std::vector<std::uint32_t> workers;
    for (std::size_t j = 0; j < table.jobs.size(); ++j)
        workers.push_back(jobs.firstJobWorker() + std::uint32_t(j));
    const ScheduleMeasurement measured = ScheduleMeasurement::measure(trace, workers);
    auto rounded = [](double ns) {
        return std::int64_t(std::llround(ns));
    };
    auto metrics = [&](std::size_t j, bool done, std::uint64_t waiting, std::uint64_t turnaround,
                       std::uint64_t response) {
        json.beginObject();
        json.key("name").value(table.jobs[j].name);
        // A job the run cut short has no turnaround; -1 says so without breaking the shape.
        json.key("waiting_ns").value(done ? std::int64_t(waiting) : -1);
        json.key("turnaround_ns").value(done ? std::int64_t(turnaround) : -1);
        json.key("response_ns").value(done ? std::int64_t(response) : -1);
        json.endObject();
    };

    if (!jobsPath.empty())
        json.key("jobs_file").value(jobsPath);
    json.key("jobs").beginArray();
    for (std::size_t j = 0; j < measured.jobs.size(); ++j) {
        const auto &job = measured.jobs[j];
        metrics(j, job.completed, job.waitingNs, job.turnaroundNs, job.responseNs);
    }
    json.endArray();
    json.key("avg_waiting_ns").value(rounded(measured.avgWaitingNs));
    json.key("avg_turnaround_ns").value(rounded(measured.avgTurnaroundNs));
    json.key("avg_response_ns").value(rounded(measured.avgResponseNs));
    // The kernel's dispatches are not observed one by one and no model predicts them.
    if (!model)
        return;
    const Schedule expected = model->expectedSchedule();
    json.key("cpu_utilisation").value(measured.cpuUtilisation);
    json.key("dispatches").beginArray();
    for (const auto &d : measured.dispatches) {
        json.beginObject();
        json.key("worker").value(trace.meta.workerName(d.worker));
        json.key("cpu").value(d.cpu);
        json.endObject();
    }
    json.endArray();
    // CPU by CPU: dispatches at one instant on two CPUs are stamped in either order.
    std::vector<std::vector<std::uint32_t>> measuredLanes(trace.meta.cpus);
    std::vector<std::vector<std::uint32_t>> expectedLanes(trace.meta.cpus);
    bool lanesFit = true;
    for (const auto &d : measured.dispatches)
        if ((lanesFit = lanesFit && d.cpu < trace.meta.cpus))
            measuredLanes[d.cpu].push_back(d.worker);
    for (const auto &d : expected.dispatches)
        if ((lanesFit = lanesFit && d.cpu < trace.meta.cpus))
            expectedLanes[d.cpu].push_back(jobs.firstJobWorker() + d.job);
    json.key("dispatches_match").value(lanesFit && measuredLanes == expectedLanes);

    json.key("expected").beginObject();
    json.key("jobs").beginArray();
    for (std::size_t j = 0; j < expected.jobs.size(); ++j) {
        const auto &job = expected.jobs[j];
        metrics(j, true, job.waitingNs, job.turnaroundNs, job.responseNs);
    }
    json.endArray();
    json.key("avg_waiting_ns").value(rounded(expected.avgWaitingNs));
    json.key("avg_turnaround_ns").value(rounded(expected.avgTurnaroundNs));
    json.key("avg_response_ns").value(rounded(expected.avgResponseNs));
    json.key("cpu_utilisation").value(expected.cpuUtilisation);
    json.key("dispatches").beginArray();
    for (const auto &d : expected.dispatches) {
        json.beginObject();
        json.key("worker").value(table.jobs[d.job].name);
        json.key("cpu").value(d.cpu);
        json.endObject();
    }
    json.endArray();
    json.key("races").beginArray();
    for (const auto &race : expected.races)
        json.value(race);
    json.endArray();
    json.endObject();
}

} // namespace conlab
