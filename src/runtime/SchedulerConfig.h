#pragma once

#include "SchedulingPolicy.h"

#include <cstdint>

namespace conlab {

// A policy with its options, as plain data: it lives in the CPU gate in shared memory and is
// handed unchanged to the pure simulator, so both decide by the same numbers.
struct SchedulerConfig
{
    static constexpr std::uint32_t kMaxLevels = 8;

    SchedulingPolicy policy = SchedulingPolicy::Fcfs;
    std::uint64_t quantumNs = 0; // round robin
    bool preemptive = false;     // priority: a better job arriving takes the CPU at once
    // Priority: a job waiting ready gains one priority step per agingNs; 0 turns aging off.
    std::uint64_t agingNs = 0;
    // MLFQ, as OSTEP's simulator parameterises it; level 0 is the top queue.
    std::uint32_t levels = 1;
    std::uint64_t levelQuantumNs[kMaxLevels] = {};
    std::uint32_t allotment = 1; // quanta a job may use at one level before it moves down
    std::uint64_t boostNs = 0;   // every job back to the top this often; 0 never
    // Time zero of the run's job table: boosts fall at originNs + k * boostNs.
    std::uint64_t originNs = 0;

    bool usesQuantum() const
    {
        return policy == SchedulingPolicy::RoundRobin || policy == SchedulingPolicy::Mlfq;
    }
    // Whether a ready job can take a running job's CPU without its quantum ending.
    bool preemptsByKey() const
    {
        return policy == SchedulingPolicy::Srtf || policy == SchedulingPolicy::Mlfq ||
               (policy == SchedulingPolicy::Priority && preemptive);
    }
};

} // namespace conlab
