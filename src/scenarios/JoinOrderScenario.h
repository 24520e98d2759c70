#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Chapter 1's interview puzzle: p1 and p2 must finish before p3..p5 start, and p3 must end
// together with p4 and p5. Main joins the first group, then starts the rest with p3 as a
// daemon and joins only p4 and p5; a p3 that outlives them is ended with main.
class JoinOrderScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    std::string checkParameters(const ParameterSet &values) const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool workersAreProcesses(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

private:
    bool isFirst(std::uint32_t worker) const;
    bool isDaemon(std::uint32_t worker) const;
    bool startedAfterFirst(const Trace &trace) const;

    TraceMeta m_meta;
    std::vector<std::uint64_t> m_workNs; // by worker id - 1
    std::vector<std::int64_t> m_first;
    std::vector<std::int64_t> m_daemons;
    bool m_processes = true;
};

} // namespace conlab
