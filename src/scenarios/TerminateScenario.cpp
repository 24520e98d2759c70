#include "TerminateScenario.h"

#include "ScenarioParameters.h"
#include "WorkerLauncher.h"
#include "analysis/WorkerLifetimes.h"
#include "runtime/Futex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <csignal>
#include <ctime>

namespace conlab {

namespace {
constexpr std::uint32_t kWorker = 1;
// How often main asks is_alive() while it waits: the resolution of alive_until_ns.
constexpr long kAlivePollNs = 200'000;

volatile std::sig_atomic_t g_caughtSignal = 0;

void onSignal(int signal)
{
    g_caughtSignal = signal;
}

const char *signalName(int signal)
{
    switch (signal) {
    case SIGTERM:
        return "SIGTERM";
    case SIGKILL:
        return "SIGKILL";
    case SIGINT:
        return "SIGINT";
    }
    return "a signal";
}
} // namespace

Scenario::Info TerminateScenario::info() const
{
    return {"terminate", "terminate() and is_alive()", 1, "Processes and threads"};
}

std::vector<ParameterSpec> TerminateScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("kind", "Worker is", {"process", "thread"}, {"a process", "a thread"},
                  "A process can be sent a signal; a thread can only be asked to stop."),
        P::integer("after", "Stop after", "ms", 0, 10000, 300,
                   "How long main lets the worker run before ending it."),
        P::choice("signal", "Signal", {"term", "kill", "int"},
                  {"SIGTERM (terminate)", "SIGKILL (kill)", "SIGINT (Ctrl+C)"},
                  "What main sends a worker process."),
        P::choice("handler", "Worker's handler", {"none", "ignore", "cleanup"},
                  {"none (default action)", "ignores the signal", "cleans up, then exits"},
                  "What the worker process does with that signal. SIGKILL can be neither "
                  "caught nor ignored."),
        P::integer("grace", "Grace before kill", "ms", 0, 10000, 500,
                   "How long main waits for the process to end before it sends SIGKILL."),
        P::integer("check", "Flag check every", "ms", 1, 1000, 50,
                   "Threads only: how often the worker looks at the stop flag."),
        P::integer("work", "Job length", "ms", 100, 60000, 5000,
                   "How long the worker's CPU-bound job would take if nobody ended it."),
        P::integer("cleanup-time", "Cleanup", "ms", 0, 5000, 100,
                   "How long the worker's cleanup takes (handler = cleanup)."),
        timeScaleParameter(),
    };
}

bool TerminateScenario::workersAreProcesses(const ParameterSet &values) const
{
    return values.text("kind") == "process";
}

TraceMeta TerminateScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.workers.push_back({kWorker, "worker", "worker"});
    return meta;
}

bool TerminateScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_workerReady = arena.make<std::atomic<std::uint32_t>>(0u);
    if (!m_workerReady)
        return false;
    const double scale = values.real("time-scale") * 1e6;
    m_meta = describe(values);
    m_processes = workersAreProcesses(values);
    const std::string signal = values.text("signal");
    m_signal = signal == "kill" ? SIGKILL : signal == "int" ? SIGINT : SIGTERM;
    m_handler = values.text("handler");
    m_afterNs = std::uint64_t(values.real("after") * scale);
    m_graceNs = std::uint64_t(values.real("grace") * scale);
    m_checkNs = std::uint64_t(values.real("check") * scale);
    m_workNs = std::uint64_t(values.real("work") * scale);
    m_cleanupNs = std::uint64_t(values.real("cleanup-time") * scale);
    return true;
}

void TerminateScenario::installHandler() const
{
    if (m_signal == SIGKILL)
        return; // the kernel allows no handler for it
    struct sigaction action = {};
    sigemptyset(&action.sa_mask);
    action.sa_handler = m_handler == "ignore"    ? SIG_IGN
                        : m_handler == "cleanup" ? &onSignal
                                                 : SIG_DFL;
    sigaction(m_signal, &action, nullptr);
}

bool TerminateScenario::stopAsked() const
{
    return m_processes ? g_caughtSignal != 0 : m_stopFlag.load(std::memory_order_acquire);
}

void TerminateScenario::runWorker(WorkerContext &worker)
{
    if (m_processes)
        installHandler();
    m_workerReady->store(1, std::memory_order_release);
    futexWakeAll(*m_workerReady);
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    worker.print("worker: starts a " + std::to_string(m_workNs / 1000000) + " ms job");
    // A process is ended by the signal wherever it is; a thread only where it looks.
    const std::uint64_t slice = m_processes ? 1'000'000 : std::max<std::uint64_t>(m_checkNs, 1);
    const std::uint64_t end = monotonicNs() + m_workNs;
    while (!stopAsked()) {
        const std::uint64_t now = monotonicNs();
        if (now >= end)
            break;
        if (!worker.busyFor(std::min(slice, end - now)))
            return worker.exit(worker.stopCause());
    }
    if (!stopAsked()) {
        worker.print("worker: job done");
        return worker.exit(ExitCause::Normal);
    }
    if (m_processes) {
        worker.print(std::string("worker: caught ") + signalName(g_caughtSignal) + ", cleaning up");
        if (!worker.sleep(m_cleanupNs) || !worker.runFree())
            return worker.exit(worker.stopCause());
        worker.print("worker: cleaned up, exits with code 0");
    } else {
        worker.print("worker: saw the stop flag, returns");
    }
    worker.exit(ExitCause::Normal);
}

void TerminateScenario::runMain(WorkerContext &main, RunServices &services)
{
    WorkerLauncher launcher(main, services, m_meta,
                            m_processes ? StartMethod::Spawn : StartMethod::Thread);
    if (!launcher.start(kWorker))
        return main.exit(main.stopCause());
    // `after` counts from the worker's start, handler installed, not from the spawn call: a
    // slow start must not meet the signal's default action. Main is asleep meanwhile.
    main.block(BlockReason::Sleep, 0);
    while (m_workerReady->load(std::memory_order_acquire) == 0 && services.isAlive(kWorker)) {
        if (main.shouldStop())
            return main.exit(main.stopCause());
        futexWait(*m_workerReady, 0, 20);
    }
    if (!main.sleep(m_afterNs) || !main.runFree())
        return main.exit(main.stopCause());
    if (m_processes) {
        main.print(std::string("main: sends ") + signalName(m_signal) + " to the worker");
        m_stopAskedNs = monotonicNs();
        services.signalWorker(main, kWorker, m_signal);
    } else {
        main.print("main: a thread cannot be killed from outside; main sets the stop flag");
        m_stopAskedNs = monotonicNs();
        m_stopFlag.store(true, std::memory_order_release);
    }
    m_aliveRightAfter = services.isAlive(kWorker);
    main.print(std::string("main: is_alive() right after: ") +
               (m_aliveRightAfter ? "True" : "False"));
    // Waiting for the worker to end is a join; asking is_alive() is how main notices it at once.
    main.block(BlockReason::Join, kWorker);
    while (services.isAlive(kWorker)) {
        if (main.shouldStop())
            return main.exit(main.stopCause());
        if (m_processes && !m_escalated && monotonicNs() - m_stopAskedNs >= m_graceNs) {
            // join(timeout=grace) gave up: main runs again, and kills.
            m_escalated = true;
            main.recorder().record(EventKind::JoinTimedOut, 0, kWorker);
            main.runFree();
            main.print("main: still alive after the grace period; sends SIGKILL");
            services.signalWorker(main, kWorker, SIGKILL);
            main.block(BlockReason::Join, kWorker);
        }
        timespec pause{0, kAlivePollNs};
        nanosleep(&pause, nullptr);
    }
    m_aliveUntilNs = std::int64_t(monotonicNs() - m_stopAskedNs);
    if (!main.runFree())
        return main.exit(main.stopCause());
    main.print("main: is_alive() is False; exitcode = " +
               std::to_string(services.exitCode(kWorker)));
    main.exit(ExitCause::Normal);
}

std::vector<std::pair<std::string, std::int64_t>>
TerminateScenario::figures(const Trace &trace) const
{
    const auto lives = WorkerLifetimes::build(trace.events, 2);
    const auto &life = lives.life(kWorker);
    std::int64_t exitCode = 0;
    std::int64_t exitSignal = 0;
    if (life.cause == ExitCause::Signal) {
        exitSignal = life.exitArg;
        exitCode = -life.exitArg;
    } else if (life.cause == ExitCause::Failed) {
        exitCode = life.exitArg;
    }
    const std::int64_t latency = life.endedNs != 0 && m_stopAskedNs != 0
                                     ? std::int64_t(life.endedNs) - std::int64_t(m_stopAskedNs)
                                     : -1;
    return {
        {"alive_until_ns", m_aliveUntilNs},
        {"exit_code", exitCode},
        {"exit_signal", exitSignal},
        {"stop_latency_ns", latency},
    };
}

void TerminateScenario::writeSummary(JsonWriter &json, const Trace &) const
{
    json.key("alive_right_after").value(m_aliveRightAfter);
    json.key("escalated_to_kill").value(m_escalated);
}

} // namespace conlab
