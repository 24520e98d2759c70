#pragma once

#include "JobTable.h"
#include "Schedule.h"

#include <cstdint>

namespace conlab {

class CpuGate;

// A scenario whose workers are the jobs of a job table, run on the virtual CPUs under a policy
// it chooses. Through this the runner hands it the run's CPU gate, can replace its table with
// one from a file, and compares the real run with the policy's own schedule of the table.
class JobScheduling
{
public:
    virtual ~JobScheduling() = default;

    // Replaces the built-in table (times in the table's units). Called before describe().
    virtual void useJobTable(JobTable table) = 0;
    // In every process of the run, after setup(). The creator configures the gate's policy.
    virtual void attachGate(CpuGate &gate, bool creator) = 0;
    // Worker id of the table's first job; the others follow in table order.
    virtual std::uint32_t firstJobWorker() const = 0;
    // The table as run, in nanoseconds.
    virtual const JobTable &jobsNs() const = 0;
    // The policy's schedule of that table, from the pure simulator.
    virtual Schedule expectedSchedule() const = 0;
    // False when no policy of ours decides (the kernel does): there is nothing to compare with.
    virtual bool hasExpectedSchedule() const { return true; }
};

} // namespace conlab
