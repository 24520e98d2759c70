#pragma once

#include "Scenario.h"

namespace conlab {

class InstrumentedMutex;

// Two workers take A then B and B then A, but one after the other, so they never collide.
// Nothing deadlocks, yet the lock-order graph has a cycle: a potential deadlock, reported as
// ThreadSanitizer and lockdep report lock-order inversions.
class LockOrderScenario : public Scenario
{
public:
    static constexpr std::uint32_t kLockA = 1;
    static constexpr std::uint32_t kLockB = 2;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;

private:
    InstrumentedMutex *m_a = nullptr;
    InstrumentedMutex *m_b = nullptr;
    std::uint64_t m_gapNs = 0;
    std::uint64_t m_holdNs = 0;
};

} // namespace conlab
