#pragma once

#include "JobTable.h"
#include "Schedule.h"
#include "SchedulerConfig.h"

#include <cstdint>

namespace conlab {

// A scheduling policy as a pure function: the schedule it gives a job table on `cpus` CPUs,
// deciding with the very functions the CPU gate uses for real workers. Jobs arrive at their
// arrival time, run each CPU burst on a CPU and wait out each IO burst off it. At one instant
// bursts end first, then arrivals and IO returns join the ready list, then running jobs are
// checked for preemption, then free CPUs (lowest index first) take the policy's pick.
class PolicySimulator
{
public:
    static Schedule run(const JobTable &table, const SchedulerConfig &config, std::uint32_t cpus);
};

} // namespace conlab
