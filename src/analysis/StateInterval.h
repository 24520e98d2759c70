#pragma once

#include "trace/Event.h"

#include <cstdint>

namespace conlab {

// One stretch of time a worker spent in one state, derived from its events.
struct StateInterval
{
    WorkerState state = WorkerState::New;
    BlockReason reason = BlockReason::None; // for Blocked
    // What it was blocked on; when Running under MLFQ, its level + 1 (| kRunLifted).
    std::uint32_t object = 0;
    std::int32_t cpu = -1;                   // for Running
    ExitCause exitCause = ExitCause::Normal; // for Terminated
    std::int64_t exitArg = 0;                // signal number or exit code
    std::uint64_t startNs = 0;
    std::uint64_t endNs = 0; // for the last interval of a lane: the last time seen so far
    bool open = false;       // the last interval of a lane whose worker has not moved on yet
};

} // namespace conlab
