#pragma once

#include "Trace.h"

#include <string>

namespace conlab {

// The on-disk trace: "CONLABT1", the header text (TraceMeta), the raw 32-byte events, and
// the summary JSON. Little-endian, as written by the machine that ran it.
class TraceFile
{
public:
    static bool write(const std::string &path, const Trace &trace, std::string *error);
    // On failure `error` names the file and what is wrong with it.
    static bool read(const std::string &path, Trace &trace, std::string *error);
};

} // namespace conlab
