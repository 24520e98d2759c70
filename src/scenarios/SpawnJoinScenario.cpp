#include "SpawnJoinScenario.h"

#include "ScenarioParameters.h"
#include "WorkerLauncher.h"
#include "analysis/WorkerLifetimes.h"
#include "runtime/WorkerContext.h"
#include "trace/JsonWriter.h"

#include <algorithm>

namespace conlab {

Scenario::Info SpawnJoinScenario::info() const
{
    return {"spawn-join", "Start, join, daemon", 1, "Processes and threads"};
}

std::vector<ParameterSpec> SpawnJoinScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("workers", "Workers", "", 1, 32, 4, "How many workers main starts."),
        P::integer("work", "Work", "ms", 0, 10000, 400,
                   "How long worker-1 sleeps; worker-k sleeps work + (k-1) x spread."),
        P::integer("spread", "Spread", "ms", 0, 2000, 100,
                   "How much longer each next worker sleeps than the one before."),
        P::choice("join", "Main joins", {"all", "each", "none"},
                  {"all at the end", "each before the next", "none"},
                  "all: start every worker, then join them; each: start one and join it before "
                  "starting the next; none: main's code joins nobody and the runtime's exit "
                  "handling joins the non-daemons."),
        P::integer("daemons", "Daemons", "", 0, 32, 0,
                   "The last k workers are daemons: never joined, ended when main ends."),
        timeScaleParameter(),
    };
}

std::string SpawnJoinScenario::checkParameters(const ParameterSet &values) const
{
    if (values.integer("daemons") > values.integer("workers"))
        return "daemons: '" + values.text("daemons") + "' is out of range; expected 0..workers (" +
               values.text("workers") + ")";
    return {};
}

TraceMeta SpawnJoinScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    return meta;
}

bool SpawnJoinScenario::setup(Arena &, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_meta = describe(values);
    m_workers = std::uint32_t(values.integer("workers"));
    m_daemons = std::uint32_t(values.integer("daemons"));
    m_workNs = std::uint64_t(values.real("work") * scale);
    m_spreadNs = std::uint64_t(values.real("spread") * scale);
    m_join = values.text("join");
    m_processes = workersAreProcesses(values);
    return true;
}

std::uint64_t SpawnJoinScenario::workNs(std::uint32_t worker) const
{
    return m_workNs + (worker - 1) * m_spreadNs;
}

void SpawnJoinScenario::runWorker(WorkerContext &worker)
{
    const std::string name = m_meta.workerName(worker.id());
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    worker.print(name + ": started" + (isDaemon(worker.id()) ? " as a daemon" : "") + ", works " +
                 std::to_string(workNs(worker.id()) / 1000000) + " ms");
    if (!worker.sleep(workNs(worker.id())) || !worker.runFree())
        return worker.exit(worker.stopCause());
    worker.print(name + ": done");
    worker.exit(ExitCause::Normal);
}

void SpawnJoinScenario::runMain(WorkerContext &main, RunServices &services)
{
    WorkerLauncher launcher(main, services, m_meta,
                            m_processes ? StartMethod::Spawn : StartMethod::Thread);
    bool ok = true;
    if (m_join == "each") {
        for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
            ok = launcher.start(k, isDaemon(k)) && (isDaemon(k) || launcher.join(k));
    } else {
        for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
            ok = launcher.start(k, isDaemon(k));
        if (ok && m_join == "none") {
            main.print("main: end of main's code, nobody joined");
            // What CPython does at exit: the interpreter waits for its non-daemon threads
            // (daemon threads die with the process after that); multiprocessing's exit
            // handler first terminates the daemon children, then joins the others.
            if (m_processes)
                launcher.endDaemons();
            for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
                ok = isDaemon(k) || launcher.join(k, "exit");
        } else {
            for (std::uint32_t k = 1; k <= m_workers && ok; ++k)
                ok = isDaemon(k) || launcher.join(k);
        }
    }
    m_joined = launcher.joined();
    if (!ok)
        return main.exit(main.stopCause());
    if (m_join != "none")
        main.print("main: end of main's code");
    if (m_join != "none" || !m_processes)
        launcher.endDaemons();
    main.exit(ExitCause::Normal);
}

std::vector<std::pair<std::string, std::int64_t>>
SpawnJoinScenario::figures(const Trace &trace) const
{
    const auto lives = WorkerLifetimes::build(trace.events, m_workers + 1);
    std::uint64_t serial = 0;
    std::uint64_t parallel = 0;
    for (std::uint32_t k = 1; k <= m_workers; ++k) {
        if (isDaemon(k))
            continue;
        serial += workNs(k);
        parallel = std::max(parallel, workNs(k));
    }
    return {
        {"max_concurrent", lives.maxConcurrent()},
        {"daemons_ended", lives.countEndedBy(ExitCause::DaemonEnded)},
        {"serial_ns", std::int64_t(serial)},
        {"parallel_ns", std::int64_t(parallel)},
    };
}

void SpawnJoinScenario::writeSummary(JsonWriter &json, const Trace &) const
{
    json.key("joined_order").beginArray();
    for (const std::uint32_t worker : m_joined)
        json.value(m_meta.workerName(worker));
    json.endArray();
}

} // namespace conlab
