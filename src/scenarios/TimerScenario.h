#pragma once

#include "Scenario.h"

namespace conlab {

// A callback scheduled to run after t: a timer worker sleeps, then runs it.
class TimerScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    std::uint64_t m_delayNs = 0;
    std::uint64_t m_workNs = 0;
};

} // namespace conlab
