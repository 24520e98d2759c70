#include "ReentrantScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

#include <algorithm>

namespace conlab {

Scenario::Info ReentrantScenario::info() const
{
    return {"reentrant", "Taking a lock twice", 2, "Synchronisation"};
}

std::vector<ParameterSpec> ReentrantScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::choice("lock-kind", "Lock kind", {"plain", "reentrant"},
                  {"plain lock", "reentrant lock"},
                  "A plain lock cannot be taken again by its owner; a reentrant one can."),
        P::integer("depth", "Times taken", "", 2, 8, 2, "How often the worker takes the lock."),
        P::integer("hold", "Work inside", "ms", 1, 5000, 200, "CPU work at each level."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta ReentrantScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.workers.push_back({1, "worker", "worker-1"});
    meta.objects.push_back({kLockId, "lock", 1, "lock"});
    return meta;
}

bool ReentrantScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_depth = std::uint32_t(values.integer("depth"));
    m_holdNs = std::uint64_t(values.real("hold") * values.real("time-scale") * 1e6);
    m_lock = arena.make<InstrumentedMutex>(kLockId, values.text("lock-kind") == "reentrant"
                                                        ? InstrumentedMutex::Kind::Reentrant
                                                        : InstrumentedMutex::Kind::Plain);
    return m_lock;
}

void ReentrantScenario::runWorker(WorkerContext &worker)
{
    // Each level takes the lock, then works while holding it: the lock lane shows every depth
    // for as long as that work lasts, as a call nested in a call would.
    for (std::uint32_t level = 0; level < m_depth; ++level) {
        if (m_lock->lock(worker) != InstrumentedMutex::Result::Acquired ||
            !worker.compute(m_holdNs))
            return worker.exit(worker.stopCause());
    }
    for (std::uint32_t level = 0; level < m_depth; ++level)
        m_lock->unlock(worker);
    worker.exit(ExitCause::Normal);
}

void ReentrantScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, 1);
}

std::vector<std::pair<std::string, std::int64_t>>
ReentrantScenario::figures(const Trace &trace) const
{
    std::int64_t depth = 0;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::LockAcquired)
            depth = std::max<std::int64_t>(depth, e.value);
    return {{"max_depth", depth}};
}

} // namespace conlab
