#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

// Chapter 6: processes x threads x coroutines. Main starts `processes` processes; each starts
// `threads` threads; each thread runs an event loop of `coroutines` coroutines, which wait for
// real IO (a timerfd that becomes readable after `io` ms) and compute `cpu` ms, `rounds`
// times. Lanes nest the same way: process > thread > coroutine.
class LayersScenario : public Scenario
{
public:
    // Lane ids, numbered depth first: a process, its first thread, that thread's coroutines,
    // its second thread, ...
    struct Shape
    {
        std::uint32_t processes = 1;
        std::uint32_t threads = 1;
        std::uint32_t coroutines = 1;

        std::uint32_t perThread() const { return 1 + coroutines; }
        std::uint32_t perProcess() const { return 1 + threads * perThread(); }
        std::uint32_t process(std::uint32_t p) const { return 1 + p * perProcess(); }
        std::uint32_t thread(std::uint32_t p, std::uint32_t t) const
        {
            return process(p) + 1 + t * perThread();
        }
        std::uint32_t coroutine(std::uint32_t p, std::uint32_t t, std::uint32_t c) const
        {
            return thread(p, t) + 1 + c;
        }
        std::uint32_t lanes() const { return 1 + processes * perProcess(); }
    };

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool workersAreProcesses(const ParameterSet &) const override { return true; }
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    static Shape shapeOf(const ParameterSet &values);
    void runThread(WorkerContext &thread, std::uint32_t process, std::uint32_t index);

    Arena *m_arena = nullptr;
    Shape m_shape;
    std::uint32_t m_rounds = 0;
    std::uint64_t m_ioNs = 0;
    std::uint64_t m_cpuNs = 0;
};

} // namespace conlab
