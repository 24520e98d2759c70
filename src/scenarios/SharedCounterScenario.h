#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

class InstrumentedMutex;
class SharedCell;

// W workers each take one off a shared counter: read it, pause, write back one less. Without
// the lock the pauses let reads of the same value pile up and decrements get lost; with it
// the final value is start - W.
class SharedCounterScenario : public Scenario
{
public:
    static constexpr std::uint32_t kCounterId = 1;
    static constexpr std::uint32_t kLockId = 2;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    SharedCell *m_counter = nullptr;
    InstrumentedMutex *m_lock = nullptr;
    std::uint32_t m_workers = 0;
    std::int64_t m_start = 0;
    std::uint64_t m_delayNs = 0;
    bool m_useLock = false;
};

} // namespace conlab
