#pragma once

#include "Trace.h"

#include <string>

namespace conlab {

// The on-disk trace: "CONLABT2", the header text (TraceMeta), the event count, the dropped
// total, the workers that lost events (u32 n, then n of u32 id and u64 lost), the events column
// by column compressed with zstd, and the summary JSON. Little-endian, as written by the machine
// that ran it. "CONLABT1" files, the events raw (32 bytes each), are still read.
class TraceFile
{
public:
    static bool write(const std::string &path, const Trace &trace, std::string *error);
    // On failure `error` names the file and what is wrong with it.
    static bool read(const std::string &path, Trace &trace, std::string *error);
};

} // namespace conlab
