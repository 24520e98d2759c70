#pragma once

#include "JobTable.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace conlab {

// The job table as CSV, one job a line: `name,arrival,bursts,priority`, bursts written as
// cpu/io/cpu/... (e.g. `P1,0,5/3/2,1`), times in whole time units, priority optional
// (default 0). Blank lines, `#` comments and a header line starting with `name` are skipped.
class JobTableCsv
{
public:
    // Far above any table of kMaxJobs jobs with comments; a file past it is not a job table.
    static constexpr std::size_t kMaxFileBytes = 256 * 1024;

    // Reads the file at `path` (at most kMaxFileBytes, so a device or a huge file is refused
    // without reading it all). On failure `error` names the file and what is wrong.
    static bool readFile(const std::string &path, std::string &text, std::string *error);
    // A leading UTF-8 byte order mark (as spreadsheets write) is skipped. Text echoed back in
    // `error` has control and non-ASCII bytes escaped (\xNN) and is cut short.
    // On bad input returns false with "source:line: what is wrong" in `error`.
    static bool parse(std::string_view text, const std::string &source, JobTable &out,
                      std::string *error);
    static std::string format(const JobTable &table);
};

} // namespace conlab
