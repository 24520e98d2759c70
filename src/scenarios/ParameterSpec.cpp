#include "ParameterSpec.h"

#include <sstream>

namespace conlab {

namespace {
std::string number(double value)
{
    // Enough digits for every integer a range can hold: "4194304", never "4.1943e+06".
    std::ostringstream out;
    out.precision(15);
    out << value;
    return out.str();
}
} // namespace

std::string ParameterSpec::defaultText() const
{
    if (type == Type::Choice)
        return choices.empty() ? std::string() : choices.front();
    if (type == Type::IntegerList)
        return defaultList;
    return number(defaultValue);
}

std::string ParameterSpec::rangeText() const
{
    if (type == Type::Choice) {
        std::string text;
        for (const auto &choice : choices)
            text += (text.empty() ? "" : "|") + choice;
        return text;
    }
    if (type == Type::IntegerList)
        return "a list of " +
               (minItems == maxItems
                    ? std::to_string(minItems)
                    : std::to_string(minItems) + " to " + std::to_string(maxItems)) +
               " comma-separated whole numbers in " + number(minimum) + ".." + number(maximum);
    return number(minimum) + ".." + number(maximum);
}

} // namespace conlab
