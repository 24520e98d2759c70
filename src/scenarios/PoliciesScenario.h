#pragma once

#include "Scenario.h"
#include "runtime/JobScheduling.h"
#include "runtime/SchedulerConfig.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conlab {

class CpuGate;

// CPU scheduling on real workers: each job of a table is a thread or process that arrives at
// its arrival time, runs its CPU bursts on the virtual CPUs and waits out its IO bursts, while
// the chosen policy decides in the CPU gate who runs. The same policy's pure schedule of the
// table is what the run is compared with.
class PoliciesScenario : public Scenario, public JobScheduling
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;

    void useJobTable(JobTable table) override;
    void attachGate(CpuGate &gate, bool creator) override;
    std::uint32_t firstJobWorker() const override { return 1; }
    const JobTable &jobsNs() const override { return m_jobsNs; }
    Schedule expectedSchedule() const override;

    // The built-in tables, in time units.
    static std::vector<std::string> presetNames();
    static JobTable preset(const std::string &name);
    // The policy and its options as `values` set them, in nanoseconds.
    static SchedulerConfig schedulerConfig(const ParameterSet &values);
    // Nanoseconds in one time unit of the job table.
    static double nsPerUnit(const ParameterSet &values);

private:
    struct Board;

    JobTable tableFor(const ParameterSet &values) const;
    // Until main has set time zero and queued every arrival; false if the run stops first.
    bool waitForOrigin(WorkerContext &worker);
    // Runs the burst announced to the gate; false if the run stops first. `endedAtNs` is
    // when it ended on the gate's clock.
    bool runBurst(WorkerContext &worker, std::uint64_t &endedAtNs);

    std::optional<JobTable> m_custom;
    JobTable m_jobsNs;
    SchedulerConfig m_config;
    std::uint32_t m_cpus = 1;
    Board *m_board = nullptr;
    CpuGate *m_gate = nullptr;
};

} // namespace conlab
