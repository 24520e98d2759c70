#pragma once

#include "Scenario.h"

#include <memory>
#include <string>
#include <vector>

namespace conlab {

// The catalog: every scenario, by id, in chapter order.
class ScenarioRegistry
{
public:
    static std::vector<std::string> ids();
    static std::unique_ptr<Scenario> create(const std::string &id);
    static std::vector<Scenario::Info> catalog();
};

} // namespace conlab
