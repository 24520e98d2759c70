#include "TwoLocksScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info TwoLocksScenario::info() const
{
    return {"two-locks", "Two locks, two orders", 4, "Deadlock"};
}

std::vector<ParameterSpec> TwoLocksScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("workers", "Workers", "", 2, 8, 2,
                   "Odd workers take A then B, even workers B then A."),
        P::integer("rounds", "Rounds", "", 1, 20, 3, "How often each worker takes both locks."),
        P::integer("pause", "Pause between locks", "ms", 0, 5000, 100,
                   "Time between taking the first lock and asking for the second."),
        P::integer("hold", "Work holding both", "ms", 1, 5000, 50,
                   "CPU work done while holding both locks."),
        P::integer("timeout", "Try-lock timeout", "ms", 1, 5000, 150,
                   "How long try-lock waits for the second lock before backing off."),
        P::choice("remedy", "Remedy", DeadlockRemedy::names(), DeadlockRemedy::labels(),
                  "What, if anything, prevents or breaks the deadlock."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta TwoLocksScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    if (values.text("remedy") == "reentrant") {
        meta.objects.push_back({kLockA, "lock", 1, "lock A+B"});
    } else {
        meta.objects.push_back({kLockA, "lock", 1, "lock A"});
        meta.objects.push_back({kLockB, "lock", 1, "lock B"});
    }
    return meta;
}

bool TwoLocksScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_workers = std::uint32_t(values.integer("workers"));
    m_rounds = std::uint32_t(values.integer("rounds"));
    m_pauseNs = std::uint64_t(values.real("pause") * scale);
    m_holdNs = std::uint64_t(values.real("hold") * scale);
    const auto kind = DeadlockRemedy::parse(values.text("remedy"));
    m_remedy = std::make_unique<DeadlockRemedy>(kind, std::uint64_t(values.real("timeout") * scale),
                                                m_pauseNs / 2 + 1000000);
    if (kind == DeadlockRemedy::Kind::Reentrant) {
        m_a = arena.make<InstrumentedMutex>(kLockA, InstrumentedMutex::Kind::Reentrant);
        m_b = m_a;
    } else {
        m_a = arena.make<InstrumentedMutex>(kLockA, InstrumentedMutex::Kind::Plain);
        m_b = arena.make<InstrumentedMutex>(kLockB, InstrumentedMutex::Kind::Plain);
    }
    return m_a && m_b;
}

bool TwoLocksScenario::abortsDeadlockVictims() const
{
    return m_remedy && m_remedy->kind() == DeadlockRemedy::Kind::Victim;
}

void TwoLocksScenario::runWorker(WorkerContext &worker)
{
    const bool aFirst = worker.id() % 2 == 1;
    InstrumentedMutex &first = aFirst ? *m_a : *m_b;
    InstrumentedMutex &second = aFirst ? *m_b : *m_a;
    if (!worker.waitForStart(m_workers + 1))
        return worker.exit(worker.stopCause());
    for (std::uint32_t round = 0; round < m_rounds; ++round) {
        if (!worker.compute(0) ||
            m_remedy->acquireBoth(worker, first, second, m_pauseNs) !=
                DeadlockRemedy::Result::Acquired ||
            !worker.compute(m_holdNs))
            return worker.exit(worker.stopCause());
        m_remedy->releaseBoth(worker, first, second);
        if (!worker.yieldCpu())
            return worker.exit(worker.stopCause());
    }
    worker.exit(ExitCause::Normal);
}

void TwoLocksScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_workers);
}

std::vector<std::pair<std::string, std::int64_t>>
TwoLocksScenario::remedyFigures(const Trace &trace)
{
    std::int64_t retries = 0;
    std::int64_t aborts = 0;
    std::int64_t finished = 0;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::LockFailed)
            ++(e.value == InstrumentedMutex::kAborted ? aborts : retries);
        else if (e.kind == EventKind::Terminated && e.worker != 0 &&
                 ExitCause(e.reason) == ExitCause::Normal)
            ++finished;
    }
    return {{"retries", retries}, {"aborts", aborts}, {"finished_workers", finished}};
}

std::vector<std::pair<std::string, std::int64_t>>
TwoLocksScenario::figures(const Trace &trace) const
{
    return remedyFigures(trace);
}

} // namespace conlab
