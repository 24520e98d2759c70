#include "PhilosophersScenario.h"

#include "ScenarioParameters.h"
#include "TwoLocksScenario.h"
#include "runtime/CountingSemaphore.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info PhilosophersScenario::info() const
{
    return {"philosophers", "Dining philosophers", 4, "Deadlock"};
}

std::vector<ParameterSpec> PhilosophersScenario::parameters() const
{
    using P = ScenarioParameters;
    auto names = DeadlockRemedy::names();
    auto labels = DeadlockRemedy::labels();
    names.push_back("seats");
    labels.push_back("at most N-1 at the table");
    return {
        kindParameter(),
        P::integer("philosophers", "Philosophers", "", 2, 10, 5, "Philosophers and chopsticks."),
        P::integer("rounds", "Meals each", "", 1, 20, 3, "How often each philosopher eats."),
        P::integer("think-time", "Think time", "ms", 0, 5000, 100,
                   "Time spent thinking (not eating, not holding anything) before each meal."),
        P::integer("eat-time", "Eat time", "ms", 1, 5000, 100, "CPU work while holding both."),
        P::integer("pause", "Pause between chopsticks", "ms", 0, 5000, 50,
                   "Time between taking the left chopstick and reaching for the right."),
        P::integer("timeout", "Try-lock timeout", "ms", 1, 5000, 150,
                   "How long try-lock waits for the right chopstick before putting the left down."),
        P::choice("remedy", "Remedy", names, labels,
                  "What, if anything, prevents or breaks the deadlock."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta PhilosophersScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto count = std::uint32_t(values.integer("philosophers"));
    const std::string remedy = values.text("remedy");
    for (std::uint32_t i = 1; i <= count; ++i)
        meta.workers.push_back({i, "philosopher", "philosopher-" + std::to_string(i)});
    if (remedy == "reentrant") {
        meta.objects.push_back({1, "lock", 1, "all chopsticks"});
    } else {
        for (std::uint32_t i = 1; i <= count; ++i)
            meta.objects.push_back({i, "lock", 1, "chopstick-" + std::to_string(i)});
    }
    if (remedy == "seats")
        meta.objects.push_back({kSeatsId, "semaphore", count - 1, "seats"});
    return meta;
}

bool PhilosophersScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_count = std::uint32_t(values.integer("philosophers"));
    m_rounds = std::uint32_t(values.integer("rounds"));
    m_thinkNs = std::uint64_t(values.real("think-time") * scale);
    m_eatNs = std::uint64_t(values.real("eat-time") * scale);
    m_pauseNs = std::uint64_t(values.real("pause") * scale);
    const std::string remedy = values.text("remedy");
    const auto kind = DeadlockRemedy::parse(remedy);
    m_remedy = std::make_unique<DeadlockRemedy>(kind, std::uint64_t(values.real("timeout") * scale),
                                                m_pauseNs + 1000000);
    m_chopsticks.clear();
    if (kind == DeadlockRemedy::Kind::Reentrant) {
        auto *all = arena.make<InstrumentedMutex>(1, InstrumentedMutex::Kind::Reentrant);
        m_chopsticks.assign(m_count, all);
    } else {
        for (std::uint32_t i = 1; i <= m_count; ++i)
            m_chopsticks.push_back(
                arena.make<InstrumentedMutex>(i, InstrumentedMutex::Kind::Plain));
    }
    if (remedy == "seats")
        m_seats = arena.make<CountingSemaphore>(kSeatsId, m_count - 1);
    for (auto *chopstick : m_chopsticks)
        if (!chopstick)
            return false;
    return remedy != "seats" || m_seats;
}

bool PhilosophersScenario::abortsDeadlockVictims() const
{
    return m_remedy && m_remedy->kind() == DeadlockRemedy::Kind::Victim;
}

void PhilosophersScenario::runWorker(WorkerContext &worker)
{
    const std::uint32_t seat = worker.id() - 1;
    InstrumentedMutex &left = *m_chopsticks[seat];
    InstrumentedMutex &right = *m_chopsticks[(seat + 1) % m_count];
    if (!worker.waitForStart(m_count + 1))
        return worker.exit(worker.stopCause());
    for (std::uint32_t meal = 0; meal < m_rounds; ++meal) {
        if (!worker.sleep(m_thinkNs) || !worker.compute(0))
            return worker.exit(worker.stopCause());
        if (m_seats && m_seats->acquire(worker) != CountingSemaphore::Result::Acquired)
            return worker.exit(worker.stopCause());
        if (m_remedy->acquireBoth(worker, left, right, m_pauseNs) !=
                DeadlockRemedy::Result::Acquired ||
            !worker.compute(m_eatNs))
            return worker.exit(worker.stopCause());
        m_remedy->releaseBoth(worker, left, right);
        if (m_seats)
            m_seats->release(worker);
        if (!worker.yieldCpu())
            return worker.exit(worker.stopCause());
    }
    worker.exit(ExitCause::Normal);
}

void PhilosophersScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_count);
}

std::vector<std::pair<std::string, std::int64_t>>
PhilosophersScenario::figures(const Trace &trace) const
{
    return TwoLocksScenario::remedyFigures(trace);
}

} // namespace conlab
