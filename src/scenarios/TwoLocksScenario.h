#pragma once

#include "DeadlockRemedy.h"
#include "Scenario.h"

#include <cstdint>
#include <memory>

namespace conlab {

class InstrumentedMutex;

// Half the workers take lock A then B, the other half B then A, pausing in between: with no
// remedy the first pair to collide deadlocks, and the runner detects the cycle. Each remedy
// makes the run finish.
class TwoLocksScenario : public Scenario
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
    bool abortsDeadlockVictims() const override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

    // Counts of LockFailed by why, and of workers that finished: shared with philosophers.
    static std::vector<std::pair<std::string, std::int64_t>> remedyFigures(const Trace &trace);

private:
    InstrumentedMutex *m_a = nullptr;
    InstrumentedMutex *m_b = nullptr;
    std::unique_ptr<DeadlockRemedy> m_remedy;
    std::uint32_t m_workers = 0;
    std::uint32_t m_rounds = 0;
    std::uint64_t m_pauseNs = 0;
    std::uint64_t m_holdNs = 0;
};

} // namespace conlab
