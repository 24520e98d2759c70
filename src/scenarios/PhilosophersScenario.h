#pragma once

#include "DeadlockRemedy.h"
#include "Scenario.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace conlab {

class CountingSemaphore;
class InstrumentedMutex;

// N philosophers around a table with N chopsticks. Each thinks, takes the left chopstick,
// then the right, eats, and puts both down. With no remedy they can all hold their left and
// wait for their right: a ring in the wait-for graph.
class PhilosophersScenario : public Scenario
{
public:
    static constexpr std::uint32_t kSeatsId = 100;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    bool abortsDeadlockVictims() const override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    std::vector<InstrumentedMutex *> m_chopsticks;
    CountingSemaphore *m_seats = nullptr;
    std::unique_ptr<DeadlockRemedy> m_remedy;
    std::uint32_t m_count = 0;
    std::uint32_t m_rounds = 0;
    std::uint64_t m_thinkNs = 0;
    std::uint64_t m_eatNs = 0;
    std::uint64_t m_pauseNs = 0;
};

} // namespace conlab
