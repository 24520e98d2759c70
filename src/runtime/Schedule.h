#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// What a policy does with a job table: who runs where and when, and what each job went
// through. Times are in the table's unit, counted from the table's time zero.
struct Schedule
{
    struct Dispatch
    {
        std::uint64_t timeNs = 0;
        std::uint32_t job = 0; // index into the table
        std::uint32_t cpu = 0;
    };
    // One turn of a job on a CPU: a bar of the Gantt chart.
    struct Slice
    {
        std::uint32_t job = 0;
        std::uint32_t cpu = 0;
        std::uint64_t startNs = 0;
        std::uint64_t endNs = 0;
    };
    struct JobResult
    {
        std::uint64_t arrivalNs = 0;
        std::uint64_t firstRunNs = 0;
        std::uint64_t completionNs = 0;
        std::uint64_t waitingNs = 0; // time spent ready, not running
        std::uint64_t turnaroundNs = 0;
        std::uint64_t responseNs = 0;
        std::uint64_t cpuNs = 0;
    };

    std::vector<Dispatch> dispatches; // in time order
    std::vector<Slice> slices;        // in the order they ended
    std::vector<JobResult> jobs;      // in table order
    double avgWaitingNs = 0;
    double avgTurnaroundNs = 0;
    double avgResponseNs = 0;
    // CPU time used over what the CPUs could give from the first arrival to the last completion.
    double cpuUtilisation = 0;
    // Instants where the schedule hangs on two things happening at exactly the same time that
    // a real run cannot order reliably (turns ending together on two CPUs). Empty for tables
    // whose real runs must reproduce the schedule.
    std::vector<std::string> races;
};

} // namespace conlab
