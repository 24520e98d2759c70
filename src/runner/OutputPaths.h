#pragma once

#include "RunOptions.h"

#include <string>

namespace conlab {

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
};

} // namespace conlab
