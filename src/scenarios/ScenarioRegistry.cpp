#include "ScenarioRegistry.h"

#include "ProducerConsumerScenario.h"
#include "SharedCounterScenario.h"
#include "TicketRaceScenario.h"

#include <functional>
#include <utility>

namespace conlab {

namespace {
using Factory = std::function<std::unique_ptr<Scenario>()>;

const std::vector<std::pair<std::string, Factory>> &factories()
{
    static const std::vector<std::pair<std::string, Factory>> list = {
        {"ticket-race",
         [] {
             return std::make_unique<TicketRaceScenario>();
         }},
        {"shared-counter",
         [] {
             return std::make_unique<SharedCounterScenario>();
         }},
        {"producer-consumer",
         [] {
             return std::make_unique<ProducerConsumerScenario>();
         }},
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
