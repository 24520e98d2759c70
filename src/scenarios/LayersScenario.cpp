#include "LayersScenario.h"

#include "ScenarioParameters.h"
#include "WorkerLauncher.h"
#include "runtime/CoroutineLoop.h"
#include "runtime/WorkerContext.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdio>
#include <set>
#include <sys/timerfd.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace conlab {

namespace asio = boost::asio;

namespace {

std::string processName(std::uint32_t p)
{
    return "process-" + std::to_string(p + 1);
}

std::string threadName(std::uint32_t p, std::uint32_t t)
{
    return "P" + std::to_string(p + 1) + " thread-" + std::to_string(t + 1);
}

std::string coroutineName(std::uint32_t p, std::uint32_t t, std::uint32_t c)
{
    return "P" + std::to_string(p + 1) + "T" + std::to_string(t + 1) + " coroutine-" +
           std::to_string(c + 1);
}

} // namespace

Scenario::Info LayersScenario::info() const
{
    return {"layers", "Processes x threads x coroutines", 6, "Coroutines"};
}

std::vector<ParameterSpec> LayersScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("processes", "Processes", "", 1, 4, 2, "Processes main starts."),
        P::integer("threads", "Threads per process", "", 1, 4, 2,
                   "Threads each process starts; each runs an event loop."),
        P::integer("coroutines", "Coroutines per thread", "", 1, 4, 2,
                   "Coroutines on each thread's event loop."),
        P::integer("io", "IO wait", "ms", 1, 10000, 40,
                   "How long each coroutine's read waits for its timer descriptor, per round."),
        P::integer("cpu", "Computation", "ms", 0, 1000, 5,
                   "How long each coroutine computes per round, after its read."),
        P::integer("rounds", "Rounds", "", 1, 100, 3, "Read-then-compute rounds per coroutine."),
        timeScaleParameter(),
    };
}

LayersScenario::Shape LayersScenario::shapeOf(const ParameterSet &values)
{
    return {std::uint32_t(values.integer("processes")), std::uint32_t(values.integer("threads")),
            std::uint32_t(values.integer("coroutines"))};
}

TraceMeta LayersScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const Shape shape = shapeOf(values);
    for (std::uint32_t p = 0; p < shape.processes; ++p) {
        meta.workers.push_back({shape.process(p), "process", processName(p)});
        for (std::uint32_t t = 0; t < shape.threads; ++t) {
            WorkerInfo thread{shape.thread(p, t), "thread", threadName(p, t)};
            thread.parent = std::int32_t(shape.process(p));
            meta.workers.push_back(std::move(thread));
            for (std::uint32_t c = 0; c < shape.coroutines; ++c) {
                WorkerInfo coroutine{shape.coroutine(p, t, c), "coroutine", coroutineName(p, t, c)};
                coroutine.parent = std::int32_t(shape.thread(p, t));
                meta.workers.push_back(std::move(coroutine));
            }
        }
    }
    return meta;
}

bool LayersScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_arena = &arena;
    m_shape = shapeOf(values);
    const double scale = values.real("time-scale") * 1e6;
    m_rounds = std::uint32_t(values.integer("rounds"));
    m_ioNs = std::uint64_t(double(values.integer("io")) * scale);
    m_cpuNs = std::uint64_t(double(values.integer("cpu")) * scale);
    return true;
}

void LayersScenario::runThread(WorkerContext &thread, std::uint32_t process, std::uint32_t index)
{
    CoroutineLoop loop(thread, *m_arena);
    for (std::uint32_t c = 0; c < m_shape.coroutines; ++c) {
        loop.spawn(m_shape.coroutine(process, index, c),
                   [this](CoroutineTask &task) -> asio::awaitable<void> {
                       // A descriptor of its own that turns readable `io` after each arming:
                       // real IO through the loop's epoll, as a socket's reply would be.
                       const int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
                       if (fd < 0)
                           throw std::runtime_error("timerfd_create failed");
                       CoroutineTask::Descriptor device(task.loop().context(), fd);
                       for (std::uint32_t round = 0; round < m_rounds; ++round) {
                           itimerspec due{};
                           due.it_value.tv_sec = time_t(m_ioNs / 1000000000ull);
                           due.it_value.tv_nsec = long(m_ioNs % 1000000000ull);
                           timerfd_settime(fd, 0, &due, nullptr);
                           char expirations[8];
                           if (co_await task.readSome(device, expirations, sizeof expirations, 0) !=
                                   sizeof expirations ||
                               !task.compute(m_cpuNs))
                               co_return;
                       }
                   });
    }
    loop.run();
}

void LayersScenario::runWorker(WorkerContext &worker)
{
    const std::uint32_t process = (worker.id() - 1) / m_shape.perProcess();
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    std::vector<std::thread> threads;
    for (std::uint32_t t = 0; t < m_shape.threads; ++t) {
        threads.emplace_back([this, &worker, process, t] {
            WorkerContext thread = worker.nestedLane(m_shape.thread(process, t));
            thread.recorder().record(EventKind::WorkerNew, 0, 0, 0, 0);
            thread.started();
            runThread(thread, process, t);
            thread.exit(thread.shouldStop() ? thread.stopCause() : ExitCause::Normal);
        });
    }
    bool joined = true;
    for (std::uint32_t t = 0; t < m_shape.threads; ++t)
        joined = worker.join(m_shape.thread(process, t)) && joined;
    for (auto &thread : threads)
        thread.join();
    worker.runFree();
    worker.exit(joined ? ExitCause::Normal : worker.stopCause());
}

void LayersScenario::runMain(WorkerContext &main, RunServices &services)
{
    TraceMeta meta;
    for (std::uint32_t p = 0; p < m_shape.processes; ++p)
        meta.workers.push_back({m_shape.process(p), "process", processName(p)});
    WorkerLauncher launcher(main, services, meta, StartMethod::Spawn);
    bool ok = true;
    for (std::uint32_t p = 0; p < m_shape.processes && ok; ++p)
        ok = launcher.start(m_shape.process(p));
    for (std::uint32_t p = 0; p < m_shape.processes && ok; ++p)
        ok = launcher.join(m_shape.process(p));
    main.exit(ok ? ExitCause::Normal : main.stopCause());
}

std::vector<std::pair<std::string, std::int64_t>> LayersScenario::figures(const Trace &trace) const
{
    std::set<std::int64_t> pids;
    std::set<std::uint32_t> tids;
    for (const Event &e : trace.events) {
        const WorkerInfo *lane = trace.meta.worker(e.worker);
        if (e.kind != EventKind::WorkerStarted || !lane || lane->role != "coroutine")
            continue;
        pids.insert(e.arg);
        tids.insert(e.value);
    }
    return {
        {"processes_used", std::int64_t(pids.size())},
        {"threads_used", std::int64_t(tids.size())},
        {"coroutines", std::int64_t(m_shape.processes * m_shape.threads * m_shape.coroutines)},
    };
}

} // namespace conlab
