#pragma once

#include "Scenario.h"

#include <cstdint>
#include <sched.h>
#include <string>
#include <vector>

namespace conlab {

class InstrumentedMutex;
class GilBoard;

// The global interpreter lock, modelled on CPython's since 3.2: a worker runs its "bytecode"
// (CPU work) only while it holds a real lock; a thread that has waited a switch interval for
// it sets a drop request, which the holder honours at its next check by releasing it and
// letting another thread take it; an IO wait releases it. Threads share one lock; each
// process has its own, as each has its own interpreter.
class GilScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    std::string checkParameters(const ParameterSet &values) const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    static constexpr std::uint32_t kMaxWorkers = 8;
    // How much bytecode runs between two looks at the drop request: CPython's eval loop
    // looks far more often; this is the lab's resolution.
    static constexpr std::uint64_t kCheckNs = 50'000;
    static constexpr std::uint32_t kRounds = 10;

    // The lab's Python program for engine=cpython.
    static std::string pythonScript();
    // What the program measured, read back from the line the launcher printed.
    static bool cpythonTimes(const Trace &trace, std::string *version, std::uint64_t *single,
                             std::uint64_t *together);

private:
    void runPython(WorkerContext &launcher);
    std::uint32_t gilOf(std::uint32_t worker) const { return m_processes ? worker : 1; }
    bool acquire(WorkerContext &worker, std::uint32_t gil, bool alreadyBlocked = false);
    bool runBytecode(WorkerContext &worker, std::uint32_t gil, std::uint64_t ns);
    double speedup(const Trace &trace) const;
    std::uint64_t singleWorkerNs() const { return m_cpuNs + m_ioNs; }

    bool m_processes = false;
    bool m_cpython = false;
    std::uint32_t m_workers = 0;
    std::uint64_t m_cpuNs = 0; // per worker
    std::uint64_t m_ioNs = 0;  // per worker
    std::uint64_t m_switchNs = 0;
    cpu_set_t m_cpus;
    int m_cores = 0;
    InstrumentedMutex *m_gils[kMaxWorkers + 1] = {};
    GilBoard *m_board = nullptr;
};

} // namespace conlab
