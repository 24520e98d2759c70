#pragma once

#include "trace/Event.h"

#include <cstdint>

namespace conlab {

// One stretch of time a worker spent in one state, derived from its events. A run keeps one
// per state change, tens of millions for a long one, so the fields only one state uses share
// their room (issue 16: the window holds at most 24 bytes per event): read `object` and
// `reason` of a Blocked stretch, `object` and `cpu` of a Running one, `exitCause` and `exitArg`
// of a Terminated one, and nothing of the others.
struct StateInterval
{
    std::uint64_t startNs = 0;
    std::uint64_t endNs = 0; // for the last interval of a lane: the last time seen so far
    union {
        // Blocked: what it waits on. Running under MLFQ: its level + 1 (| kRunLifted), else 0.
        std::uint32_t object = 0;
        std::int32_t exitArg; // Terminated: signal number or exit code
    };
    union {
        BlockReason reason = BlockReason::None; // Blocked
        ExitCause exitCause;                    // Terminated
        std::int16_t cpu;                       // Running: the CPU, -1 when not known
    };
    WorkerState state = WorkerState::New;
    bool open = false; // the last interval of a lane whose worker has not moved on yet
};

static_assert(sizeof(StateInterval) == 24, "a state interval is a 24-byte record");

} // namespace conlab
