#include "CoroutinesScenario.h"

#include "ScenarioParameters.h"
#include "runtime/CoroutineLoop.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <set>

namespace conlab {

namespace asio = boost::asio;

Scenario::Info CoroutinesScenario::info() const
{
    return {"coroutines", "Many tasks, one thread", 6, "Coroutines"};
}

std::vector<ParameterSpec> CoroutinesScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("tasks", "Tasks", "", 1, 1000, 5,
                   "Coroutines on the one thread; the first 100 get lanes."),
        P::integer("io", "IO wait", "ms", 0, 10000, 100, "How long each task waits per round."),
        P::integer("cpu", "Computation", "ms", 0, 1000, 20,
                   "How long each task computes per round, after its wait."),
        P::integer("rounds", "Rounds", "", 1, 100, 2, "Wait-then-compute rounds per task."),
        P::choice("sleep", "The wait", {"cooperative", "blocking"},
                  {"cooperative (loop's timer)", "blocking (sleep in the coroutine)"},
                  "cooperative suspends the coroutine on the event loop's timer; blocking "
                  "calls a blocking sleep, which stops the whole thread."),
        timeScaleParameter(),
    };
}

TraceMeta CoroutinesScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.workers.front().name = "main (event loop)";
    const auto lanes = std::min<std::uint32_t>(std::uint32_t(values.integer("tasks")), kMaxLanes);
    for (std::uint32_t i = 1; i <= lanes; ++i) {
        WorkerInfo lane{i, "coroutine", "task-" + std::to_string(i)};
        lane.parent = 0;
        meta.workers.push_back(std::move(lane));
    }
    return meta;
}

bool CoroutinesScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_arena = &arena;
    const double scale = values.real("time-scale") * 1e6;
    m_tasks = std::uint32_t(values.integer("tasks"));
    m_rounds = std::uint32_t(values.integer("rounds"));
    m_ioNs = std::uint64_t(double(values.integer("io")) * scale);
    m_cpuNs = std::uint64_t(double(values.integer("cpu")) * scale);
    m_blocking = values.text("sleep") == "blocking";
    return true;
}

void CoroutinesScenario::runWorker(WorkerContext &worker)
{
    // Every coroutine runs on main's loop; no worker is ever started.
    worker.exit(ExitCause::Normal);
}

void CoroutinesScenario::runMain(WorkerContext &main, RunServices &)
{
    if (!main.runFree())
        return main.exit(main.stopCause());
    CoroutineLoop loop(main, *m_arena);
    const std::uint64_t begin = monotonicNs();
    for (std::uint32_t i = 0; i < m_tasks; ++i) {
        const std::uint32_t lane = i < kMaxLanes ? i + 1 : CoroutineTask::kNoLane;
        loop.spawn(lane, [this](CoroutineTask &task) -> asio::awaitable<void> {
            for (std::uint32_t round = 0; round < m_rounds; ++round) {
                const bool waited =
                    m_blocking ? task.blockingSleep(m_ioNs) : co_await task.sleep(m_ioNs);
                if (!waited || !task.compute(m_cpuNs))
                    co_return;
            }
        });
    }
    const bool finished = loop.run();
    m_elapsedNs = monotonicNs() - begin;
    m_switches = loop.switches();
    if (!finished)
        return main.exit(main.stopCause());
    main.print("all " + std::to_string(m_tasks) + " tasks done in " +
               std::to_string(m_elapsedNs / 1000000) + " ms on one thread");
    main.exit(ExitCause::Normal);
}

std::uint64_t CoroutinesScenario::cooperativeNs(std::uint64_t tasks, std::uint64_t rounds,
                                                std::uint64_t ioNs, std::uint64_t cpuNs)
{
    // Every task's chain of waits and bursts, the last task one burst per task behind the
    // first; unless the one thread's computing is the longer of the two.
    const std::uint64_t chains = rounds * (ioNs + cpuNs) + (tasks - 1) * cpuNs;
    const std::uint64_t computing = ioNs + tasks * rounds * cpuNs;
    return std::max(chains, computing);
}

std::uint64_t CoroutinesScenario::blockingNs(std::uint64_t tasks, std::uint64_t rounds,
                                             std::uint64_t ioNs, std::uint64_t cpuNs)
{
    return tasks * rounds * (ioNs + cpuNs);
}

std::int64_t CoroutinesScenario::threadsUsed(const Trace &trace)
{
    std::set<std::uint32_t> tids;
    for (const Event &e : trace.events) {
        const WorkerInfo *lane = trace.meta.worker(e.worker);
        if (e.kind == EventKind::WorkerStarted && lane && lane->role == "coroutine")
            tids.insert(e.value);
    }
    return std::int64_t(tids.size());
}

std::vector<std::pair<std::string, std::int64_t>>
CoroutinesScenario::figures(const Trace &trace) const
{
    return {
        {"elapsed_ns", std::int64_t(m_elapsedNs)},
        {"cooperative_ns", std::int64_t(cooperativeNs(m_tasks, m_rounds, m_ioNs, m_cpuNs))},
        {"blocking_ns", std::int64_t(blockingNs(m_tasks, m_rounds, m_ioNs, m_cpuNs))},
        {"threads_used", threadsUsed(trace)},
        {"switches", std::int64_t(m_switches)},
    };
}

} // namespace conlab
