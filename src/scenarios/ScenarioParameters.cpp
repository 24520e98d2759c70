#include "ScenarioParameters.h"

namespace conlab {

ParameterSpec ScenarioParameters::integer(const char *name, const char *label, const char *unit,
                                          double minimum, double maximum, double defaultValue,
                                          const char *help)
{
    ParameterSpec spec;
    spec.name = name;
    spec.label = label;
    spec.unit = unit;
    spec.help = help;
    spec.type = ParameterSpec::Type::Integer;
    spec.minimum = minimum;
    spec.maximum = maximum;
    spec.defaultValue = defaultValue;
    return spec;
}

ParameterSpec ScenarioParameters::real(const char *name, const char *label, const char *unit,
                                       double minimum, double maximum, double defaultValue,
                                       const char *help)
{
    ParameterSpec spec = integer(name, label, unit, minimum, maximum, defaultValue, help);
    spec.type = ParameterSpec::Type::Real;
    return spec;
}

ParameterSpec ScenarioParameters::integerList(const char *name, const char *label, const char *unit,
                                              double minimum, double maximum, int minItems,
                                              int maxItems, const char *defaultList,
                                              const char *help)
{
    ParameterSpec spec = integer(name, label, unit, minimum, maximum, 0, help);
    spec.type = ParameterSpec::Type::IntegerList;
    spec.minItems = minItems;
    spec.maxItems = maxItems;
    spec.defaultList = defaultList;
    return spec;
}

ParameterSpec ScenarioParameters::choice(const char *name, const char *label,
                                         std::vector<std::string> values,
                                         std::vector<std::string> labels, const char *help)
{
    ParameterSpec spec;
    spec.name = name;
    spec.label = label;
    spec.help = help;
    spec.type = ParameterSpec::Type::Choice;
    spec.choices = std::move(values);
    spec.choiceLabels = std::move(labels);
    return spec;
}

} // namespace conlab
