#include "ParameterSet.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace conlab {

namespace {

bool parseNumber(const std::string &text, double &value)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && std::isfinite(value);
}

bool validateList(const ParameterSpec &spec, const std::string &text, std::string *error)
{
    std::vector<std::int64_t> items;
    const bool parsed = ParameterSet::parseList(text, items);
    bool inRange =
        parsed && int(items.size()) >= spec.minItems && int(items.size()) <= spec.maxItems;
    for (const std::int64_t item : items)
        inRange = inRange && item >= spec.minimum && item <= spec.maximum;
    if (!inRange && error)
        *error = spec.name + ": '" + text + "' is out of range; expected " + spec.rangeText() +
                 (spec.unit.empty() ? "" : " " + spec.unit);
    return inRange;
}

bool validate(const ParameterSpec &spec, const std::string &text, std::string *error)
{
    if (spec.type == ParameterSpec::Type::IntegerList)
        return validateList(spec, text, error);
    if (spec.type == ParameterSpec::Type::Choice) {
        for (const auto &choice : spec.choices)
            if (choice == text)
                return true;
        if (error)
            *error = spec.name + ": '" + text + "' is not one of " + spec.rangeText();
        return false;
    }
    double value = 0;
    const bool isNumber = parseNumber(text, value);
    const bool isWhole =
        !isNumber || spec.type != ParameterSpec::Type::Integer || value == std::floor(value);
    if (!isNumber || !isWhole || value < spec.minimum || value > spec.maximum) {
        if (error)
            *error = spec.name + ": '" + text + "' is out of range; expected " +
                     (spec.type == ParameterSpec::Type::Integer ? "a whole number in "
                                                                : "a number in ") +
                     spec.rangeText() + (spec.unit.empty() ? "" : " " + spec.unit);
        return false;
    }
    return true;
}

} // namespace

ParameterSet ParameterSet::defaults(const std::vector<ParameterSpec> &specs)
{
    ParameterSet set;
    for (const auto &spec : specs)
        set.m_values.emplace_back(spec.name, spec.defaultText());
    return set;
}

bool ParameterSet::fromAssignments(const std::vector<ParameterSpec> &specs,
                                   const std::vector<std::string> &assignments, ParameterSet &out,
                                   std::string *error)
{
    out = defaults(specs);
    for (const auto &assignment : assignments) {
        const auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0) {
            if (error)
                *error = "'" + assignment + "' is not of the form name=value";
            return false;
        }
        const std::string name = assignment.substr(0, eq);
        const std::string value = assignment.substr(eq + 1);
        const ParameterSpec *spec = nullptr;
        for (const auto &candidate : specs)
            if (candidate.name == name)
                spec = &candidate;
        if (!spec) {
            if (error) {
                *error = "unknown parameter '" + name + "'; known:";
                for (const auto &candidate : specs)
                    *error += " " + candidate.name;
            }
            return false;
        }
        if (!validate(*spec, value, error))
            return false;
        for (auto &entry : out.m_values)
            if (entry.first == name)
                entry.second = value;
    }
    return true;
}

const std::string *ParameterSet::find(const std::string &name) const
{
    for (const auto &entry : m_values)
        if (entry.first == name)
            return &entry.second;
    return nullptr;
}

std::int64_t ParameterSet::integer(const std::string &name) const
{
    return std::int64_t(std::llround(real(name)));
}

double ParameterSet::real(const std::string &name) const
{
    const std::string *value = find(name);
    if (!value)
        throw std::logic_error("no parameter named " + name);
    return std::strtod(value->c_str(), nullptr);
}

std::string ParameterSet::text(const std::string &name) const
{
    const std::string *value = find(name);
    if (!value)
        throw std::logic_error("no parameter named " + name);
    return *value;
}

bool ParameterSet::parseList(const std::string &text, std::vector<std::int64_t> &items)
{
    items.clear();
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(',', at);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(at, end - at);
        while (!item.empty() && item.front() == ' ')
            item.erase(item.begin());
        while (!item.empty() && item.back() == ' ')
            item.pop_back();
        // Plain decimal digits only: "1e1" or "0x10" would read as numbers they don't look like.
        if (item.empty() || item.size() > 12 ||
            item.find_first_not_of("0123456789") != std::string::npos)
            return false;
        items.push_back(std::stoll(item));
        at = end + 1;
        if (end == text.size())
            break;
        if (at == text.size())
            return false; // a trailing comma
    }
    return true;
}

std::vector<std::int64_t> ParameterSet::list(const std::string &name) const
{
    std::vector<std::int64_t> items;
    parseList(text(name), items);
    return items;
}

std::vector<std::string> ParameterSet::assignments() const
{
    std::vector<std::string> out;
    for (const auto &entry : m_values)
        out.push_back(entry.first + "=" + entry.second);
    return out;
}

} // namespace conlab
