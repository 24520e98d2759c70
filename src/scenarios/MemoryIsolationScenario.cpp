#include "MemoryIsolationScenario.h"

#include "ScenarioParameters.h"
#include "WorkerLauncher.h"
#include "runtime/WorkerContext.h"
#include "trace/JsonWriter.h"

#include <sys/resource.h>

namespace conlab {

namespace {
// The counter has a page to itself, so the first write to it in a forked child is exactly
// one copy-on-write page copy, and nothing else the child writes lands on that page.
struct alignas(4096) CounterPage
{
    int n = 0;
};
CounterPage g_counter;

long minorFaultsOfThisThread()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}
} // namespace

Scenario::Info MemoryIsolationScenario::info() const
{
    return {"memory-isolation", "Processes don't share memory", 1, "Processes and threads"};
}

std::vector<ParameterSpec> MemoryIsolationScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("kind", "Workers are", {"process", "thread"}, {"processes", "threads"},
                  "Child processes, each with memory of its own, or threads sharing main's."),
        P::integer("workers", "Workers", "", 1, 16, 3, "How many workers each do n -= 1."),
        P::choice("start-method", "Start method", {"fork", "spawn"}, {"fork", "spawn"},
                  "Processes only. fork: the child is a copy of the runner, its memory shared "
                  "copy-on-write; spawn: fork then exec, the child starts a fresh program and "
                  "builds its globals again."),
        P::integer("hold", "Time after the write", "ms", 0, 5000, 200,
                   "How long each worker stays alive after its write, so the lanes overlap."),
        timeScaleParameter(),
    };
}

bool MemoryIsolationScenario::workersAreProcesses(const ParameterSet &values) const
{
    return values.text("kind") == "process";
}

TraceMeta MemoryIsolationScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    meta.objects.push_back({kCounterId, "cell", kInitialValue, "n"});
    return meta;
}

bool MemoryIsolationScenario::setup(Arena &, const ParameterSet &values)
{
    // In the runner and in every spawned child: each program sets its own globals up.
    g_counter.n = kInitialValue;
    m_meta = describe(values);
    m_workers = std::uint32_t(values.integer("workers"));
    m_holdNs = std::uint64_t(values.real("hold") * values.real("time-scale") * 1e6);
    m_processes = workersAreProcesses(values);
    m_method = !m_processes                             ? StartMethod::Thread
               : values.text("start-method") == "spawn" ? StartMethod::ForkExec
                                                        : StartMethod::Fork;
    return true;
}

void MemoryIsolationScenario::runWorker(WorkerContext &worker)
{
    const std::string name = m_meta.workerName(worker.id());
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    const long faultsBefore = minorFaultsOfThisThread();
    const int seen = __atomic_sub_fetch(&g_counter.n, 1, __ATOMIC_SEQ_CST);
    const long copied = minorFaultsOfThisThread() - faultsBefore;
    worker.recorder().record(EventKind::CellWritten, 0, kCounterId, std::uint32_t(copied), seen);
    worker.print(name + ": n -= 1, now n = " + std::to_string(seen) + " (" +
                 std::to_string(copied) + (copied == 1 ? " page" : " pages") +
                 " copied by the write)");
    if (!worker.sleep(m_holdNs))
        return worker.exit(worker.stopCause());
    worker.exit(ExitCause::Normal);
}

void MemoryIsolationScenario::runMain(WorkerContext &main, RunServices &services)
{
    WorkerLauncher launcher(main, services, m_meta, m_method);
    bool ok = main.runFree();
    if (ok)
        main.print("main: n = " + std::to_string(g_counter.n) + " before any worker starts");
    for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
        ok = launcher.start(k);
    for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
        ok = launcher.join(k);
    if (!ok)
        return main.exit(main.stopCause());
    const int n = __atomic_load_n(&g_counter.n, __ATOMIC_SEQ_CST);
    main.recorder().record(EventKind::CellRead, 0, kCounterId, 0, n);
    main.print("main: after joining every worker, n = " + std::to_string(n));
    main.exit(ExitCause::Normal);
}

std::vector<std::pair<std::string, std::int64_t>>
MemoryIsolationScenario::figures(const Trace &trace) const
{
    std::int64_t mainSees = -1;
    std::int64_t pages = 0;
    for (const Event &e : trace.events) {
        if (e.object != kCounterId)
            continue;
        if (e.kind == EventKind::CellRead && e.worker == 0)
            mainSees = e.arg;
        else if (e.kind == EventKind::CellWritten)
            pages += e.value;
    }
    return {{"main_sees", mainSees}, {"pages_copied", pages}};
}

void MemoryIsolationScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    // In worker order, so entry k-1 is what worker-k saw.
    std::vector<std::int64_t> saw(m_workers, -1);
    for (const Event &e : trace.events)
        if (e.kind == EventKind::CellWritten && e.object == kCounterId && e.worker >= 1 &&
            e.worker <= m_workers)
            saw[e.worker - 1] = e.arg;
    json.key("workers_saw").beginArray();
    for (const std::int64_t value : saw)
        json.value(value);
    json.endArray();
}

} // namespace conlab
