#pragma once

#include <string>
#include <vector>

namespace conlab {

// One parameter of a scenario: a slider, spin box or switch in the window, and a
// `--set name=value` on the command line. Names are a contract: scripts and tests use them.
struct ParameterSpec
{
    enum class Type { Integer, Real, Choice };

    std::string name;  // "producers"
    std::string label; // "Producers"
    std::string unit;  // "ms", "items", "" for none
    std::string help;  // one sentence for the tooltip and --list
    Type type = Type::Integer;
    double minimum = 0;
    double maximum = 0;
    double defaultValue = 0;
    std::vector<std::string> choices; // for Choice; the first is the default
    std::vector<std::string> choiceLabels;

    std::string defaultText() const;
    std::string rangeText() const; // "1..16", "0.01..10", "thread|process"
};

} // namespace conlab
