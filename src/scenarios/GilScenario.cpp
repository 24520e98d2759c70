#include "GilScenario.h"

#include "PythonExampleCatalog.h"
#include "ScenarioParameters.h"
#include "analysis/OutputLog.h"
#include "analysis/WorkerLifetimes.h"
#include "runtime/ChildProgram.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/SelfExecutable.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <unistd.h>

namespace conlab {

// Per interpreter lock, in the arena: whether a waiter asked the holder to drop it.
class GilBoard
{
public:
    std::atomic<std::uint32_t> dropRequest[GilScenario::kMaxWorkers + 1] = {};
    // Bumped at every acquisition: a waiter asks for a drop only if the lock did not change
    // hands while it waited (CPython compares its switch_number the same way).
    std::atomic<std::uint32_t> switches[GilScenario::kMaxWorkers + 1] = {};
};

Scenario::Info GilScenario::info() const
{
    return {"gil", "The global interpreter lock", 1, "Processes and threads"};
}

std::vector<ParameterSpec> GilScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("workers", "Workers", "", 1, int(kMaxWorkers), 4,
                   "How many workers do the same work."),
        P::choice("work", "Work", {"cpu", "io", "mixed"}, {"CPU-bound", "IO-bound", "mixed"},
                  "cpu: bytecode only (needs the interpreter lock); io: waits, which release "
                  "it; mixed: half each."),
        P::integer("work-time", "Work per worker", "ms", 10, 5000, 400,
                   "What one worker's work takes when it runs alone."),
        P::integer("switch-interval", "Switch interval", "ms", 1, 100, 5,
                   "How long a thread waits for the lock before it asks the holder to drop "
                   "it (sys.setswitchinterval; CPython's default is 5 ms)."),
        P::integer("cores", "Cores", "", 1, 2, 2,
                   "How many of the machine's cores the workers may use (sched_setaffinity)."),
        P::choice("engine", "Engine", {"model", "cpython"},
                  {"the lab's model", "the model, then real CPython"},
                  "cpython: after the model's run, the same work in a Python program of the "
                  "lab's own under the real interpreter (python3), timed the same way."),
        timeScaleParameter(),
    };
}

std::string GilScenario::pythonScript()
{
    // Beside the runner in the build tree and in the installed tree alike: bin/../share.
    const std::string self = selfExecutablePath();
    const auto slash = self.rfind('/');
    if (slash == std::string::npos)
        return {};
    return self.substr(0, slash) + "/../share/conlab/python/gil_count.py";
}

std::string GilScenario::checkParameters(const ParameterSet &values) const
{
    if (values.text("engine") != "cpython")
        return {};
    if (PythonExampleCatalog::interpreter().empty())
        return "engine=cpython needs python3, which is not on PATH (Debian: apt install python3)";
    const std::string script = pythonScript();
    if (access(script.c_str(), R_OK) != 0)
        return "engine=cpython: the lab's Python program is missing (" + script + ")";
    return {};
}

TraceMeta GilScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto workers = std::uint32_t(values.integer("workers"));
    const bool processes = workersAreProcesses(values);
    for (std::uint32_t i = 1; i <= workers; ++i)
        meta.workers.push_back({i, "worker", "worker-" + std::to_string(i)});
    if (values.text("engine") == "cpython")
        meta.workers.push_back({workers + 1, "launcher", "python3 (real CPython)"});
    if (processes) {
        for (std::uint32_t i = 1; i <= workers; ++i)
            meta.objects.push_back({i, "lock", 0, "GIL of worker-" + std::to_string(i)});
    } else {
        meta.objects.push_back({1, "lock", 0, "GIL"});
    }
    return meta;
}

bool GilScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_processes = workersAreProcesses(values);
    m_workers = std::uint32_t(values.integer("workers"));
    m_cpython = values.text("engine") == "cpython";
    const auto workNs = std::uint64_t(values.real("work-time") * scale);
    const std::string work = values.text("work");
    // IO-bound work still runs a little bytecode per round to handle what it read.
    m_cpuNs = work == "cpu" ? workNs : work == "mixed" ? workNs / 2 : workNs / 50;
    m_ioNs = workNs - m_cpuNs;
    m_switchNs = std::uint64_t(values.real("switch-interval") * scale);
    // The first `cores` CPUs this process may use; the same in every worker process, which
    // inherits the runner's affinity.
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    sched_getaffinity(0, sizeof allowed, &allowed);
    CPU_ZERO(&m_cpus);
    m_cores = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && m_cores < values.integer("cores"); ++cpu)
        if (CPU_ISSET(cpu, &allowed)) {
            CPU_SET(cpu, &m_cpus);
            ++m_cores;
        }
    // Every lock in every process, so that the arena's layout is the same everywhere.
    for (std::uint32_t i = 1; i <= m_workers; ++i)
        if (!(m_gils[i] = arena.make<InstrumentedMutex>(i, InstrumentedMutex::Kind::Plain)))
            return false;
    m_board = arena.make<GilBoard>();
    return m_board != nullptr;
}

bool GilScenario::acquire(WorkerContext &worker, std::uint32_t gil, bool alreadyBlocked)
{
    for (;;) {
        const std::uint32_t switchesBefore = m_board->switches[gil].load(std::memory_order_acquire);
        const auto result = m_gils[gil]->lock(worker, m_switchNs, alreadyBlocked);
        // A timed-out wait was given up (LockFailed): the next one is recorded anew.
        alreadyBlocked = false;
        switch (result) {
        case InstrumentedMutex::Result::Acquired:
            // A request meant for the previous holder is void now, as in CPython.
            m_board->dropRequest[gil].store(0, std::memory_order_release);
            m_board->switches[gil].fetch_add(1, std::memory_order_acq_rel);
            return worker.runFree();
        case InstrumentedMutex::Result::TimedOut:
            // Waited a whole interval with the same holder: ask it to let go at its next
            // check. If the lock changed hands meanwhile, the new holder gets its interval.
            if (m_board->switches[gil].load(std::memory_order_acquire) == switchesBefore) {
                m_board->dropRequest[gil].store(1, std::memory_order_release);
                worker.recorder().record(EventKind::GilDropRequest, 0, gil);
            }
            break;
        default:
            return false;
        }
    }
}

bool GilScenario::runBytecode(WorkerContext &worker, std::uint32_t gil, std::uint64_t ns)
{
    if (!acquire(worker, gil))
        return false;
    InstrumentedMutex &lock = *m_gils[gil];
    std::uint64_t left = ns;
    while (left > 0) {
        const std::uint64_t slice = std::min(left, kCheckNs);
        if (!worker.burnCpuTime(slice)) {
            lock.unlock(worker);
            return false;
        }
        left -= slice;
        if (left == 0 || m_board->dropRequest[gil].exchange(0, std::memory_order_acq_rel) == 0)
            continue;
        // Honour the request: release, and (as CPython does since 3.2) don't take the lock
        // back before another thread has had it, or the waiter would rarely win.
        lock.unlock(worker);
        // From here the worker waits for the lock again, first until another has had it:
        // blocked on the lock, as CPython's dropping thread waits on its condition.
        worker.block(BlockReason::Lock, gil);
        const std::uint64_t giveUpAt = monotonicNs() + m_switchNs;
        while (lock.owner() < 0 && monotonicNs() < giveUpAt && !worker.shouldStop()) {
            timespec pause{0, 20'000};
            nanosleep(&pause, nullptr);
        }
        if (!acquire(worker, gil, true))
            return false;
    }
    lock.unlock(worker);
    return true;
}

void GilScenario::runPython(WorkerContext &launcher)
{
    // After the model's workers, so that the two never share the cores.
    for (std::uint32_t k = 1; k <= m_workers; ++k)
        if (!launcher.join(k))
            return launcher.exit(launcher.stopCause());
    if (!launcher.runFree())
        return launcher.exit(launcher.stopCause());
    char cpuMs[32];
    char ioMs[32];
    std::snprintf(cpuMs, sizeof cpuMs, "%.3f", double(m_cpuNs) / 1e6);
    std::snprintf(ioMs, sizeof ioMs, "%.3f", double(m_ioNs) / 1e6);
    const std::vector<std::string> argv{PythonExampleCatalog::interpreter(),
                                        pythonScript(),
                                        "--kind",
                                        m_processes ? "process" : "thread",
                                        "--workers",
                                        std::to_string(m_workers),
                                        "--cpu-ms",
                                        cpuMs,
                                        "--io-ms",
                                        ioMs,
                                        "--rounds",
                                        std::to_string(kRounds)};
    launcher.print("python3 " + argv[1].substr(argv[1].rfind('/') + 1) + ": 1 worker, then " +
                   std::to_string(m_workers));
    // Waiting on the program's output pipe until it ends.
    launcher.block(BlockReason::Io, 0);
    const ChildProgram::Result result =
        ChildProgram::run(argv, &m_cpus, [&launcher] { return launcher.shouldStop(); });
    if (result.stopped)
        return launcher.exit(launcher.stopCause());
    launcher.recorder().record(EventKind::IoNotified);
    launcher.runFree();
    char version[32] = {};
    unsigned long long single = 0;
    unsigned long long together = 0;
    const char *json = result.output.c_str();
    const char *found = std::strstr(json, "\"version\": \"");
    const bool parsed =
        result.exitCode == 0 && found &&
        std::sscanf(found, "\"version\": \"%31[^\"]\", \"single_ns\": %llu, \"elapsed_ns\": %llu",
                    version, &single, &together) == 3;
    if (!parsed) {
        launcher.print("python3 failed: " +
                       (result.error.empty() ? result.output.substr(0, 200) : result.error));
        return launcher.exit(ExitCause::Failed, result.exitCode);
    }
    char line[200];
    std::snprintf(line, sizeof line, "CPython %s measured: 1 worker %llu ns, %u workers %llu ns",
                  version, single, m_workers, together);
    launcher.print(line);
    launcher.exit(ExitCause::Normal);
}

bool GilScenario::cpythonTimes(const Trace &trace, std::string *version, std::uint64_t *single,
                               std::uint64_t *together)
{
    for (const auto &line : OutputLog::collect(trace.events)) {
        char text[32] = {};
        unsigned long long one = 0;
        unsigned long long all = 0;
        unsigned workers = 0;
        if (std::sscanf(line.text.c_str(),
                        "CPython %31s measured: 1 worker %llu ns, %u workers %llu ns", text, &one,
                        &workers, &all) == 4) {
            *version = text;
            *single = one;
            *together = all;
            return true;
        }
    }
    return false;
}

void GilScenario::runWorker(WorkerContext &worker)
{
    if (m_cpython && worker.id() == m_workers + 1)
        return runPython(worker);
    sched_setaffinity(0, sizeof m_cpus, &m_cpus);
    const std::uint32_t gil = gilOf(worker.id());
    for (std::uint32_t round = 0; round < kRounds; ++round) {
        if (m_cpuNs > 0 && !runBytecode(worker, gil, m_cpuNs / kRounds))
            return worker.exit(worker.stopCause());
        // An IO wait holds no lock: other threads' bytecode runs meanwhile.
        if (m_ioNs > 0 && !worker.sleep(m_ioNs / kRounds))
            return worker.exit(worker.stopCause());
    }
    worker.exit(ExitCause::Normal);
}

void GilScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_workers + (m_cpython ? 1 : 0));
}

double GilScenario::speedup(const Trace &trace) const
{
    const auto lives = WorkerLifetimes::build(trace.events, m_workers + 1);
    std::uint64_t first = ~0ull;
    std::uint64_t last = 0;
    for (std::uint32_t i = 1; i <= m_workers; ++i) {
        const auto &life = lives.life(i);
        if (life.startedNs == 0 || life.endedNs == 0 || life.cause != ExitCause::Normal)
            return 0;
        first = std::min(first, life.startedNs);
        last = std::max(last, life.endedNs);
    }
    return last > first ? double(m_workers) * double(singleWorkerNs()) / double(last - first) : 0;
}

std::vector<std::pair<std::string, std::int64_t>> GilScenario::figures(const Trace &trace) const
{
    std::map<std::uint32_t, std::int64_t> lastHolder;
    std::int64_t handoffs = 0;
    std::int64_t dropRequests = 0;
    std::int64_t waitNs = 0;
    std::map<std::uint32_t, std::uint64_t> waitingSince;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::LockAcquired) {
            auto holder = lastHolder.find(e.object);
            if (holder != lastHolder.end() && holder->second != std::int64_t(e.worker))
                ++handoffs;
            lastHolder[e.object] = e.worker;
        } else if (e.kind == EventKind::GilDropRequest) {
            ++dropRequests;
        }
        // Time blocked on a lock, per worker, from each Blocked to the next state change.
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Lock) {
            waitingSince[e.worker] = e.timeNs;
        } else if (auto it = waitingSince.find(e.worker);
                   it != waitingSince.end() &&
                   (e.kind == EventKind::LockAcquired || e.kind == EventKind::LockFailed ||
                    e.kind == EventKind::Terminated)) {
            waitNs += std::int64_t(e.timeNs - it->second);
            waitingSince.erase(it);
        }
    }
    return {
        {"gil_handoffs", handoffs}, {"gil_drop_requests", dropRequests},
        {"gil_wait_ns", waitNs},    {"single_worker_ns", std::int64_t(singleWorkerNs())},
        {"cores", m_cores},
    };
}

void GilScenario::writeSummary(JsonWriter &json, const Trace &trace) const
{
    json.key("speedup").value(speedup(trace));
    std::string version;
    std::uint64_t single = 0;
    std::uint64_t together = 0;
    if (m_cpython && cpythonTimes(trace, &version, &single, &together) && together > 0) {
        json.key("cpython_version").value(version);
        json.key("cpython_single_ns").value(std::int64_t(single));
        json.key("cpython_elapsed_ns").value(std::int64_t(together));
        json.key("cpython_speedup").value(double(m_workers) * double(single) / double(together));
    }
}

} // namespace conlab
