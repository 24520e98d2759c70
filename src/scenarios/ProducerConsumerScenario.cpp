#include "ProducerConsumerScenario.h"

#include "ScenarioParameters.h"
#include "runtime/BoundedQueue.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info ProducerConsumerScenario::info() const
{
    return {"producer-consumer", "Producer / consumer", 3, "Communication"};
}

std::vector<ParameterSpec> ProducerConsumerScenario::parameters() const
{
    using P = ScenarioParameters;
    const ParameterSpec shutdown = P::choice(
        "shutdown", "Shutdown", {"sentinel", "early-sentinel", "joinable", "none", "timeout"},
        {"sentinel after join", "sentinel too early", "joinable queue", "no sentinel",
         "get with a timeout"},
        "How consumers learn there is no more work: a sentinel per consumer once the producers "
        "are joined, sentinels put too early, a joinable queue with daemon consumers, nothing "
        "at all (consumers wait forever), or a get that gives up after get-timeout ms.");
    return {
        kindParameter(),
        P::integer("producers", "Producers", "", 1, 16, 3, "Workers that make items."),
        P::integer("consumers", "Consumers", "", 1, 16, 2, "Workers that take items."),
        P::integer("capacity", "Queue capacity", "items", 1, 64, 4,
                   "Items the queue holds; a producer blocks when it is full."),
        P::integer("items", "Items per producer", "items", 1, 200, 6,
                   "How many items each producer makes."),
        P::integer("produce-time", "Produce time", "ms", 1, 5000, 150,
                   "CPU time to make one item (a real compute burst)."),
        P::integer("consume-time", "Consume time", "ms", 1, 5000, 250,
                   "CPU time to handle one item (a real compute burst)."),
        shutdown,
        P::integer("get-timeout", "Get timeout", "ms", 1, 10000, 500,
                   "shutdown=timeout: how long a consumer's get waits for an item before the "
                   "consumer gives up and leaves."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta ProducerConsumerScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto producers = std::uint32_t(values.integer("producers"));
    const auto consumers = std::uint32_t(values.integer("consumers"));
    for (std::uint32_t i = 1; i <= producers; ++i)
        meta.workers.push_back({i, "producer", "producer-" + std::to_string(i)});
    for (std::uint32_t i = 1; i <= consumers; ++i)
        meta.workers.push_back({producers + i, "consumer", "consumer-" + std::to_string(i)});
    meta.objects.push_back({kQueueId, "queue", values.integer("capacity"), "queue"});
    return meta;
}

bool ProducerConsumerScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_producers = std::uint32_t(values.integer("producers"));
    m_consumers = std::uint32_t(values.integer("consumers"));
    m_items = std::uint32_t(values.integer("items"));
    m_produceMs = values.real("produce-time");
    m_consumeMs = values.real("consume-time");
    m_timeScale = values.real("time-scale");
    m_shutdown = values.text("shutdown");
    m_getTimeoutNs = scaledNs(values.real("get-timeout"));
    m_queue = arena.make<BoundedQueue>(kQueueId, std::uint32_t(values.integer("capacity")));
    return m_queue != nullptr;
}

std::uint64_t ProducerConsumerScenario::scaledNs(double milliseconds) const
{
    return std::uint64_t(milliseconds * m_timeScale * 1e6);
}

void ProducerConsumerScenario::runWorker(WorkerContext &worker)
{
    if (worker.id() <= m_producers)
        runProducer(worker, worker.id());
    else
        runConsumer(worker);
}

void ProducerConsumerScenario::runProducer(WorkerContext &worker, std::uint32_t index)
{
    for (std::uint32_t i = 0; i < m_items; ++i) {
        if (!worker.compute(scaledNs(m_produceMs)))
            return worker.exit(worker.stopCause());
        const std::int64_t item = (std::int64_t(index) << 32) | i;
        if (m_queue->put(worker, item) != BoundedQueue::Result::Ok)
            return worker.exit(worker.stopCause());
        if (!worker.yieldCpu())
            return worker.exit(worker.stopCause());
    }
    worker.exit(ExitCause::Normal);
}

void ProducerConsumerScenario::runConsumer(WorkerContext &worker)
{
    const bool daemon = m_shutdown == "joinable";
    for (;;) {
        std::int64_t item = 0;
        if (!worker.compute(0))
            return worker.exit(worker.stopCause());
        const auto got = m_queue->get(worker, item, m_shutdown == "timeout" ? m_getTimeoutNs : 0);
        if (got == BoundedQueue::Result::TimedOut)
            return worker.exit(ExitCause::GaveUp);
        if (got != BoundedQueue::Result::Ok)
            return worker.exit(worker.stopCause());
        if (item >= kSentinelItem)
            return worker.exit(ExitCause::Normal);
        if (!worker.compute(scaledNs(m_consumeMs)))
            return worker.exit(worker.stopCause());
        if (daemon)
            m_queue->taskDone(worker);
        if (!worker.yieldCpu())
            return worker.exit(worker.stopCause());
    }
}

void ProducerConsumerScenario::runMain(WorkerContext &main, RunServices &services)
{
    auto putSentinels = [&] {
        for (std::uint32_t i = 0; i < m_consumers; ++i) {
            if (!main.compute(0) ||
                m_queue->put(main, kSentinelItem + i) != BoundedQueue::Result::Ok)
                return false;
        }
        return true;
    };
    auto joinAll = [&](std::uint32_t first, std::uint32_t count) {
        for (std::uint32_t id = first; id < first + count; ++id)
            if (!main.join(id))
                return false;
        return true;
    };
    const std::uint32_t firstConsumer = m_producers + 1;
    bool ok = true;
    if (m_shutdown == "early-sentinel") {
        // The classic mistake: "no more items" goes out before the producers are done.
        ok = putSentinels() && joinAll(1, m_producers) && joinAll(firstConsumer, m_consumers);
    } else if (m_shutdown == "joinable") {
        ok = joinAll(1, m_producers) && m_queue->join(main) == BoundedQueue::Result::Ok;
        if (ok) {
            for (std::uint32_t id = firstConsumer; id < firstConsumer + m_consumers; ++id)
                services.endDaemon(id);
            ok = joinAll(firstConsumer, m_consumers);
        }
    } else if (m_shutdown == "none" || m_shutdown == "timeout") {
        // Nobody tells the consumers: they wait forever, or give up on their own.
        ok = joinAll(1, m_producers) && joinAll(firstConsumer, m_consumers);
    } else {
        ok = joinAll(1, m_producers) && putSentinels() && joinAll(firstConsumer, m_consumers);
    }
    // The joins can succeed during a stop (the joined workers were ended by it); main was
    // still cut short, and says so.
    main.exit(ok && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
}

} // namespace conlab
