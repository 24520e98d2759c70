#pragma once

#include "JobTable.h"

#include <string>
#include <string_view>

namespace conlab {

// The job table as CSV, one job a line: `name,arrival,bursts,priority`, bursts written as
// cpu/io/cpu/... (e.g. `P1,0,5/3/2,1`), times in whole time units, priority optional
// (default 0). Blank lines, `#` comments and a header line starting with `name` are skipped.
class JobTableCsv
{
public:
    // On bad input returns false with "source:line: what is wrong" in `error`.
    static bool parse(std::string_view text, const std::string &source, JobTable &out,
                      std::string *error);
    static std::string format(const JobTable &table);
};

} // namespace conlab
