#pragma once

#include "RunRecording.h"

#include <string>

namespace conlab {

// A run in the Trace Event Format that Perfetto (ui.perfetto.dev) and chrome://tracing open:
// a track per worker lane with its state intervals as complete events, a track per lock with
// its holds, wake-ups as flow arrows, printed lines as instants and the deadlock, if one
// formed, as a global instant. Built from the same analysis the window draws, so both show
// the same run. Times are microseconds from the start of the run, to the nanosecond.
class ChromeTraceWriter
{
public:
    // The whole file: {"traceEvents":[...],"displayTimeUnit":"ns","metadata":{...}}.
    static std::string format(const RunRecording &recording);
    static bool write(const std::string &path, const RunRecording &recording, std::string *error);
    // `ns` as microseconds with three decimals ("1234.567"): exact, unlike a double's %g.
    static std::string microseconds(std::uint64_t ns);
};

} // namespace conlab
