#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Chapter 1: main starts N workers and joins them all at the end, one by one, or not at all;
// the last k are daemons, cut off when main ends.
class SpawnJoinScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    std::string checkParameters(const ParameterSet &values) const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

private:
    std::uint64_t workNs(std::uint32_t worker) const;
    bool isDaemon(std::uint32_t worker) const { return worker > m_workers - m_daemons; }

    TraceMeta m_meta;
    std::uint32_t m_workers = 0;
    std::uint32_t m_daemons = 0;
    std::uint64_t m_workNs = 0;
    std::uint64_t m_spreadNs = 0;
    std::string m_join;
    bool m_processes = false;
    std::vector<std::uint32_t> m_joined;
};

} // namespace conlab
