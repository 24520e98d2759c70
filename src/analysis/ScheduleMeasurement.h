#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <vector>

namespace conlab {

// What a run's trace shows of how its jobs were scheduled, measured the way a policy's pure
// schedule defines it: a job arrives at its first Ready, waits while Ready, responds at its
// first Running and completes at Terminated; dispatches are its Running events in time order.
struct ScheduleMeasurement
{
    struct Job
    {
        std::uint32_t worker = 0;
        bool completed = false;
        std::uint64_t arrivalNs = 0;
        std::uint64_t firstRunNs = 0;
        std::uint64_t completionNs = 0;
        std::uint64_t waitingNs = 0;
        std::uint64_t turnaroundNs = 0;
        std::uint64_t responseNs = 0;
        std::uint64_t cpuNs = 0;
    };
    struct Dispatch
    {
        std::uint64_t timeNs = 0;
        std::uint32_t worker = 0;
        std::uint32_t cpu = 0;
    };

    std::vector<Job> jobs; // in the order of `workers`
    std::vector<Dispatch> dispatches;
    // Over the jobs that completed.
    double avgWaitingNs = 0;
    double avgTurnaroundNs = 0;
    double avgResponseNs = 0;
    // CPU time the jobs used over what the trace's virtual CPUs could give from the first
    // arrival to the last completion.
    double cpuUtilisation = 0;

    static ScheduleMeasurement measure(const Trace &trace,
                                       const std::vector<std::uint32_t> &workers);
};

} // namespace conlab
