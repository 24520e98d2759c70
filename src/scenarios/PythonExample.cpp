#include "PythonExample.h"

#include "WatchParameters.h"

namespace conlab {

std::vector<ParameterSpec> PythonExample::parameters() const
{
    std::vector<ParameterSpec> specs{WatchParameters::sample()};
    if (warnsOfStalls)
        specs.push_back(WatchParameters::stall());
    specs.insert(specs.end(), arguments.begin(), arguments.end());
    return specs;
}

std::vector<std::string> PythonExample::watchAssignments(const ParameterSet &values) const
{
    std::vector<std::string> out{"sample=" + values.text("sample")};
    if (warnsOfStalls)
        out.push_back("stall=" + values.text("stall"));
    return out;
}

std::vector<std::string> PythonExample::command(const std::string &python,
                                                const std::string &scriptPath,
                                                const ParameterSet &values) const
{
    std::vector<std::string> words{python, scriptPath};
    for (const ParameterSpec &argument : arguments)
        words.push_back(values.text(argument.name));
    return words;
}

} // namespace conlab
