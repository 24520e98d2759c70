#pragma once

#include "Scenario.h"
#include "ThreadPhaseLog.h"
#include "runtime/JobTableRunner.h"

#include <atomic>
#include <memory>
#include <optional>
#include <sched.h>
#include <string>
#include <vector>

namespace conlab {

// The jobs of a table as free-running threads that only the kernel schedules, pinned to the
// first C cores the runner may use. No virtual CPU decides who runs: what the lanes show as
// running and ready is the kernel's own accounting, sampled (see KernelSampler).
class KernelScenario : public Scenario, public JobTableRunner
{
public:
    KernelScenario();
    ~KernelScenario() override;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    void useJobTable(JobTable table) override;
    std::uint32_t firstJobWorker() const override { return 1; }
    const JobTable &jobsNs() const override { return m_jobsNs; }

    static std::vector<std::string> presetNames();
    static JobTable preset(const std::string &name);

private:
    struct JobThread
    {
        explicit JobThread(std::size_t capacity) : log(capacity) {}
        ThreadPhaseLog log;
        std::atomic<std::int32_t> tid{0};
        std::atomic<std::uint64_t> onCpuNs{0}; // its schedstat as it ended
    };

    JobTable tableFor(const ParameterSet &values) const;
    // Sleeps until `deadlineNs`, looking at the stop flag; false if the run stops first.
    static bool sleepUntil(WorkerContext &worker, std::uint64_t deadlineNs);
    void finish(WorkerContext &worker, JobThread &thread, ExitCause cause);

    std::optional<JobTable> m_custom;
    JobTable m_jobsNs;
    std::vector<std::unique_ptr<JobThread>> m_threads;
    cpu_set_t m_jobCpus;
    cpu_set_t m_otherCpus;
    std::uint32_t m_cores = 1;
    std::uint64_t m_sampleNs = 0;
    Arena *m_arena = nullptr;
    // Time zero, written by main before it releases the job threads.
    std::uint64_t m_originNs = 0;
    // What else ran on the job cores while the jobs did: /proc/stat's busy time of those
    // cores minus the jobs' own on-CPU time. -1 when the counters could not be read.
    std::int64_t m_otherCpuNs = -1;
    std::uint64_t m_coreTimeNs = 0; // the job cores' time over the same stretch
    std::atomic<std::uint32_t> m_released{0};
};

} // namespace conlab
