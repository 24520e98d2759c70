#include "ParameterSet.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace conlab {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Skips a run of digits from `at`; returns how many there were.
std::size_t digits(const std::string &text, std::size_t &at)
{
    const std::size_t from = at;
    while (at < text.size() && isDigit(text[at]))
        ++at;
    return at - from;
}

// "-12", "0", "007": an optional '-' and digits, nothing else.
bool integerSyntax(const std::string &text)
{
    std::size_t at = !text.empty() && text[0] == '-' ? 1 : 0;
    return digits(text, at) > 0 && at == text.size();
}

// "2", "-0.5", ".5", "5.", "1e-2", "2.5E+1": digits with an optional point and exponent.
bool realSyntax(const std::string &text)
{
    std::size_t at = !text.empty() && text[0] == '-' ? 1 : 0;
    std::size_t mantissa = digits(text, at);
    if (at < text.size() && text[at] == '.') {
        ++at;
        mantissa += digits(text, at);
    }
    if (mantissa == 0)
        return false;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < text.size() && (text[at] == '+' || text[at] == '-'))
            ++at;
        if (digits(text, at) == 0)
            return false;
    }
    return at == text.size();
}

// from_chars reads the same in every locale (strtod would not, inside the window), and says
// when a number does not fit.
template <typename Number> bool convert(const std::string &text, Number &value)
{
    Number parsed{};
    const char *last = text.data() + text.size();
    const auto [end, status] = std::from_chars(text.data(), last, parsed);
    if (status != std::errc() || end != last)
        return false;
    value = parsed;
    return true;
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

} // namespace

bool ParameterSet::parseInteger(const std::string &text, std::int64_t &value)
{
    return integerSyntax(text) && convert(text, value);
}

bool ParameterSet::parseReal(const std::string &text, double &value)
{
    double parsed = 0;
    if (!realSyntax(text) || !convert(text, parsed) || !std::isfinite(parsed))
        return false;
    value = parsed;
    return true;
}

bool ParameterSet::check(const ParameterSpec &spec, const std::string &text, std::string *error)
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
    const bool integer = spec.type == ParameterSpec::Type::Integer;
    const std::string expected = std::string(integer ? "a whole number in " : "a number in ") +
                                 spec.rangeText() + (spec.unit.empty() ? "" : " " + spec.unit);
    if (integer ? !integerSyntax(text) : !realSyntax(text)) {
        if (error)
            *error = spec.name + ": '" + text + "' is not " +
                     (integer ? "a plain decimal whole number" : "a plain decimal number") +
                     "; expected " + expected;
        return false;
    }
    // The same reading as integer() and real() give the scenario later.
    double value = 0;
    std::int64_t whole = 0;
    const bool fits = integer ? parseInteger(text, whole) : parseReal(text, value);
    if (integer)
        value = double(whole);
    if (!fits || value < spec.minimum || value > spec.maximum) {
        if (error)
            *error = spec.name + ": '" + text + "' is out of range; expected " + expected;
        return false;
    }
    return true;
}

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
        if (!check(*spec, value, error))
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
    std::int64_t number = 0;
    if (!parseInteger(text(name), number))
        throw std::logic_error("parameter " + name + " is not a whole number: '" + text(name) +
                               "'");
    return number;
}

double ParameterSet::real(const std::string &name) const
{
    // A whole number is a real too: durations given in whole milliseconds read as reals.
    double number = 0;
    if (!parseReal(text(name), number))
        throw std::logic_error("parameter " + name + " is not a number: '" + text(name) + "'");
    return number;
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
        // Plain decimal digits only, no sign (items are counts and times): "1e1" or "0x10"
        // would read as numbers they don't look like. Then read as every integer is.
        std::int64_t number = 0;
        if (item.empty() || item.size() > 12 || item.front() == '-' || !parseInteger(item, number))
            return false;
        items.push_back(number);
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
