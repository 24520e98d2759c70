#include "SharedCounterScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/SharedCell.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info SharedCounterScenario::info() const
{
    return {"shared-counter", "Shared counter", 2, "Synchronisation"};
}

std::vector<ParameterSpec> SharedCounterScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("workers", "Workers", "", 1, 1000, 10, "Workers that each take one off."),
        P::integer("start", "Start value", "", 0, 100000, 100, "The counter's first value."),
        P::integer("delay", "Pause between read and write", "ms", 0, 5000, 100,
                   "How long a worker waits after reading before it writes back."),
        P::choice("lock", "Lock", {"off", "on"}, {"no lock", "lock around read+write"},
                  "Whether the read, pause and write happen under one lock."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta SharedCounterScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    meta.objects.push_back({kCounterId, "cell", values.integer("start"), "counter"});
    meta.objects.push_back({kLockId, "lock", 1, "counter lock"});
    return meta;
}

bool SharedCounterScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_workers = std::uint32_t(values.integer("workers"));
    m_start = values.integer("start");
    m_delayNs = std::uint64_t(values.real("delay") * values.real("time-scale") * 1e6);
    m_useLock = values.text("lock") == "on";
    m_counter = arena.make<SharedCell>(kCounterId, m_start);
    m_lock = arena.make<InstrumentedMutex>(kLockId, InstrumentedMutex::Kind::Plain);
    return m_counter && m_lock;
}

void SharedCounterScenario::runWorker(WorkerContext &worker)
{
    // A start line, so every worker reads before the first writes even when processes are
    // slow to spawn: the lost updates are the lesson, not an accident of timing.
    if (!worker.waitForStart(m_workers + 1) || !worker.compute(0))
        return worker.exit(worker.stopCause());
    if (m_useLock && m_lock->lock(worker) != InstrumentedMutex::Result::Acquired)
        return worker.exit(worker.stopCause());
    const std::int64_t seen = m_counter->read(worker);
    // The pause gives the CPU away between the read and the write: the race window.
    if (!worker.sleep(m_delayNs) || !worker.compute(0))
        return worker.exit(worker.stopCause());
    m_counter->write(worker, seen - 1);
    if (m_useLock)
        m_lock->unlock(worker);
    worker.exit(ExitCause::Normal);
}

void SharedCounterScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_workers);
}

std::vector<std::pair<std::string, std::int64_t>>
SharedCounterScenario::figures(const Trace &trace) const
{
    const auto start = std::int64_t(std::stoll(trace.meta.param("start")));
    const auto workers = std::int64_t(std::stoll(trace.meta.param("workers")));
    std::int64_t finalValue = start;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::CellWritten && e.object == kCounterId)
            finalValue = e.arg;
    const std::int64_t expected = start - workers;
    return {{"final_value", finalValue},
            {"expected_value", expected},
            {"lost_updates", finalValue - expected}};
}

} // namespace conlab
