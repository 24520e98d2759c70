#pragma once

#include "trace/Trace.h"

#include <cstdint>

namespace conlab {

// What a run did, counted from its trace (never from the scenario's own bookkeeping).
struct RunFigures
{
    std::uint64_t produced = 0; // items put into a queue, sentinels excluded
    std::uint64_t consumed = 0; // items taken from a queue, sentinels excluded
    std::uint32_t maxDepth = 0;
    std::uint32_t stranded = 0; // workers still blocked on a queue when the run was ended
    std::uint32_t killed = 0;   // workers ended by a signal they did not expect
    std::uint64_t durationNs = 0;

    static RunFigures compute(const Trace &trace);
};

} // namespace conlab
