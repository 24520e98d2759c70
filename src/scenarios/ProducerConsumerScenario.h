#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

class BoundedQueue;
class CpuGate;
class WorkerTable;

// P producers and C consumers around one bounded queue of capacity K. Main starts them and
// shuts them down in one of three ways: sentinels after the producers are joined, sentinels
// too early (which strands the producers on a full queue), or a joinable queue whose
// consumers are daemons ended once every item is marked done.
class ProducerConsumerScenario : public Scenario
{
public:
    static constexpr std::uint32_t kQueueId = 1;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;

private:
    void runProducer(WorkerContext &worker, std::uint32_t index);
    void runConsumer(WorkerContext &worker);
    std::uint64_t scaledNs(double milliseconds) const;

    BoundedQueue *m_queue = nullptr;
    std::uint32_t m_producers = 0;
    std::uint32_t m_consumers = 0;
    std::uint32_t m_items = 0;
    double m_produceMs = 0;
    double m_consumeMs = 0;
    double m_timeScale = 1;
    std::string m_shutdown;
    std::uint64_t m_getTimeoutNs = 0;
};

} // namespace conlab
