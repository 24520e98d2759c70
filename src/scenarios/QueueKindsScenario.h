#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class BoundedQueue;

// Chapter 3: the same labelled items put into a FIFO, a LIFO or a priority queue, and taken
// by one consumer that starts late, so the get order can be read against the put order. The
// nowait forms fail at once on a full or empty queue; a get may time out.
class QueueKindsScenario : public Scenario
{
public:
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    static constexpr std::uint32_t kQueueId = 1;
    // "A3", or "A3 p2" in a priority queue: producer letter, item number, priority.
    static std::string label(std::int64_t item, bool withPriority);
    static std::int64_t makeItem(std::uint32_t producer, std::uint32_t index, bool priority);

private:
    void runProducer(WorkerContext &worker);
    void runConsumer(WorkerContext &worker);
    bool isPriority() const { return m_order == "priority"; }

    std::string m_order;
    std::uint32_t m_producers = 0;
    std::uint32_t m_items = 0;
    bool m_nowait = false;
    std::uint64_t m_putGapNs = 0;
    std::uint64_t m_delayNs = 0;
    std::uint64_t m_retryNs = 0;
    std::uint64_t m_getTimeoutNs = 0;
    std::uint64_t m_consumeNs = 0;
    BoundedQueue *m_queue = nullptr;
};

} // namespace conlab
