#include "SemaphoreScenario.h"

#include "ScenarioParameters.h"
#include "runtime/CountingSemaphore.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

#include <algorithm>

namespace conlab {

Scenario::Info SemaphoreScenario::info() const
{
    return {"semaphore", "Semaphore: k at a time", 2, "Synchronisation"};
}

std::vector<ParameterSpec> SemaphoreScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("workers", "Workers", "", 1, 32, 8, "Workers that want to get in."),
        P::integer("permits", "Places (k)", "", 1, 16, 3, "How many may be inside at once."),
        P::integer("hold", "Time inside", "ms", 1, 5000, 300,
                   "How long each worker stays inside (waiting, not computing)."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta SemaphoreScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    meta.objects.push_back({kSemaphoreId, "semaphore", values.integer("permits"), "room"});
    return meta;
}

bool SemaphoreScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_workers = std::uint32_t(values.integer("workers"));
    m_holdNs = std::uint64_t(values.real("hold") * values.real("time-scale") * 1e6);
    m_semaphore =
        arena.make<CountingSemaphore>(kSemaphoreId, std::uint32_t(values.integer("permits")));
    return m_semaphore;
}

void SemaphoreScenario::runWorker(WorkerContext &worker)
{
    if (!worker.compute(0) || m_semaphore->acquire(worker) != CountingSemaphore::Result::Acquired)
        return worker.exit(worker.stopCause());
    const bool stayed = worker.sleep(m_holdNs) && worker.compute(0);
    m_semaphore->release(worker);
    worker.exit(stayed ? ExitCause::Normal : worker.stopCause());
}

void SemaphoreScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_workers);
}

std::vector<std::pair<std::string, std::int64_t>>
SemaphoreScenario::figures(const Trace &trace) const
{
    std::int64_t inside = 0;
    std::int64_t waited = 0;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::SemAcquired)
            inside = std::max<std::int64_t>(inside, e.value);
        else if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Semaphore)
            ++waited;
    }
    return {{"max_inside", inside}, {"waited_at_door", waited}};
}

} // namespace conlab
