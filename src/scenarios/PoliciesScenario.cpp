#include "PoliciesScenario.h"

#include "ScenarioParameters.h"
#include "runtime/CpuGate.h"
#include "runtime/Futex.h"
#include "runtime/JobTableCsv.h"
#include "runtime/PolicySimulator.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <thread>
#include <utility>

namespace conlab {

namespace {
// From the start line to time zero: room for the first dispatches' setup.
constexpr std::uint64_t kLeadNs = 20'000'000;
// The longest a burst computes between two check points. Check points come at quantum ends,
// boosts, arrivals and IO ends anyway, and every decision counts from its own instant however
// late it is noticed; this bounds how late a waiting job aging past a running one is seen.
constexpr std::uint64_t kCheckNs = 500'000;
constexpr std::uint64_t kTimerPollNs = 3'000'000;
constexpr std::size_t kTableBytes = 16 * 1024;

struct Preset
{
    const char *name;
    const char *label;
    const char *csv;
};

// Each keeps every policy's schedule free of races (see Schedule::races) with the default
// options, so a real run must reproduce it; the scheduling tests hold them to that.
const Preset kPresets[] = {
    // The shortest-remaining-time classic, with ties: P4 and P5 arrive together, P5's burst
    // equals P2's, P4 and P5 share a priority.
    {"textbook", "textbook, with ties", "P1,0,8,3\nP2,1,4,1\nP3,2,9,4\nP4,3,5,2\nP5,3,4,2\n"},
    // Three waves with the CPU idle between them.
    {"gaps", "idle gaps", "P1,0,4,2\nP2,1,2,1\nP3,9,4,3\nP4,10,1,1\nP5,17,3,2\nP6,18,1,3\n"},
    // Jobs that block for IO between CPU bursts; others run meanwhile.
    {"io", "IO bursts", "P1,0,1/2/4,2\nP2,4,4,3\nP3,5,4/6/4,2\nP4,0,1/6/4,3\n"},
    // For two virtual CPUs: under any policy no two turns end at one instant on different
    // CPUs, nor does a turn end as a job becomes ready, so even there a real run has one right
    // order. P2 and P3 arrive together, as do P4 and P5; two jobs go to IO in between.
    {"two-cpus", "for two CPUs",
     "P1,4,2/4/5,1\nP2,0,1,2\nP3,0,2,1\nP4,7,2/5/6,2\nP5,7,4,1\nP6,3,2,1\n"},
};

} // namespace

// Shared by every process of the run: the table as the runner read it, and the start.
struct PoliciesScenario::Board
{
    std::atomic<std::uint32_t> released{0}; // 1 once time zero is set and arrivals queued
    std::atomic<std::uint32_t> loaded[WorkerTable::kMaxWorkers] = {}; // per job: 1 once queued
    char table[kTableBytes] = {};
};

Scenario::Info PoliciesScenario::info() const
{
    return {"policies", "Scheduling policies", 7, "CPU scheduling"};
}

std::vector<ParameterSpec> PoliciesScenario::parameters() const
{
    using P = ScenarioParameters;
    std::vector<std::string> presets;
    std::vector<std::string> presetLabels;
    for (const Preset &preset : kPresets) {
        presets.push_back(preset.name);
        presetLabels.push_back(preset.label);
    }
    return {
        P::choice("policy", "Policy", {"fcfs", "sjf", "srtf", "rr", "priority", "mlfq"},
                  {"first come, first served", "shortest job first", "shortest remaining time",
                   "round robin", "priority", "multi-level feedback queue"},
                  "Who gets a free virtual CPU, and whether a running job can lose it."),
        P::choice("preset", "Job table", presets, presetLabels,
                  "The built-in job table to run (conlab-runner --jobs FILE gives another)."),
        P::integer("quantum", "Quantum", "ms", 1, 10000, 200,
                   "Round robin: how long a job runs before the next in line gets the CPU."),
        cpusParameter(),
        kindParameter(),
        P::integer("unit", "Time unit", "ms", 5, 1000, 100,
                   "Length of one time unit of the job table (arrivals and bursts)."),
        P::choice("priority-mode", "Priority preemption", {"non-preemptive", "preemptive"},
                  {"runs its burst out", "a better job takes the CPU"},
                  "Priority: whether a job with a better (lower) priority preempts."),
        P::integer("aging", "Aging step", "ms", 0, 100000, 0,
                   "Priority: a waiting job gains one priority step per this much waiting; "
                   "0 turns aging off."),
        P::integer("mlfq-levels", "MLFQ levels", "", 1, 8, 3, "MLFQ: number of queues."),
        P::integer("mlfq-quantum", "MLFQ top quantum", "ms", 1, 10000, 100,
                   "MLFQ: the top queue's quantum."),
        P::integer("mlfq-growth", "MLFQ quantum growth", "x", 1, 4, 2,
                   "MLFQ: each queue's quantum is this many times the one above it."),
        P::integer("mlfq-allotment", "MLFQ allotment", "quanta", 1, 16, 1,
                   "MLFQ: quanta a job may use at one level before it moves down."),
        P::integer("mlfq-boost", "MLFQ boost period", "ms", 0, 100000, 1200,
                   "MLFQ: every job goes back to the top queue this often; 0 never."),
        timeScaleParameter(),
    };
}

std::vector<std::string> PoliciesScenario::presetNames()
{
    std::vector<std::string> names;
    for (const Preset &preset : kPresets)
        names.push_back(preset.name);
    return names;
}

JobTable PoliciesScenario::preset(const std::string &name)
{
    JobTable table;
    std::string error;
    for (const Preset &preset : kPresets)
        if (name == preset.name)
            JobTableCsv::parse(preset.csv, preset.name, table, &error);
    return table;
}

double PoliciesScenario::nsPerUnit(const ParameterSet &values)
{
    return values.real("unit") * 1e6 * values.real("time-scale");
}

SchedulerConfig PoliciesScenario::schedulerConfig(const ParameterSet &values)
{
    const double nsPerMs = 1e6 * values.real("time-scale");
    auto ns = [nsPerMs](double ms) {
        return std::uint64_t(std::llround(ms * nsPerMs));
    };
    SchedulerConfig config;
    parsePolicy(values.text("policy"), config.policy);
    config.quantumNs = ns(values.real("quantum"));
    config.preemptive = values.text("priority-mode") == "preemptive";
    config.agingNs = ns(values.real("aging"));
    config.levels = std::uint32_t(values.integer("mlfq-levels"));
    double quantum = values.real("mlfq-quantum");
    for (std::uint32_t level = 0; level < SchedulerConfig::kMaxLevels; ++level) {
        config.levelQuantumNs[level] = ns(quantum);
        quantum *= values.real("mlfq-growth");
    }
    config.allotment = std::uint32_t(values.integer("mlfq-allotment"));
    config.boostNs = ns(values.real("mlfq-boost"));
    return config;
}

std::string PoliciesScenario::checkParameters(const ParameterSet &values) const
{
    // A lesson built on this one with its own fixed policy (multiprogramming) has no quanta
    // and a bounded table: nothing here to check.
    if (!values.has("policy") || !values.has("unit"))
        return {};
    const JobTable table = jobsToRun(tableFor(values), values).scaled(nsPerUnit(values));
    const std::uint64_t steps = PolicySimulator::stepBound(table, schedulerConfig(values));
    if (steps <= PolicySimulator::kMaxModelSteps)
        return {};
    return "the expected schedule of this job table under this policy needs about " +
           std::to_string(steps) + " steps, more than the limit of " +
           std::to_string(PolicySimulator::kMaxModelSteps) +
           " (shorter bursts, a longer quantum or a shorter time unit)";
}

JobTable PoliciesScenario::tableFor(const ParameterSet &values) const
{
    return m_custom ? *m_custom : preset(values.text("preset"));
}

JobTable PoliciesScenario::jobsToRun(const JobTable &table, const ParameterSet &) const
{
    return table;
}

void PoliciesScenario::useJobTable(JobTable table)
{
    m_custom = std::move(table);
}

TraceMeta PoliciesScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const JobTable table = jobsToRun(tableFor(values), values);
    for (std::size_t j = 0; j < table.jobs.size(); ++j)
        meta.workers.push_back({std::uint32_t(firstJobWorker() + j), "job", table.jobs[j].name});
    return meta;
}

bool PoliciesScenario::setup(Arena &arena, const ParameterSet &values)
{
    return setupJobs(arena, values, nsPerUnit(values), schedulerConfig(values),
                     std::uint32_t(values.integer("cpus")));
}

bool PoliciesScenario::setupJobs(Arena &arena, const ParameterSet &values, double nsPerUnit,
                                 const SchedulerConfig &config, std::uint32_t cpus)
{
    m_board = arena.make<Board>();
    if (!m_board)
        return false;
    JobTable table;
    if (arena.isCreator()) {
        table = tableFor(values);
        const std::string text = JobTableCsv::format(table);
        if (text.size() >= sizeof m_board->table)
            return false;
        std::memcpy(m_board->table, text.c_str(), text.size() + 1);
    } else {
        // A worker process reads the table the runner was given, file or preset alike.
        std::string error;
        if (!JobTableCsv::parse(m_board->table, "arena", table, &error))
            return false;
    }
    m_jobsNs = jobsToRun(table, values).scaled(nsPerUnit);
    m_config = config;
    m_cpus = cpus;
    return true;
}

void PoliciesScenario::attachGate(CpuGate &gate, bool creator)
{
    m_gate = &gate;
    if (creator)
        gate.configure(m_config);
}

Schedule PoliciesScenario::expectedSchedule() const
{
    return PolicySimulator::run(m_jobsNs, m_config, m_cpus);
}

bool PoliciesScenario::waitForOrigin(WorkerContext &worker)
{
    while (m_board->released.load(std::memory_order_acquire) == 0) {
        if (worker.shouldStop())
            return false;
        futexWait(m_board->released, 0, 20);
    }
    return true;
}

bool PoliciesScenario::waitForLoad(WorkerContext &worker, std::size_t index)
{
    while (m_board->loaded[index].load(std::memory_order_acquire) == 0) {
        if (worker.shouldStop())
            return false;
        futexWait(m_board->loaded[index], 0, 20);
    }
    return true;
}

void PoliciesScenario::loadJob(std::size_t index, std::uint64_t readyAtNs)
{
    const Job &job = m_jobsNs.jobs[index];
    m_gate->queueBurst(firstJobWorker() + std::uint32_t(index), readyAtNs, job.bursts[0],
                       job.priority, false);
    m_board->loaded[index].store(1, std::memory_order_release);
    futexWakeAll(m_board->loaded[index]);
}

bool PoliciesScenario::runBurst(WorkerContext &worker, std::uint64_t &endedAtNs)
{
    if (!worker.compute(0))
        return false;
    // The gate, not the worker, counts the burst down: its clock is the one the policy's
    // quanta and remaining times are measured on.
    for (;;) {
        const CpuGate::CheckPoint point = m_gate->checkPoint(worker.id(), kCheckNs);
        if (point.yield) {
            if (!worker.yieldCpu())
                return false;
        } else if (point.runForNs == 0) {
            endedAtNs = point.endedAtNs > 0 ? point.endedAtNs : monotonicNs();
            return true;
        } else if (!worker.compute(point.runForNs)) {
            return false;
        }
    }
}

void PoliciesScenario::runWorker(WorkerContext &worker)
{
    const auto jobs = std::uint32_t(m_jobsNs.jobs.size());
    const std::size_t index = worker.id() - firstJobWorker();
    if (!m_gate || !worker.waitForStart(jobs + 1) || !waitForOrigin(worker) ||
        !waitForLoad(worker, index))
        return worker.exit(worker.stopCause());
    const Job &job = m_jobsNs.jobs[index];
    // The first burst was queued for the job's arrival, by main or by loadJob() (until then
    // the worker is "new" and records nothing); each later one is queued before the IO wait that
    // precedes it starts. In line from then on, each is dispatched at its instant even when this
    // thread gets no core for a while (see CpuGate::queueBurst).
    for (std::size_t b = 0; b < job.bursts.size(); b += 2) {
        std::uint64_t endedAt = 0;
        if (!runBurst(worker, endedAt))
            return worker.exit(worker.stopCause());
        if (b + 1 == job.bursts.size())
            break;
        // The device is a timer: the IO ends exactly this long after the burst before it.
        m_gate->queueBurst(worker.id(), endedAt + job.bursts[b + 1], job.bursts[b + 2],
                           job.priority, true);
        worker.block(BlockReason::Io, 0);
    }
    worker.exit(ExitCause::Normal);
    // After its Terminated is recorded, so a job this one starts can never show up on the
    // timeline before it has ended.
    jobEnded(index);
}

void PoliciesScenario::runMain(WorkerContext &main, RunServices &)
{
    const auto jobs = std::uint32_t(m_jobsNs.jobs.size());
    if (!m_gate || !main.waitForStart(jobs + 1))
        return joinWorkersThenExit(main, jobs);
    const std::uint64_t origin = monotonicNs() + kLeadNs;
    m_gate->setOrigin(origin);
    for (std::uint32_t j = 0; j < jobs; ++j)
        if (arrivesOnItsOwn(j))
            loadJob(j, origin + m_jobsNs.jobs[j].arrival);
    m_board->released.store(1, std::memory_order_release);
    futexWakeAll(m_board->released);
    // The virtual CPUs' timer interrupt: a thread of the runner, not a worker, so it has no
    // lane. It sleeps until the next queued burst falls due, looking every few milliseconds
    // for newly queued ones.
    std::atomic<bool> joined{false};
    std::thread timer([&] {
        while (!joined.load() && !main.shouldStop()) {
            const std::uint64_t next = m_gate->tick();
            const timespec ts = [&] {
                const std::uint64_t at = std::min(next, monotonicNs() + kTimerPollNs);
                return timespec{time_t(at / 1000000000ull), long(at % 1000000000ull)};
            }();
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
        }
    });
    joinWorkersThenExit(main, jobs);
    joined.store(true);
    timer.join();
}

} // namespace conlab
