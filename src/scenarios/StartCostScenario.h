#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Chapter 1: what it costs to start a thread or a process. Main starts `count` empty
// workers by each method, one at a time, and measures from the start call to the worker's
// first instruction, and to the join that follows its exit.
class StartCostScenario : public Scenario
{
public:
    struct Method
    {
        std::string name; // "thread", "fork", "spawn", "posix_spawn": a summary contract
        std::vector<std::uint64_t> startNs; // call -> first instruction, one per start
        std::vector<std::uint64_t> joinNs;  // call -> join returned
    };

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    // The runner's probe mode, reached by exec: writes the moment it began to `fd`, exits.
    static int runProbe(int fd);

    static std::vector<std::string> methodNames(const std::string &choice);
    static std::uint32_t lanesPerMethod(std::uint32_t count, std::size_t methods,
                                        std::uint32_t lanes);

private:
    bool startOne(WorkerContext &main, Method &method, std::uint32_t lane);

    std::uint32_t m_count = 0;
    std::uint32_t m_lanesPerMethod = 0;
    std::vector<Method> m_methods;
};

} // namespace conlab
