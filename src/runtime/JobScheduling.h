#pragma once

#include "JobTableRunner.h"
#include "Schedule.h"

namespace conlab {

class CpuGate;

// A job table run on the virtual CPUs under a policy the scenario chooses. Through this the
// runner hands it the run's CPU gate and compares the real run with the policy's own
// schedule of the table.
class JobScheduling : public JobTableRunner
{
public:
    // In every process of the run, after setup(). The creator configures the gate's policy.
    virtual void attachGate(CpuGate &gate, bool creator) = 0;
    // The policy's schedule of the table, from the pure simulator.
    virtual Schedule expectedSchedule() const = 0;
};

} // namespace conlab
