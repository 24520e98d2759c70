#pragma once

#include "Scenario.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Chapter 1: main starts a worker on a long job, then ends it from outside: a signal for a
// process (terminate(), kill(), Ctrl+C), a stop flag for a thread, which nothing can kill
// alone. Main asks is_alive() at once and waits until the answer turns false.
class TerminateScenario : public Scenario
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

private:
    void installHandler() const;
    bool stopAsked() const;

    TraceMeta m_meta;
    bool m_processes = true;
    int m_signal = 15;
    std::string m_handler;
    std::uint64_t m_afterNs = 0;
    std::uint64_t m_graceNs = 0;
    std::uint64_t m_checkNs = 0;
    std::uint64_t m_workNs = 0;
    std::uint64_t m_cleanupNs = 0;
    // Threads share this; a process never looks at it.
    std::atomic<bool> m_stopFlag{false};
    // In the arena: set by the worker once its handler is in place, so that main's signal
    // never comes before it (a slow start would otherwise meet the default action).
    std::atomic<std::uint32_t> *m_workerReady = nullptr;
    // Measured by main, in the runner.
    std::uint64_t m_stopAskedNs = 0;
    std::int64_t m_aliveUntilNs = -1;
    bool m_aliveRightAfter = false;
    bool m_escalated = false;
};

} // namespace conlab
