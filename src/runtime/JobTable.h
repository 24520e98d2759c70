#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// One row of a job table: when the job arrives, its bursts (CPU, IO, CPU, ...: always
// starting and ending on the CPU) and its priority (lower is more urgent), in whatever time
// unit the table is in.
struct Job
{
    std::string name;
    std::uint64_t arrival = 0;
    std::vector<std::uint64_t> bursts;
    std::int32_t priority = 0;

    std::uint64_t cpuTotal() const;
};

// The jobs a scheduling policy is given, in table order (which breaks every tie).
struct JobTable
{
    // One worker per job, next to main: a table a person can read and a schedule one can follow.
    static constexpr std::size_t kMaxJobs = 32;
    static constexpr std::size_t kMaxBursts = 31;

    std::vector<Job> jobs;

    // Every time multiplied by `nsPerUnit` and rounded to whole nanoseconds.
    JobTable scaled(double nsPerUnit) const;
};

} // namespace conlab
