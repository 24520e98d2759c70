#pragma once

#include "Scenario.h"
#include "runtime/JobScheduling.h"
#include "runtime/SchedulerConfig.h"

#include <cstddef>
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
    // Refuses a table and policy whose expected schedule would take more than
    // PolicySimulator::kMaxModelSteps steps to compute.
    std::string checkParameters(const ParameterSet &values) const override;
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

protected:
    // For a lesson that runs a job table of its own making through the same machinery.
    // The table the runner hands to every process of the run, in its own time units: the
    // preset or the table given with useJobTable().
    virtual JobTable tableFor(const ParameterSet &values) const;
    // The jobs actually run, made from that table (in the same units); the table itself here.
    virtual JobTable jobsToRun(const JobTable &table, const ParameterSet &values) const;
    // setup() with the time unit, policy and virtual CPUs given rather than read from this
    // lesson's parameters.
    bool setupJobs(Arena &arena, const ParameterSet &values, double nsPerUnit,
                   const SchedulerConfig &config, std::uint32_t cpus);
    const std::optional<JobTable> &givenTable() const { return m_custom; }
    // Whether main queues job `index` (in table order) at its arrival. A job it does not is
    // "new" until some worker calls loadJob() for it.
    virtual bool arrivesOnItsOwn(std::size_t) const { return true; }
    // Queues job `index`'s first burst to be ready at `readyAtNs` and lets its worker go on.
    void loadJob(std::size_t index, std::uint64_t readyAtNs);
    // In job `index`'s worker, once it has recorded its normal end (Terminated).
    virtual void jobEnded(std::size_t) {}

private:
    struct Board;

    // Until main has set time zero and queued the arrivals it queues; false if the run stops
    // first.
    bool waitForOrigin(WorkerContext &worker);
    // Until job `index` is loaded (at once for a job main queued); false if the run stops first.
    bool waitForLoad(WorkerContext &worker, std::size_t index);
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
