#include "PoolScenario.h"

#include "ScenarioParameters.h"
#include "runtime/BoundedQueue.h"
#include "runtime/CountingSemaphore.h"
#include "runtime/TaskBoard.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <map>
#include <set>

namespace conlab {

namespace {
// The semaphore executor's fresh thread per task each takes a lane: as many as the first
// release allowed, to keep a lesson's lanes readable.
constexpr std::uint32_t kMaxLanes = 127;
}

Scenario::Info PoolScenario::info() const
{
    return {"pool", "Thread and process pools", 5, "Pools and futures"};
}

std::vector<ParameterSpec> PoolScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("pool", "Pool of", {"thread", "process"}, {"threads", "processes"},
                  "Worker threads of the runner, or worker processes spawned from it."),
        P::integer("size", "Pool size (k)", "", 1, 16, 4, "How many workers the pool has."),
        P::integer("tasks", "Tasks", "", 1, 200, 12, "How many tasks main submits."),
        P::choice("task", "Each task", {"cpu", "io", "mixed"},
                  {"computes", "waits (IO)", "half and half"},
                  "cpu: busy on the CPU; io: a sleep standing for an IO wait; mixed: half each."),
        P::integer("task-time", "Task time", "ms", 1, 5000, 200, "How long one task takes."),
        P::choice("submit", "Main submits", {"async", "sync", "map", "as-completed"},
                  {"all, then each result", "one, waits for it", "all as one map",
                   "all, results as completed"},
                  "async: submit all, then wait for each result in submission order; sync: "
                  "submit a task and wait for its result before the next; map: submit all and "
                  "wait for the whole list; as-completed: take results in the order they end."),
        P::choice("callback", "Done callback", {"off", "on"}, {"off", "on"},
                  "A callback per finished task. A thread pool runs it on the worker that ran "
                  "the task; a process pool on the submitter's result-handler thread."),
        P::choice("executor", "Executor", {"pool", "semaphore"},
                  {"pool (reused workers)", "a new thread per task"},
                  "pool: k workers take tasks from a queue; semaphore: a fresh worker per "
                  "task, at most k at once."),
        timeScaleParameter(),
    };
}

std::string PoolScenario::checkParameters(const ParameterSet &values) const
{
    if (values.text("executor") == "semaphore" && values.integer("tasks") > kMaxLanes)
        return "tasks: '" + values.text("tasks") + "' is out of range with executor=semaphore; " +
               "expected 1.." + std::to_string(kMaxLanes) + " (one lane per task)";
    return {};
}

bool PoolScenario::workersAreProcesses(const ParameterSet &values) const
{
    return values.text("pool") == "process";
}

TraceMeta PoolScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto tasks = std::uint32_t(values.integer("tasks"));
    const auto size = std::uint32_t(values.integer("size"));
    const bool processes = workersAreProcesses(values);
    if (values.text("executor") == "semaphore") {
        for (std::uint32_t i = 1; i <= tasks; ++i)
            meta.workers.push_back(
                {i, "task-worker",
                 (processes ? "task-process-" : "task-thread-") + std::to_string(i)});
        meta.objects.push_back({kSemaphoreId, "semaphore", std::int64_t(size), "k at once"});
    } else {
        for (std::uint32_t i = 1; i <= size; ++i)
            meta.workers.push_back({i, "pool-worker", "pool-worker-" + std::to_string(i)});
        if (processes)
            meta.workers.push_back({size + 1, "result-handler", "result-handler"});
        meta.objects.push_back({kQueueId, "queue", std::int64_t(tasks + size), "task queue"});
    }
    return meta;
}

bool PoolScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_meta = describe(values);
    m_processes = workersAreProcesses(values);
    m_semaphore = values.text("executor") == "semaphore";
    m_callback = values.text("callback") == "on";
    m_size = std::uint32_t(values.integer("size"));
    m_tasks = std::uint32_t(values.integer("tasks"));
    m_task = values.text("task");
    m_submit = values.text("submit");
    m_taskNs = std::uint64_t(values.real("task-time") * values.real("time-scale") * 1e6);
    // The same objects in the same order in every process; each process finds them.
    m_queue = arena.make<BoundedQueue>(kQueueId, m_tasks + m_size);
    m_slots = arena.make<CountingSemaphore>(kSemaphoreId, m_size);
    m_board = arena.make<TaskBoard>(m_tasks);
    return m_queue && m_slots && m_board;
}

bool PoolScenario::runTask(WorkerContext &worker, std::uint32_t task)
{
    if (!worker.runFree())
        return false;
    m_board->begin(worker, task);
    worker.print("task " + std::to_string(task));
    const std::uint64_t cpuNs = m_task == "cpu" ? m_taskNs : m_task == "mixed" ? m_taskNs / 2 : 0;
    // A fixed amount of CPU time, as a computation would need: with more busy workers than
    // cores, each task takes longer by the wall clock, as it really would.
    if (cpuNs > 0 && !worker.burnCpuTime(cpuNs))
        return false;
    if (m_taskNs > cpuNs && (!worker.sleep(m_taskNs - cpuNs) || !worker.runFree()))
        return false;
    m_board->finish(worker, task);
    // A process's result goes back through the pool's result handler; a thread's future is
    // set, and its callbacks run, by the thread that ran it.
    if (!m_processes || m_semaphore) {
        m_board->deliver(worker, task);
        if (m_callback) {
            m_board->callback(worker, task);
            worker.print("callback of task " + std::to_string(task));
        }
    }
    return true;
}

void PoolScenario::runPoolWorker(WorkerContext &worker)
{
    for (;;) {
        std::int64_t item = 0;
        if (!worker.runFree() || m_queue->get(worker, item) != BoundedQueue::Result::Ok)
            return worker.exit(worker.stopCause());
        if (item >= kSentinelItem)
            return worker.exit(ExitCause::Normal);
        if (!runTask(worker, std::uint32_t(item)))
            return worker.exit(worker.stopCause());
    }
}

void PoolScenario::runResultHandler(WorkerContext &worker)
{
    for (std::uint32_t received = 0; received < m_tasks; ++received) {
        const std::uint32_t task = m_board->takeFinished(worker);
        if (task == 0 || !worker.runFree())
            return worker.exit(worker.stopCause());
        m_board->deliver(worker, task);
        if (m_callback) {
            m_board->callback(worker, task);
            worker.print("callback of task " + std::to_string(task));
        }
    }
    worker.exit(ExitCause::Normal);
}

void PoolScenario::runWorker(WorkerContext &worker)
{
    if (m_semaphore) {
        const bool ran = runTask(worker, worker.id());
        m_slots->release(worker);
        return worker.exit(ran ? ExitCause::Normal : worker.stopCause());
    }
    if (worker.id() == resultHandler())
        return runResultHandler(worker);
    runPoolWorker(worker);
}

bool PoolScenario::collect(WorkerContext &main)
{
    if (m_submit == "map") {
        if (!m_board->waitAll(main) || !main.runFree())
            return false;
        for (std::uint32_t task = 1; task <= m_tasks; ++task)
            m_resultOrder.push_back(task);
        main.print("main: map returned all " + std::to_string(m_tasks) + " results");
        return true;
    }
    for (std::uint32_t i = 1; i <= m_tasks; ++i) {
        std::uint32_t task = i;
        if (m_submit == "as-completed") {
            task = m_board->waitNext(main);
            if (task == 0)
                return false;
        } else if (!m_board->waitFor(main, task)) {
            return false;
        }
        if (!main.runFree())
            return false;
        m_resultOrder.push_back(task);
    }
    return true;
}

void PoolScenario::runMain(WorkerContext &main, RunServices &services)
{
    const StartMethod method = m_processes ? StartMethod::Spawn : StartMethod::Thread;
    if (!main.runFree())
        return main.exit(main.stopCause());
    bool ok = true;
    const auto submit = [&](std::uint32_t task) {
        if (m_semaphore) {
            // The semaphore, not a pool, bounds how many run: a new worker for each task.
            return m_slots->acquire(main) == CountingSemaphore::Result::Acquired &&
                   main.runFree() && services.startWorker(task, method);
        }
        return m_queue->put(main, task) == BoundedQueue::Result::Ok;
    };
    if (!m_semaphore) {
        for (std::uint32_t i = 1; i <= m_size && ok; ++i)
            ok = services.startWorker(i, method);
        if (ok && m_processes)
            ok = services.startWorker(resultHandler(), StartMethod::Thread);
    }
    if (m_submit == "sync") {
        for (std::uint32_t task = 1; task <= m_tasks && ok; ++task) {
            ok = submit(task) && m_board->waitFor(main, task) && main.runFree();
            if (ok)
                m_resultOrder.push_back(task);
        }
    } else {
        for (std::uint32_t task = 1; task <= m_tasks && ok; ++task)
            ok = submit(task);
        ok = ok && collect(main);
    }
    // Shut the pool down: a sentinel per worker, then join them all.
    if (ok && !m_semaphore)
        for (std::uint32_t i = 1; i <= m_size && ok; ++i)
            ok = m_queue->put(main, kSentinelItem + i) == BoundedQueue::Result::Ok;
    const std::uint32_t lanes = std::uint32_t(m_meta.workers.size()) - 1;
    for (std::uint32_t worker = 1; worker <= lanes && ok; ++worker)
        ok = main.join(worker);
    main.exit(ok ? ExitCause::Normal : main.stopCause());
}

std::vector<std::pair<std::string, std::int64_t>> PoolScenario::figures(const Trace &trace) const
{
    std::int64_t done = 0;
    std::set<std::uint32_t> ran;
    std::map<std::uint32_t, std::int64_t> tidOf;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::WorkerStarted)
            tidOf[e.worker] = std::int64_t(e.value);
        else if (e.kind == EventKind::TaskEnd)
            ++done;
        else if (e.kind == EventKind::TaskBegin)
            ran.insert(e.worker);
    }
    std::set<std::int64_t> tids;
    for (const std::uint32_t worker : ran)
        tids.insert(tidOf[worker]);
    std::int64_t threads = 0;
    std::int64_t processes = 0;
    if (m_semaphore)
        (m_processes ? processes : threads) = m_tasks;
    else if (m_processes)
        processes = m_size, threads = 1; // the result handler
    else
        threads = m_size;
    return {
        {"tasks_done", done},
        {"workers_used", std::int64_t(tids.size())},
        {"threads_created", threads},
        {"processes_created", processes},
        {"serial_ns", std::int64_t(m_taskNs * m_tasks)},
    };
}

void PoolScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    json.key("result_order").beginArray();
    for (const std::uint32_t task : m_resultOrder)
        json.value(task);
    json.endArray();
    struct Record
    {
        std::uint32_t worker = 0;
        std::uint64_t queuedNs = 0, startNs = 0, endNs = 0;
        std::int64_t callbackTid = 0;
    };
    std::map<std::uint32_t, Record> records;
    std::map<std::uint32_t, std::int64_t> tidOf;
    const std::uint64_t origin = trace.meta.startNs;
    for (const Event &e : trace.events) {
        switch (e.kind) {
        case EventKind::WorkerStarted:
            tidOf[e.worker] = std::int64_t(e.value);
            break;
        case EventKind::QueuePut:
            if (e.arg > 0 && e.arg < kSentinelItem)
                records[std::uint32_t(e.arg)].queuedNs = e.timeNs - origin;
            break;
        case EventKind::WorkerNew:
            // With a fresh worker per task, the task is "queued" when its worker is created.
            if (m_semaphore && e.worker > 0)
                records[e.worker].queuedNs = e.timeNs - origin;
            break;
        case EventKind::TaskBegin:
            records[e.object].worker = e.worker;
            records[e.object].startNs = e.timeNs - origin;
            break;
        case EventKind::TaskEnd:
            records[e.object].endNs = e.timeNs - origin;
            break;
        case EventKind::TaskCallback:
            records[e.object].callbackTid = tidOf[e.worker];
            break;
        default:
            break;
        }
    }
    json.key("per_task").beginArray();
    for (const auto &[task, record] : records) {
        json.beginObject();
        json.key("task").value(task);
        json.key("worker").value(m_meta.workerName(record.worker));
        json.key("queued_ns").value(record.queuedNs);
        json.key("start_ns").value(record.startNs);
        json.key("end_ns").value(record.endNs);
        json.key("callback_tid").value(record.callbackTid);
        json.endObject();
    }
    json.endArray();
}

} // namespace conlab
