#include "JoinOrderScenario.h"

#include "ScenarioParameters.h"
#include "WorkerLauncher.h"
#include "analysis/OutputLog.h"
#include "analysis/WorkerLifetimes.h"
#include "runtime/WorkerContext.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <set>

namespace conlab {

namespace {
constexpr const char *kDoneSuffix = ": done";

bool contains(const std::vector<std::int64_t> &list, std::uint32_t worker)
{
    return std::find(list.begin(), list.end(), std::int64_t(worker)) != list.end();
}
} // namespace

Scenario::Info JoinOrderScenario::info() const
{
    return {"join-order", "The join-order puzzle", 1, "Processes and threads"};
}

std::vector<ParameterSpec> JoinOrderScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("kind", "Workers are", {"process", "thread"}, {"processes", "threads"},
                  "Separate processes spawned from the runner, or threads of one process."),
        P::integerList("work", "Work of p1, p2, ...", "ms", 0, 10000, 2, 8, "100,200,600,300,400",
                       "How long each worker works (sleeps), in order; one entry per worker."),
        P::integerList("first", "Must finish first", "", 1, 8, 1, 8, "1,2",
                       "Workers main starts and joins before starting any other."),
        P::integerList("daemons", "Daemons", "", 1, 8, 0, 8, "3",
                       "Workers of the second group started as daemons: never joined, ended "
                       "when main ends."),
        timeScaleParameter(),
    };
}

std::string JoinOrderScenario::checkParameters(const ParameterSet &values) const
{
    const auto workers = values.list("work").size();
    const auto first = values.list("first");
    const auto daemons = values.list("daemons");
    std::set<std::int64_t> seen;
    for (const std::int64_t worker : first) {
        if (worker > std::int64_t(workers))
            return "first: p" + std::to_string(worker) + " does not exist; expected 1.." +
                   std::to_string(workers) + " (one per entry of work)";
        if (!seen.insert(worker).second)
            return "first: p" + std::to_string(worker) + " is named twice";
    }
    for (const std::int64_t worker : daemons) {
        if (worker > std::int64_t(workers))
            return "daemons: p" + std::to_string(worker) + " does not exist; expected 1.." +
                   std::to_string(workers) + " (one per entry of work)";
        if (contains(first, std::uint32_t(worker)))
            return "daemons: p" + std::to_string(worker) +
                   " is also in first; a worker main joins cannot be a daemon";
        if (!seen.insert(worker).second)
            return "daemons: p" + std::to_string(worker) + " is named twice";
    }
    return {};
}

bool JoinOrderScenario::workersAreProcesses(const ParameterSet &values) const
{
    return values.text("kind") == "process";
}

TraceMeta JoinOrderScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.list("work").size());
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "p" + std::to_string(i)});
    return meta;
}

bool JoinOrderScenario::setup(Arena &, const ParameterSet &values)
{
    m_meta = describe(values);
    m_workNs.clear();
    for (const std::int64_t ms : values.list("work"))
        m_workNs.push_back(std::uint64_t(double(ms) * values.real("time-scale") * 1e6));
    m_first = values.list("first");
    m_daemons = values.list("daemons");
    m_processes = workersAreProcesses(values);
    return true;
}

bool JoinOrderScenario::isFirst(std::uint32_t worker) const
{
    return contains(m_first, worker);
}

bool JoinOrderScenario::isDaemon(std::uint32_t worker) const
{
    return contains(m_daemons, worker);
}

void JoinOrderScenario::runWorker(WorkerContext &worker)
{
    const std::string name = m_meta.workerName(worker.id());
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    worker.print(name + ": start, works " + std::to_string(m_workNs[worker.id() - 1] / 1000000) +
                 " ms");
    if (!worker.sleep(m_workNs[worker.id() - 1]) || !worker.runFree())
        return worker.exit(worker.stopCause());
    worker.print(name + kDoneSuffix);
    worker.exit(ExitCause::Normal);
}

void JoinOrderScenario::runMain(WorkerContext &main, RunServices &services)
{
    WorkerLauncher launcher(main, services, m_meta,
                            m_processes ? StartMethod::Spawn : StartMethod::Thread);
    const auto workers = std::uint32_t(m_workNs.size());
    bool ok = true;
    for (const std::int64_t k : m_first)
        ok = ok && launcher.start(std::uint32_t(k));
    for (const std::int64_t k : m_first)
        ok = ok && launcher.join(std::uint32_t(k));
    for (std::uint32_t k = 1; k <= workers && ok; ++k)
        if (!isFirst(k))
            ok = launcher.start(k, isDaemon(k));
    for (std::uint32_t k = 1; k <= workers && ok; ++k)
        if (!isFirst(k) && !isDaemon(k))
            ok = launcher.join(k);
    if (!ok)
        return main.exit(main.stopCause());
    main.print("main: end");
    launcher.endDaemons();
    main.exit(ExitCause::Normal);
}

bool JoinOrderScenario::startedAfterFirst(const Trace &trace) const
{
    const auto lives = WorkerLifetimes::build(trace.events, std::uint32_t(m_workNs.size() + 1));
    std::uint64_t firstEnded = 0;
    for (const std::int64_t k : m_first) {
        const auto &life = lives.life(std::uint32_t(k));
        if (life.endedNs == 0)
            return false;
        firstEnded = std::max(firstEnded, life.endedNs);
    }
    for (std::uint32_t k = 1; k < lives.workerCount(); ++k) {
        const auto &life = lives.life(k);
        if (!isFirst(k) && life.startedNs != 0 && life.startedNs < firstEnded)
            return false;
    }
    return true;
}

void JoinOrderScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    bool daemonPrintedDone = false;
    for (const auto &line : OutputLog::collect(trace.events))
        if (isDaemon(line.worker) && line.text == m_meta.workerName(line.worker) + kDoneSuffix)
            daemonPrintedDone = true;
    json.key("daemon_printed_done").value(daemonPrintedDone);
    json.key("started_after_first").value(startedAfterFirst(trace));
}

} // namespace conlab
