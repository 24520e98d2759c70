#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Chapter 1: a counter n = 100 lives in the runner's own memory, not in the arena. Threads
// share it; a forked child decrements its own copy-on-write copy, a spawned child one built
// afresh, and main's n stays 100.
class MemoryIsolationScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool workersAreProcesses(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    static constexpr std::uint32_t kCounterId = 1;
    static constexpr int kInitialValue = 100;

private:
    TraceMeta m_meta;
    std::uint32_t m_workers = 0;
    std::uint64_t m_holdNs = 0;
    bool m_processes = true;
    StartMethod m_method = StartMethod::Fork;
};

} // namespace conlab
