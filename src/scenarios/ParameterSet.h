#pragma once

#include "ParameterSpec.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conlab {

// Validated values for a scenario's parameters: every spec has a value (its default unless
// set), and every value is within its range.
class ParameterSet
{
public:
    // Applies `name=value` assignments over the defaults. On a bad name or value, returns
    // false with an error that names the parameter and its range.
    static bool fromAssignments(const std::vector<ParameterSpec> &specs,
                                const std::vector<std::string> &assignments, ParameterSet &out,
                                std::string *error);
    static ParameterSet defaults(const std::vector<ParameterSpec> &specs);
    // Whether `text` is a valid value of `spec` (its syntax and its range); if not, `error`
    // names the parameter and its range.
    static bool check(const ParameterSpec &spec, const std::string &text, std::string *error);

    // The one reading of numbers, for --set, the window and every read below.
    // An integer is plain decimal: an optional '-' and digits; no '+', spaces, exponent or hex.
    static bool parseInteger(const std::string &text, std::int64_t &value);
    // A real is plain decimal too, with an optional fraction and exponent ("0.5", ".5", "2",
    // "1e-2"); no '+' in front, spaces, hex, nan or inf, and it must be finite.
    static bool parseReal(const std::string &text, double &value);

    std::int64_t integer(const std::string &name) const;
    double real(const std::string &name) const;
    std::string text(const std::string &name) const;
    // An IntegerList parameter's items.
    std::vector<std::int64_t> list(const std::string &name) const;
    // Comma-separated plain decimal numbers, spaces allowed around each; "" is no item.
    static bool parseList(const std::string &text, std::vector<std::int64_t> &items);
    bool has(const std::string &name) const { return find(name) != nullptr; }
    // In spec order, as `name`, `value` text; what --set would reproduce.
    const std::vector<std::pair<std::string, std::string>> &values() const { return m_values; }
    std::vector<std::string> assignments() const;

private:
    const std::string *find(const std::string &name) const;
    std::vector<std::pair<std::string, std::string>> m_values;
};

} // namespace conlab
