#include "KernelScenario.h"

#include "KernelSampler.h"
#include "PoliciesScenario.h"
#include "ScenarioParameters.h"
#include "analysis/ScheduleMeasurement.h"
#include "runtime/CoreBusyTime.h"
#include "runtime/Futex.h"
#include "runtime/JobTableCsv.h"
#include "runtime/SchedStat.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace conlab {

namespace {
// From the release to time zero: every thread is asleep until its arrival by then.
constexpr std::uint64_t kLeadNs = 20'000'000;
constexpr std::uint64_t kStopCheckNs = 20'000'000;

// Three equal CPU-bound jobs: on one core each should be ready two thirds of its life.
constexpr const char *kBusy = "B1,0,10,1\nB2,0,10,1\nB3,0,10,1\n";

cpu_set_t allowedCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        CPU_SET(0, &set);
    return set;
}

timespec toTimespec(std::uint64_t ns)
{
    return timespec{time_t(ns / 1000000000ull), long(ns % 1000000000ull)};
}

} // namespace

KernelScenario::KernelScenario()
{
    CPU_ZERO(&m_jobCpus);
    CPU_ZERO(&m_otherCpus);
}

KernelScenario::~KernelScenario() = default;

Scenario::Info KernelScenario::info() const
{
    return {"kernel", "The kernel's scheduler", 7, "CPU scheduling"};
}

std::vector<std::string> KernelScenario::presetNames()
{
    std::vector<std::string> names{"busy"};
    for (const std::string &name : PoliciesScenario::presetNames())
        names.push_back(name);
    return names;
}

JobTable KernelScenario::preset(const std::string &name)
{
    if (name != "busy")
        return PoliciesScenario::preset(name);
    JobTable table;
    std::string error;
    JobTableCsv::parse(kBusy, "busy", table, &error);
    return table;
}

std::vector<ParameterSpec> KernelScenario::parameters() const
{
    using P = ScenarioParameters;
    const cpu_set_t allowed = allowedCpus();
    const int cores = std::max(1, CPU_COUNT(&allowed));
    std::vector<std::string> labels{"three busy threads"};
    for (const std::string &name : PoliciesScenario::presetNames())
        labels.push_back(name + " (as in Scheduling policies)");
    return {
        P::choice("preset", "Job table", presetNames(), labels,
                  "The jobs to run (conlab-runner --jobs FILE gives another)."),
        P::integer("cores", "Cores", "", 1, cores, 1,
                   "How many of this machine's cores the job threads may run on "
                   "(sched_setaffinity)."),
        P::integer("unit", "Time unit", "ms", 5, 1000, 100,
                   "Length of one time unit of the job table: CPU bursts are this much CPU "
                   "time, IO bursts this much sleep."),
        P::integer("sample", "Sampling period", "ms", 2, 100, 10,
                   "How often the kernel's counters are read. Nothing shorter is measured: "
                   "the lanes are drawn at this resolution."),
        timeScaleParameter(),
    };
}

JobTable KernelScenario::tableFor(const ParameterSet &values) const
{
    return m_custom ? *m_custom : preset(values.text("preset"));
}

void KernelScenario::useJobTable(JobTable table)
{
    m_custom = std::move(table);
}

TraceMeta KernelScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.cpus = 0; // no virtual CPUs: the kernel alone decides
    meta.sampleNs = std::uint64_t(values.integer("sample")) * 1000000ull;
    const JobTable table = tableFor(values);
    for (std::size_t j = 0; j < table.jobs.size(); ++j)
        meta.workers.push_back({std::uint32_t(firstJobWorker() + j), "job", table.jobs[j].name});
    return meta;
}

bool KernelScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_arena = &arena;
    m_jobsNs = tableFor(values).scaled(PoliciesScenario::nsPerUnit(values));
    m_cores = std::uint32_t(values.integer("cores"));
    m_sampleNs = std::uint64_t(values.integer("sample")) * 1000000ull;
    m_threads.clear();
    for (const Job &job : m_jobsNs.jobs)
        m_threads.push_back(std::make_unique<JobThread>(job.bursts.size() + 2));
    // The jobs get the first C cores this process may use; the sampler the others, if any,
    // so that reading the counters doesn't take CPU from what it measures.
    const cpu_set_t allowed = allowedCpus();
    std::uint32_t taken = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &allowed))
            continue;
        if (taken++ < m_cores)
            CPU_SET(cpu, &m_jobCpus);
        else
            CPU_SET(cpu, &m_otherCpus);
    }
    return taken >= m_cores;
}

bool KernelScenario::sleepUntil(WorkerContext &worker, std::uint64_t deadlineNs)
{
    for (;;) {
        if (worker.shouldStop())
            return false;
        const std::uint64_t now = monotonicNs();
        if (now >= deadlineNs)
            return true;
        const timespec at = toTimespec(std::min(deadlineNs, now + kStopCheckNs));
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
    }
}

void KernelScenario::finish(WorkerContext &worker, JobThread &thread, ExitCause cause)
{
    SchedStat stat;
    if (SchedStat::read(pid_t(syscall(SYS_gettid)), stat))
        thread.onCpuNs.store(stat.onCpuNs, std::memory_order_release);
    thread.log.push(ThreadPhaseLog::Phase::Done, cause);
    thread.log.waitUntilSealed();
    worker.exitRecordedElsewhere();
}

void KernelScenario::runWorker(WorkerContext &worker)
{
    JobThread &thread = *m_threads[worker.id() - firstJobWorker()];
    thread.tid.store(std::int32_t(syscall(SYS_gettid)), std::memory_order_release);
    sched_setaffinity(0, sizeof m_jobCpus, &m_jobCpus);
    const auto jobs = std::uint32_t(m_jobsNs.jobs.size());
    if (!worker.waitForStart(jobs + 1))
        return finish(worker, thread, worker.stopCause());
    while (m_released.load(std::memory_order_acquire) == 0) {
        if (worker.shouldStop())
            return finish(worker, thread, worker.stopCause());
        futexWait(m_released, 0, 20);
    }
    const Job &job = m_jobsNs.jobs[worker.id() - firstJobWorker()];
    // Runnable from the instant each wait ends: a thread that then waits for its core is ready,
    // which the kernel counts as run-queue wait, not part of its IO.
    if (!sleepUntil(worker, m_originNs + job.arrival))
        return finish(worker, thread, worker.stopCause());
    thread.log.push(ThreadPhaseLog::Phase::Runnable, ExitCause::Normal, m_originNs + job.arrival);
    for (std::size_t b = 0; b < job.bursts.size(); b += 2) {
        if (!worker.burnCpuTime(job.bursts[b]))
            return finish(worker, thread, worker.stopCause());
        if (b + 1 == job.bursts.size())
            break;
        thread.log.push(ThreadPhaseLog::Phase::Io);
        const std::uint64_t ioEnd = monotonicNs() + job.bursts[b + 1];
        if (!sleepUntil(worker, ioEnd))
            return finish(worker, thread, worker.stopCause());
        thread.log.push(ThreadPhaseLog::Phase::Runnable, ExitCause::Normal, ioEnd);
    }
    finish(worker, thread, ExitCause::Normal);
}

void KernelScenario::runMain(WorkerContext &main, RunServices &)
{
    const auto jobs = std::uint32_t(m_jobsNs.jobs.size());
    std::vector<KernelSampler::Thread> sampled;
    for (std::uint32_t j = 0; j < jobs; ++j)
        sampled.push_back({firstJobWorker() + j, m_arena->ring(firstJobWorker() + j),
                           &m_threads[j]->log, &m_threads[j]->tid});
    // Started before anything can stop the run: every job thread waits for its seal.
    std::thread sampler([&] {
        if (CPU_COUNT(&m_otherCpus) > 0)
            sched_setaffinity(0, sizeof m_otherCpus, &m_otherCpus);
        KernelSampler(std::move(sampled), m_cores, m_sampleNs).run();
    });
    std::uint64_t busyBefore = 0;
    std::uint64_t before = 0;
    bool counted = false;
    if (main.waitForStart(jobs + 1)) {
        m_originNs = monotonicNs() + kLeadNs;
        counted = CoreBusyTime::read(m_jobCpus, busyBefore);
        before = monotonicNs();
        m_released.store(1, std::memory_order_release);
        futexWakeAll(m_released);
    }
    bool joined = true;
    for (std::uint32_t id = 1; id <= jobs && joined; ++id)
        joined = main.join(id);
    std::uint64_t busyAfter = 0;
    if (joined && counted && CoreBusyTime::read(m_jobCpus, busyAfter)) {
        std::uint64_t ours = 0;
        for (const auto &thread : m_threads)
            ours += thread->onCpuNs.load(std::memory_order_acquire);
        const std::uint64_t busy = busyAfter > busyBefore ? busyAfter - busyBefore : 0;
        m_otherCpuNs = std::int64_t(busy > ours ? busy - ours : 0);
        m_coreTimeNs = (monotonicNs() - before) * m_cores;
        // Said on main's lane too: the yellow on the jobs' lanes includes this.
        char line[160];
        std::snprintf(line, sizeof line,
                      "main: other programs used the job cores for %.0f ms of %.0f ms (%.0f %%)",
                      double(m_otherCpuNs) / 1e6, double(m_coreTimeNs) / 1e6,
                      m_coreTimeNs ? 100.0 * double(m_otherCpuNs) / double(m_coreTimeNs) : 0.0);
        main.print(line);
    }
    main.exit(joined && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
    sampler.join();
}

void KernelScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    std::vector<std::uint32_t> workers;
    for (std::size_t j = 0; j < m_jobsNs.jobs.size(); ++j)
        workers.push_back(firstJobWorker() + std::uint32_t(j));
    // What the lanes draw, measured as for any job table, beside the kernel's last reading.
    const ScheduleMeasurement drawn = ScheduleMeasurement::measure(trace, workers);
    std::vector<const Event *> lastSample(workers.size(), nullptr);
    for (const Event &e : trace.events)
        if (e.kind == EventKind::CpuSample && e.worker >= firstJobWorker() &&
            e.worker - firstJobWorker() < lastSample.size())
            lastSample[e.worker - firstJobWorker()] = &e;
    json.key("cores").value(m_cores);
    json.key("sample_ns").value(m_sampleNs);
    if (m_otherCpuNs >= 0) {
        json.key("other_cpu_ns").value(std::uint64_t(m_otherCpuNs));
        json.key("core_time_ns").value(m_coreTimeNs);
    }
    json.key("threads").beginArray();
    for (std::size_t j = 0; j < drawn.jobs.size(); ++j) {
        const ScheduleMeasurement::Job &job = drawn.jobs[j];
        const Event *sample = lastSample[j];
        const std::uint64_t life =
            job.completionNs > job.arrivalNs ? job.completionNs - job.arrivalNs : 0;
        json.beginObject();
        json.key("name").value(trace.meta.workerName(job.worker));
        json.key("on_cpu_ns").value(sample ? std::uint64_t(sample->arg) : 0);
        json.key("run_delay_ns").value(sample ? std::uint64_t(sample->object) * 1000 : 0);
        json.key("running_ns").value(job.cpuNs);
        json.key("ready_ns").value(job.waitingNs);
        // The rest of its life the thread slept in IO: the lanes draw nothing else.
        json.key("io_ns").value(life - std::min(life, job.cpuNs + job.waitingNs));
        json.key("life_ns").value(life);
        json.endObject();
    }
    json.endArray();
}

} // namespace conlab
