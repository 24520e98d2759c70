#include "QueueKindsScenario.h"

#include "ScenarioParameters.h"
#include "runtime/BoundedQueue.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/JsonWriter.h"

namespace conlab {

Scenario::Info QueueKindsScenario::info() const
{
    return {"queue-kinds", "FIFO, LIFO, priority", 3, "Communication"};
}

std::vector<ParameterSpec> QueueKindsScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("order", "Queue", {"fifo", "lifo", "priority"},
                  {"FIFO", "LIFO (a stack)", "priority"},
                  "Which item a get takes: the oldest, the newest, or the lowest priority "
                  "number (the oldest among equals)."),
        kindParameter(),
        P::integer("producers", "Producers", "", 1, 4, 1, "Workers that put items (A, B, ...)."),
        P::integer("items", "Items per producer", "items", 1, 50, 6,
                   "How many labelled items each producer puts."),
        P::integer("put-gap", "Gap between puts", "ms", 0, 5000, 100,
                   "How long a producer waits between two puts."),
        P::integer("delay", "Consumer starts after", "ms", 0, 10000, 800,
                   "How long the one consumer waits before its first get."),
        P::integer("capacity", "Capacity", "items", 1, 64, 8,
                   "Items the queue holds; a put on a full queue blocks (or fails, with nowait)."),
        P::integer("consume-time", "Consume time", "ms", 0, 5000, 100,
                   "How long the consumer spends on each item."),
        P::choice("nowait", "Nowait forms", {"off", "on"}, {"off", "on"},
                  "on: put_nowait and get_nowait fail at once on a full or empty queue (Full, "
                  "Empty); the worker retries after `retry` ms."),
        P::integer("retry", "Retry after", "ms", 1, 5000, 100,
                   "With nowait: how long a worker waits before trying again."),
        P::integer("get-timeout", "Get timeout", "ms", 0, 10000, 0,
                   "A get that waits this long for nothing times out and is tried again; 0 "
                   "waits for ever."),
        timeScaleParameter(),
    };
}

std::int64_t QueueKindsScenario::makeItem(std::uint32_t producer, std::uint32_t index,
                                          bool priority)
{
    // A spread of priorities that is neither the put order nor its reverse.
    const std::int64_t level = priority ? std::int64_t((index * 7 + producer * 3) % 9 + 1) : 0;
    return (level << QueueDiscipline::kPriorityShift) | (std::int64_t(producer) << 20) | index;
}

std::string QueueKindsScenario::label(std::int64_t item, bool withPriority)
{
    const auto producer = std::uint32_t((item >> 20) & 0xFFFFF);
    const auto index = std::uint32_t(item & 0xFFFFF);
    std::string text = std::string(1, char('A' + producer - 1)) + std::to_string(index);
    if (withPriority)
        text += " p" + std::to_string(QueueDiscipline::priorityOf(item));
    return text;
}

TraceMeta QueueKindsScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto producers = std::uint32_t(values.integer("producers"));
    for (std::uint32_t i = 1; i <= producers; ++i)
        meta.workers.push_back({i, "producer", std::string("producer-") + char('A' + i - 1)});
    meta.workers.push_back({producers + 1, "consumer", "consumer"});
    meta.objects.push_back(
        {kQueueId, "queue", values.integer("capacity"), values.text("order") + " queue"});
    return meta;
}

bool QueueKindsScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_order = values.text("order");
    m_producers = std::uint32_t(values.integer("producers"));
    m_items = std::uint32_t(values.integer("items"));
    m_nowait = values.text("nowait") == "on";
    m_putGapNs = std::uint64_t(values.real("put-gap") * scale);
    m_delayNs = std::uint64_t(values.real("delay") * scale);
    m_retryNs = std::uint64_t(values.real("retry") * scale);
    m_getTimeoutNs = std::uint64_t(values.real("get-timeout") * scale);
    m_consumeNs = std::uint64_t(values.real("consume-time") * scale);
    m_queue = arena.make<BoundedQueue>(kQueueId, std::uint32_t(values.integer("capacity")),
                                       QueueDiscipline::fromName(m_order));
    return m_queue != nullptr;
}

void QueueKindsScenario::runProducer(WorkerContext &worker)
{
    const std::uint32_t producer = worker.id();
    for (std::uint32_t index = 1; index <= m_items; ++index) {
        if ((index > 1 && !worker.sleep(m_putGapNs)) || !worker.runFree())
            return worker.exit(worker.stopCause());
        const std::int64_t item = makeItem(producer, index, isPriority());
        const std::string name = label(item, isPriority());
        for (;;) {
            const auto result =
                m_nowait ? m_queue->tryPut(worker, item) : m_queue->put(worker, item);
            if (result == BoundedQueue::Result::Ok)
                break;
            if (result != BoundedQueue::Result::Full)
                return worker.exit(worker.stopCause());
            worker.print("put " + name + ": Full");
            if (!worker.sleep(m_retryNs) || !worker.runFree())
                return worker.exit(worker.stopCause());
        }
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        worker.print("put " + name);
    }
    worker.exit(ExitCause::Normal);
}

void QueueKindsScenario::runConsumer(WorkerContext &worker)
{
    if (!worker.sleep(m_delayNs))
        return worker.exit(worker.stopCause());
    for (std::uint32_t taken = 0; taken < m_producers * m_items;) {
        std::int64_t item = 0;
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        const auto result =
            m_nowait ? m_queue->tryGet(worker, item) : m_queue->get(worker, item, m_getTimeoutNs);
        if (result == BoundedQueue::Result::Ok) {
            if (!worker.runFree())
                return worker.exit(worker.stopCause());
            worker.print("get " + label(item, isPriority()));
            ++taken;
            if (m_consumeNs > 0 && !worker.sleep(m_consumeNs))
                return worker.exit(worker.stopCause());
            continue;
        }
        if (result == BoundedQueue::Result::Empty) {
            worker.print("get: Empty");
            if (!worker.sleep(m_retryNs))
                return worker.exit(worker.stopCause());
        } else if (result == BoundedQueue::Result::TimedOut) {
            worker.runFree();
            worker.print("get: timed out");
        } else {
            return worker.exit(worker.stopCause());
        }
    }
    worker.exit(ExitCause::Normal);
}

void QueueKindsScenario::runWorker(WorkerContext &worker)
{
    if (worker.id() <= m_producers)
        runProducer(worker);
    else
        runConsumer(worker);
}

void QueueKindsScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_producers + 1);
}

std::vector<std::pair<std::string, std::int64_t>>
QueueKindsScenario::figures(const Trace &trace) const
{
    std::int64_t full = 0;
    std::int64_t empty = 0;
    std::int64_t timeouts = 0;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::QueueRefused)
            ++(e.value == 1 ? full : empty);
        else if (e.kind == EventKind::QueueTimedOut)
            ++timeouts;
    }
    return {{"full_errors", full}, {"empty_errors", empty}, {"timeouts", timeouts}};
}

void QueueKindsScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    for (const auto kind : {EventKind::QueuePut, EventKind::QueueGet}) {
        json.key(kind == EventKind::QueuePut ? "put_order" : "get_order").beginArray();
        for (const Event &e : trace.events)
            if (e.kind == kind && e.object == kQueueId)
                json.value(label(e.arg, isPriority()));
        json.endArray();
    }
}

} // namespace conlab
