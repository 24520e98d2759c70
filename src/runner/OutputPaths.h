#pragma once

#include "RunOptions.h"

#include <cstdint>
#include <string>

namespace conlab {

struct Trace;

// The files a run was asked to write (--trace, --csv, --chrome-trace), tried before the run:
// a run whose trace can't be kept is refused, not wasted.
class OutputPaths
{
public:
    // Whether a file can be written at `path`, tried without leaving anything behind: an
    // existing file is opened for writing (not truncated), a new one created and removed
    // again. On failure, `error` says why.
    static bool canWrite(const std::string &path, std::string &error);
    // Every output of `options`; false after naming the first that can't be written on stderr.
    static bool check(const RunOptions &options);

    // Why each output failed at the end of a run; empty for one written or not asked for.
    struct Errors
    {
        std::string trace;
        std::string csv;
        std::string chromeTrace;
        bool any() const { return !trace.empty() || !csv.empty() || !chromeTrace.empty(); }
    };
    // Writes the trace, the interval table and the Trace Event Format file `options` asks for,
    // saying on stderr what failed. `openUntilNs`, if not 0, is where the table closes the
    // intervals still open (a watched program's lanes, which end where the watching did).
    static Errors write(const RunOptions &options, const Trace &trace,
                        std::uint64_t openUntilNs = 0);
};

} // namespace conlab
