#pragma once

#include <string>
#include <vector>

namespace conlab {

// One parameter of a scenario: a slider, spin box or switch in the window, and a
// `--set name=value` on the command line. Names are a contract: scripts and tests use them.
struct ParameterSpec
{
    // IntegerList: comma-separated whole numbers, each in minimum..maximum, minItems..maxItems
    // of them ("100,200,600"); an empty text is the empty list.
    enum class Type { Integer, Real, Choice, IntegerList };

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
    std::string defaultList; // for IntegerList
    int minItems = 0;
    int maxItems = 0;

    std::string defaultText() const;
    std::string rangeText() const; // "1..16", "0.01..10", "thread|process", "1-5 of 1..5"
};

} // namespace conlab
