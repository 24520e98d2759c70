#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// The invariants every faithful recording must satisfy, whatever the scenario: each worker's
// events in time order and in a legal state sequence, at most V workers running, every queue
// depth within [0, capacity] and consistent, every blocked interval ended by its cause, and,
// for a run that completed, every item produced consumed exactly once.
class TraceChecker
{
public:
    struct Violation
    {
        std::uint64_t timeNs = 0; // relative to the trace start
        std::string rule;         // a short stable name, e.g. "max-running"
        std::string message;
    };

    struct Options
    {
        bool runCompleted = false; // enables the produced == consumed check
        std::size_t maxViolations = 100;
    };

    static std::vector<Violation> check(const Trace &trace, const Options &options);
    // The rules check() applies, for reports.
    static std::vector<std::string> rules();
    // True if the summary JSON of a trace says the run completed.
    static bool summarySaysCompleted(const std::string &summaryJson);
};

} // namespace conlab
