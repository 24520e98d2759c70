#pragma once

#include "Scenario.h"

namespace conlab {

class InstrumentedMutex;

// One worker takes the same lock twice. A plain lock makes it wait for itself for ever (a
// cycle of one in the wait-for graph); a reentrant lock counts the depth and lets it through.
class ReentrantScenario : public Scenario
{
public:
    static constexpr std::uint32_t kLockId = 1;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    InstrumentedMutex *m_lock = nullptr;
    std::uint32_t m_depth = 2;
    std::uint64_t m_holdNs = 0;
};

} // namespace conlab
