#include "LockOrderScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info LockOrderScenario::info() const
{
    return {"lock-order", "Lock-order inversion", 4, "Deadlock"};
}

std::vector<ParameterSpec> LockOrderScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("gap", "Gap between the workers", "ms", 1, 5000, 300,
                   "How long the second worker waits before it starts."),
        P::integer("hold", "Work holding both", "ms", 1, 5000, 100,
                   "CPU work done while holding both locks."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta LockOrderScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.workers.push_back({1, "worker", "worker-1 (A then B)"});
    meta.workers.push_back({2, "worker", "worker-2 (B then A)"});
    meta.objects.push_back({kLockA, "lock", 1, "lock A"});
    meta.objects.push_back({kLockB, "lock", 1, "lock B"});
    return meta;
}

bool LockOrderScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_holdNs = std::uint64_t(values.real("hold") * scale);
    // The gap always exceeds the first worker's whole critical section, so they never meet.
    m_gapNs = std::uint64_t(values.real("gap") * scale) + 2 * m_holdNs;
    m_a = arena.make<InstrumentedMutex>(kLockA, InstrumentedMutex::Kind::Plain);
    m_b = arena.make<InstrumentedMutex>(kLockB, InstrumentedMutex::Kind::Plain);
    return m_a && m_b;
}

void LockOrderScenario::runWorker(WorkerContext &worker)
{
    const bool first = worker.id() == 1;
    if (!first && !worker.join(1))
        return worker.exit(worker.stopCause());
    if (!first && !worker.sleep(m_gapNs))
        return worker.exit(worker.stopCause());
    InstrumentedMutex &outer = first ? *m_a : *m_b;
    InstrumentedMutex &inner = first ? *m_b : *m_a;
    if (!worker.compute(0) || outer.lock(worker) != InstrumentedMutex::Result::Acquired ||
        !worker.compute(m_holdNs / 2) ||
        inner.lock(worker) != InstrumentedMutex::Result::Acquired || !worker.compute(m_holdNs))
        return worker.exit(worker.stopCause());
    inner.unlock(worker);
    outer.unlock(worker);
    worker.exit(ExitCause::Normal);
}

void LockOrderScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, 2);
}

} // namespace conlab
