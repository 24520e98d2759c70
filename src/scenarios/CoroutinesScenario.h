#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

// Chapter 6: many coroutines on one thread. Each task waits `io` ms, then computes `cpu` ms,
// `rounds` times, on an Asio event loop run by main's thread. A cooperative sleep suspends the
// coroutine on the loop's timer, so the waits overlap; a blocking sleep stops the thread and
// everything on it, so the tasks run one after another.
class CoroutinesScenario : public Scenario
{
public:
    // Coroutines beyond this many run without lanes of their own.
    static constexpr std::uint32_t kMaxLanes = 100;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

    // What the run would take on an ideal loop, from the parameters alone.
    static std::uint64_t cooperativeNs(std::uint64_t tasks, std::uint64_t rounds,
                                       std::uint64_t ioNs, std::uint64_t cpuNs);
    static std::uint64_t blockingNs(std::uint64_t tasks, std::uint64_t rounds, std::uint64_t ioNs,
                                    std::uint64_t cpuNs);
    // Distinct OS threads the recorded coroutines ran on.
    static std::int64_t threadsUsed(const Trace &trace);

private:
    Arena *m_arena = nullptr;
    std::uint32_t m_tasks = 0;
    std::uint32_t m_rounds = 0;
    std::uint64_t m_ioNs = 0;
    std::uint64_t m_cpuNs = 0;
    bool m_blocking = false;
    std::uint64_t m_elapsedNs = 0;
    std::uint64_t m_switches = 0;
};

} // namespace conlab
