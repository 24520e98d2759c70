#include "MultiprogrammingScenario.h"

#include "ScenarioParameters.h"
#include "analysis/ScheduleMeasurement.h"
#include "runtime/PolicySimulator.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace conlab {

namespace {
// The job table's time unit is the millisecond of the parameters.
constexpr double kNsPerMs = 1e6;
} // namespace

Scenario::Info MultiprogrammingScenario::info() const
{
    return {"multiprogramming", "Multiprogramming", 7, "CPU scheduling"};
}

std::vector<ParameterSpec> MultiprogrammingScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("jobs", "Jobs", "", 1, 8, 3,
                   "How many jobs; both ways of running them get the same ones."),
        P::integer("cpu", "CPU burst", "ms", 1, 1000, 60,
                   "How long each burst of computing takes."),
        P::integer("io", "IO burst", "ms", 1, 2000, 120,
                   "How long each IO wait between two CPU bursts takes."),
        P::integer("bursts", "CPU bursts per job", "", 2, 6, 3,
                   "CPU bursts in each job, with an IO wait between each two."),
        P::choice("mode", "Run", {"both", "batch", "multiprogrammed"},
                  {"batch, then multiprogrammed", "batch only", "multiprogrammed only"},
                  "Batch loads one job at a time; multiprogrammed loads them all at once."),
        kindParameter(),
        timeScaleParameter(),
    };
}

JobTable MultiprogrammingScenario::tableFor(const ParameterSet &values) const
{
    if (givenTable())
        return *givenTable();
    Job job;
    for (std::int64_t b = 0; b < values.integer("bursts"); ++b) {
        if (b > 0)
            job.bursts.push_back(std::uint64_t(values.integer("io")));
        job.bursts.push_back(std::uint64_t(values.integer("cpu")));
    }
    JobTable table;
    for (std::int64_t j = 1; j <= values.integer("jobs"); ++j) {
        job.name = std::to_string(j);
        table.jobs.push_back(job);
    }
    return table;
}

std::vector<MultiprogrammingScenario::Phase>
MultiprogrammingScenario::phasesFor(const ParameterSet &values, std::size_t jobsPerPhase)
{
    const std::string mode = values.text("mode");
    std::vector<Phase> phases;
    if (mode != "multiprogrammed")
        phases.push_back({true, 0, jobsPerPhase});
    if (mode != "batch")
        phases.push_back({false, phases.size() * jobsPerPhase, jobsPerPhase});
    return phases;
}

JobTable MultiprogrammingScenario::jobsToRun(const JobTable &table,
                                             const ParameterSet &values) const
{
    // Arrivals as the model has them: a batch job when the one before it would end (it has
    // the CPU to itself, so after its bursts and waits add up), the multiprogrammed ones
    // together when the last batch job would. A table's own arrivals play no part.
    JobTable run;
    std::uint64_t clock = 0;
    for (const Phase &phase : phasesFor(values, table.jobs.size())) {
        const std::uint64_t start = clock;
        for (const Job &job : table.jobs) {
            Job copy = job;
            copy.name = (phase.batch ? "batch-" : "multi-") + job.name;
            copy.arrival = phase.batch ? clock : start;
            for (const std::uint64_t burst : job.bursts)
                clock += phase.batch ? burst : 0;
            run.jobs.push_back(std::move(copy));
        }
    }
    return run;
}

TraceMeta MultiprogrammingScenario::describe(const ParameterSet &values) const
{
    // One virtual CPU, not a parameter: the lesson is what one CPU does while jobs wait.
    TraceMeta meta = baseMeta(values);
    meta.cpus = 1;
    const JobTable run = jobsToRun(tableFor(values), values);
    for (std::size_t j = 0; j < run.jobs.size(); ++j)
        meta.workers.push_back({std::uint32_t(firstJobWorker() + j), "job", run.jobs[j].name});
    return meta;
}

bool MultiprogrammingScenario::setup(Arena &arena, const ParameterSet &values)
{
    if (!setupJobs(arena, values, kNsPerMs * values.real("time-scale"), SchedulerConfig(), 1))
        return false;
    const std::size_t perPhase =
        values.text("mode") == "both" ? jobsNs().jobs.size() / 2 : jobsNs().jobs.size();
    m_phases = phasesFor(values, perPhase);
    return true;
}

const MultiprogrammingScenario::Phase *MultiprogrammingScenario::phaseOf(std::size_t index) const
{
    for (const Phase &phase : m_phases)
        if (index >= phase.first && index < phase.first + phase.count)
            return &phase;
    return nullptr;
}

bool MultiprogrammingScenario::arrivesOnItsOwn(std::size_t index) const
{
    // Main loads what the run starts with; every later job is loaded by the exit before it.
    const Phase *phase = phaseOf(index);
    return phase == &m_phases.front() && (!phase->batch || index == phase->first);
}

void MultiprogrammingScenario::jobEnded(std::size_t index)
{
    const Phase *phase = phaseOf(index);
    if (!phase || !phase->batch)
        return;
    // Loaded at the instant this job's exit is noticed, not when the model says it would be:
    // the CPU's idle time between two batch jobs is measured, not assumed.
    const std::uint64_t now = monotonicNs();
    if (index + 1 < phase->first + phase->count)
        return loadJob(index + 1, now);
    if (phase + 1 == m_phases.data() + m_phases.size())
        return;
    const Phase &next = *(phase + 1);
    // In table order: jobs ready at one instant are served in the order they were loaded.
    for (std::size_t j = next.first; j < next.first + next.count; ++j)
        loadJob(j, now);
}

void MultiprogrammingScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    const Schedule expected = expectedSchedule();
    for (const Phase &phase : m_phases) {
        std::vector<std::uint32_t> workers;
        for (std::size_t j = phase.first; j < phase.first + phase.count; ++j)
            workers.push_back(firstJobWorker() + std::uint32_t(j));
        const ScheduleMeasurement measured = ScheduleMeasurement::measure(trace, workers);
        // A phase cut short by a stop has no makespan to speak of.
        if (!std::all_of(measured.jobs.begin(), measured.jobs.end(),
                         [](const ScheduleMeasurement::Job &job) { return job.completed; }))
            continue;
        // From the first arrival to the last exit of the phase's own jobs; one CPU, so the
        // time they spent running is the time it was busy.
        auto span = [](const auto &jobs, std::uint64_t &busy) {
            std::uint64_t first = std::numeric_limits<std::uint64_t>::max();
            std::uint64_t last = 0;
            busy = 0;
            for (const auto &job : jobs) {
                first = std::min(first, job.arrivalNs);
                last = std::max(last, job.completionNs);
                busy += job.cpuNs;
            }
            return last > first ? last - first : 0;
        };
        std::uint64_t busy = 0;
        const std::uint64_t makespan = span(measured.jobs, busy);
        const std::vector<Schedule::JobResult> model(
            expected.jobs.begin() + std::ptrdiff_t(phase.first),
            expected.jobs.begin() + std::ptrdiff_t(phase.first + phase.count));
        std::uint64_t modelBusy = 0;
        const std::uint64_t modelMakespan = span(model, modelBusy);

        json.key(phase.batch ? "batch" : "multiprogrammed").beginObject();
        json.key("jobs").value(std::uint64_t(phase.count));
        json.key("utilisation").value(makespan > 0 ? double(busy) / double(makespan) : 0.0);
        json.key("makespan_ns").value(makespan);
        json.key("cpu_busy_ns").value(busy);
        json.key("expected_utilisation")
            .value(modelMakespan > 0 ? double(modelBusy) / double(modelMakespan) : 0.0);
        json.key("expected_makespan_ns").value(modelMakespan);
        json.endObject();
    }
}

} // namespace conlab
