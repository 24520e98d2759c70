#pragma once

#include "PoliciesScenario.h"

#include <cstddef>
#include <vector>

namespace conlab {

// The same IO-heavy jobs run twice on one virtual CPU under FCFS. Batch: one job at a time is
// loaded, the next only once the one before has really exited, so the CPU idles through every
// IO wait. Multiprogrammed: all of them loaded at once (when the last batch job exited), so
// while one waits for its IO another computes. The summary gives each phase's CPU utilisation
// and makespan as measured on the trace, beside what the policy's pure schedule predicts.
class MultiprogrammingScenario : public PoliciesScenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

protected:
    // The jobs of one phase, times in milliseconds: `jobs` alike, or those of a table given
    // with --jobs (whose arrivals play no part).
    JobTable tableFor(const ParameterSet &values) const override;
    // Each phase's copy of them, with the arrivals the model predicts.
    JobTable jobsToRun(const JobTable &table, const ParameterSet &values) const override;
    bool arrivesOnItsOwn(std::size_t index) const override;
    void jobEnded(std::size_t index) override;

private:
    // A phase's jobs, as indexes into the table run.
    struct Phase
    {
        bool batch = true;
        std::size_t first = 0;
        std::size_t count = 0;
    };
    static std::vector<Phase> phasesFor(const ParameterSet &values, std::size_t jobsPerPhase);
    const Phase *phaseOf(std::size_t index) const;

    std::vector<Phase> m_phases;
};

} // namespace conlab
