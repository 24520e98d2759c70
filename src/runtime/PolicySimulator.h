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

    // The most steps (decision instants) a lesson's schedule may take: the runner refuses a
    // table and policy whose stepBound() exceeds it, before the run, so that the expected
    // schedule is computed (and printed) in a bounded time however long the run was allowed.
    static constexpr std::uint64_t kMaxModelSteps = 100000;
    // An upper estimate of run()'s steps for `table` (in ns): one per arrival and IO return,
    // one per CPU burst plus one per quantum it lasts, one per aging step and boost period
    // over the whole table. Saturates rather than overflows.
    static std::uint64_t stepBound(const JobTable &table, const SchedulerConfig &config);
};

} // namespace conlab
