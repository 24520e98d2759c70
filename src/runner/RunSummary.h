#pragma once

#include "analysis/WaitForGraph.h"
#include "scenarios/ParameterSet.h"
#include "trace/Trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conlab {

class Scenario;

// The runner's final JSON line: what the run was, how it ended, what the checker found and
// everything measured, from the trace and from what the session saw while it ran.
class RunSummary
{
public:
    struct Facts
    {
        const Scenario *scenario = nullptr;
        const ParameterSet *values = nullptr;
        std::string outcome; // "completed", "stopped", ...
        bool processes = false;
        std::string policy; // empty where no virtual CPU stands between workers and cores
        bool checksPassed = false;
        std::vector<std::string> violations;
        std::optional<WaitForGraph::Cycle> deadlock; // the first cycle nobody broke
        std::uint64_t deadlockDetectedNs = 0;
        std::uint64_t victimsAborted = 0;
        std::uint64_t cyclesBroken = 0;
        std::string jobsPath;
        std::string tracePath; // written without error
        std::string traceError;
        std::string csvError;
        std::string chromeTraceError;
        std::string failure;
    };

    static std::string json(const Trace &trace, const Facts &facts);

private:
    static std::string deadlockJson(const Trace &trace, const Facts &facts);
};

} // namespace conlab
