#include "ScenarioRegistry.h"

#include "CoroutinesScenario.h"
#include "EventScenario.h"
#include "GilScenario.h"
#include "IoModelsScenario.h"
#include "JoinOrderScenario.h"
#include "KernelScenario.h"
#include "LayersScenario.h"
#include "LockOrderScenario.h"
#include "MemoryIsolationScenario.h"
#include "MultiprogrammingScenario.h"
#include "PhilosophersScenario.h"
#include "PipeScenario.h"
#include "PipelineScenario.h"
#include "PoliciesScenario.h"
#include "PoolScenario.h"
#include "ProducerConsumerScenario.h"
#include "QueueKindsScenario.h"
#include "ReentrantScenario.h"
#include "SemaphoreScenario.h"
#include "ServerModelsScenario.h"
#include "SharedCounterScenario.h"
#include "SpawnJoinScenario.h"
#include "SwitchScenario.h"
#include "StartCostScenario.h"
#include "TerminateScenario.h"
#include "TicketRaceScenario.h"
#include "TimerScenario.h"
#include "TwoLocksScenario.h"

#include <utility>

namespace conlab {

namespace {
using Factory = std::unique_ptr<Scenario> (*)();

template <class T> std::unique_ptr<Scenario> make()
{
    return std::make_unique<T>();
}

// Catalogue order: by chapter, as the lessons are taught.
const std::vector<std::pair<std::string, Factory>> &factories()
{
    static const std::vector<std::pair<std::string, Factory>> list = {
        {"spawn-join", &make<SpawnJoinScenario>},
        {"join-order", &make<JoinOrderScenario>},
        {"memory-isolation", &make<MemoryIsolationScenario>},
        {"terminate", &make<TerminateScenario>},
        {"start-cost", &make<StartCostScenario>},
        {"gil", &make<GilScenario>},
        {"ticket-race", &make<TicketRaceScenario>},
        {"shared-counter", &make<SharedCounterScenario>},
        {"reentrant", &make<ReentrantScenario>},
        {"semaphore", &make<SemaphoreScenario>},
        {"event", &make<EventScenario>},
        {"timer", &make<TimerScenario>},
        {"producer-consumer", &make<ProducerConsumerScenario>},
        {"queue-kinds", &make<QueueKindsScenario>},
        {"pipe", &make<PipeScenario>},
        {"pipeline", &make<PipelineScenario>},
        {"two-locks", &make<TwoLocksScenario>},
        {"philosophers", &make<PhilosophersScenario>},
        {"lock-order", &make<LockOrderScenario>},
        {"pool", &make<PoolScenario>},
        {"coroutines", &make<CoroutinesScenario>},
        {"switch", &make<SwitchScenario>},
        {"layers", &make<LayersScenario>},
        {"policies", &make<PoliciesScenario>},
        {"multiprogramming", &make<MultiprogrammingScenario>},
        {"kernel", &make<KernelScenario>},
        {"io-models", &make<IoModelsScenario>},
        {"server-models", &make<ServerModelsScenario>},
    };
    return list;
}
} // namespace

std::vector<std::string> ScenarioRegistry::ids()
{
    std::vector<std::string> out;
    for (const auto &entry : factories())
        out.push_back(entry.first);
    return out;
}

std::unique_ptr<Scenario> ScenarioRegistry::create(const std::string &id)
{
    for (const auto &entry : factories())
        if (entry.first == id)
            return entry.second();
    return nullptr;
}

std::vector<Scenario::Info> ScenarioRegistry::catalog()
{
    std::vector<Scenario::Info> out;
    for (const auto &entry : factories())
        out.push_back(entry.second()->info());
    return out;
}

} // namespace conlab
