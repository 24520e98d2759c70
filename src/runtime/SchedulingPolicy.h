#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace conlab {

// How the virtual-CPU gate picks the next worker. A policy is a pure function over the ready
// list, so it can live in shared memory as a plain enum, be unit-tested on hand-made input,
// and be swapped without touching the gate.
enum class SchedulingPolicy : std::uint32_t {
    Fcfs = 0, // first come, first served, never preempts
};

struct ReadyEntry
{
    std::uint32_t worker = 0;
    std::uint64_t arrival = 0; // order of arrival in the ready list
    std::int32_t priority = 0;
};

// Index into `ready` (count > 0) of the worker to dispatch next.
std::size_t pickNext(SchedulingPolicy policy, const ReadyEntry *ready, std::size_t count);
// Whether a running worker should give up its CPU at a check point.
bool shouldPreempt(SchedulingPolicy policy, const ReadyEntry *ready, std::size_t count,
                   std::uint64_t runningForNs);

const char *toString(SchedulingPolicy policy);
bool parsePolicy(std::string_view text, SchedulingPolicy &policy);

} // namespace conlab
