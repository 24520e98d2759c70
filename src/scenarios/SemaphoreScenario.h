#pragma once

#include "Scenario.h"

namespace conlab {

class CountingSemaphore;

// W workers share a room with k places: a semaphore of k. At most k are inside at once;
// the rest wait at the door (blocked: semaphore).
class SemaphoreScenario : public Scenario
{
public:
    static constexpr std::uint32_t kSemaphoreId = 1;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    CountingSemaphore *m_semaphore = nullptr;
    std::uint32_t m_workers = 0;
    std::uint64_t m_holdNs = 0;
};

} // namespace conlab
