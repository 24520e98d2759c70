#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class BoundedQueue;
class CountingSemaphore;
class TaskBoard;

// Chapter 5: a pool of k reused workers runs T tasks taken from a queue, submitted one at a
// time (sync), all at once (async, map) or collected as they complete; done callbacks run
// where Python runs them. The semaphore executor starts a fresh thread per task instead,
// at most k at once, to contrast with the pool's reuse.
class PoolScenario : public Scenario
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
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    static constexpr std::uint32_t kQueueId = 1;
    static constexpr std::uint32_t kSemaphoreId = 2;

private:
    bool runTask(WorkerContext &worker, std::uint32_t task);
    void runPoolWorker(WorkerContext &worker);
    void runResultHandler(WorkerContext &worker);
    bool collect(WorkerContext &main);
    std::uint32_t resultHandler() const { return m_processes ? m_size + 1 : 0; }

    TraceMeta m_meta;
    bool m_processes = false;
    bool m_semaphore = false;
    bool m_callback = false;
    std::uint32_t m_size = 0;
    std::uint32_t m_tasks = 0;
    std::string m_task;
    std::string m_submit;
    std::uint64_t m_taskNs = 0;
    BoundedQueue *m_queue = nullptr;
    CountingSemaphore *m_slots = nullptr;
    TaskBoard *m_board = nullptr;
    std::vector<std::uint32_t> m_resultOrder; // as main received them
};

} // namespace conlab
