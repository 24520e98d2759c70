#pragma once

#include "JobTable.h"

#include <cstdint>

namespace conlab {

// A scenario whose workers are the jobs of a job table. Through this the runner can replace
// the table with one from a file and measure each job's times on the trace.
class JobTableRunner
{
public:
    virtual ~JobTableRunner() = default;

    // Replaces the built-in table (times in the table's units). Called before describe().
    virtual void useJobTable(JobTable table) = 0;
    // Worker id of the table's first job; the others follow in table order.
    virtual std::uint32_t firstJobWorker() const = 0;
    // The table as run, in nanoseconds.
    virtual const JobTable &jobsNs() const = 0;
};

} // namespace conlab
