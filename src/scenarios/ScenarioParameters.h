#pragma once

#include "ParameterSpec.h"

#include <string>
#include <vector>

namespace conlab {

// Short builders for scenario parameter lists, so a scenario's schema reads as a table.
class ScenarioParameters
{
public:
    static ParameterSpec integer(const char *name, const char *label, const char *unit,
                                 double minimum, double maximum, double defaultValue,
                                 const char *help);
    static ParameterSpec real(const char *name, const char *label, const char *unit, double minimum,
                              double maximum, double defaultValue, const char *help);
    static ParameterSpec integerList(const char *name, const char *label, const char *unit,
                                     double minimum, double maximum, int minItems, int maxItems,
                                     const char *defaultList, const char *help);
    static ParameterSpec choice(const char *name, const char *label,
                                std::vector<std::string> values, std::vector<std::string> labels,
                                const char *help);
};

} // namespace conlab
