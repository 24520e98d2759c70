#include "RunSession.h"

#include "ScheduleSummary.h"
#include "analysis/IntervalCsv.h"
#include "analysis/LockOrderGraph.h"
#include "analysis/OutputLog.h"
#include "analysis/ProcessTree.h"
#include "analysis/RunFigures.h"
#include "analysis/StateTimeline.h"
#include "analysis/TraceChecker.h"
#include "runtime/CpuGate.h"
#include "runtime/EventRecorder.h"
#include "runtime/JobScheduling.h"
#include "runtime/JobTableCsv.h"
#include "runtime/JobTableRunner.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "scenarios/ScenarioRegistry.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"
#include "trace/TraceFile.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace conlab {

namespace {
std::atomic<bool> g_stopRequested{false};

constexpr int kControlPeriodMs = 5;
constexpr int kStreamEveryTicks = 2; // stream to the GUI every 10 ms
// How long workers get to notice Stop before the rest is killed.
constexpr std::uint64_t kStopGraceNs = 700'000'000;
// The fd number the arena has in a worker process.
constexpr int kWorkerArenaFd = 200;
constexpr std::uint32_t kStopByUser = 1;
constexpr std::uint32_t kStopByTimeLimit = 2;

void sleepMs(int ms)
{
    timespec ts{0, long(ms) * 1000000L};
    nanosleep(&ts, nullptr);
}

// Whether a file can be written at `path`, tried without leaving anything behind: an
// existing file is opened for writing (not truncated), a new one created and removed again.
// On failure, `error` says why.
bool canWrite(const std::string &path, std::string &error)
{
    struct stat info = {};
    if (stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            error = "is a folder";
            return false;
        }
        // A pipe or a device may have no reader yet; whether it takes writes is its own affair.
        if (!S_ISREG(info.st_mode)) {
            if (access(path.c_str(), W_OK) == 0)
                return true;
            error = std::strerror(errno);
            return false;
        }
        const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            error = std::strerror(errno);
            return false;
        }
        close(fd);
        return true;
    }
    if (errno != ENOENT) {
        error = std::strerror(errno);
        return false;
    }
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    close(fd);
    unlink(path.c_str());
    return true;
}

const char *outcomeText(int outcome)
{
    static const char *names[] = {"completed", "stopped", "timed_out", "failed", "deadlocked"};
    return names[outcome];
}
} // namespace

RunSession::RunSession(RunOptions options) : m_options(std::move(options)) {}

RunSession::~RunSession()
{
    // Whatever happened, no worker outlives the session.
    for (pid_t pid : m_pids)
        if (pid > 0)
            kill(pid, SIGKILL);
    reapProcesses(true);
    for (auto &thread : m_threads)
        if (thread.joinable())
            thread.detach();
}

void RunSession::requestStop()
{
    g_stopRequested.store(true);
}

void RunSession::endDaemon(std::uint32_t worker)
{
    m_endedAsDaemon[worker].store(true);
    std::lock_guard lock(m_startLock);
    if (worker < m_pids.size() && m_pids[worker] > 0)
        kill(m_pids[worker], SIGTERM);
    else
        m_table->cancel(worker);
}

bool RunSession::startWorker(std::uint32_t worker, StartMethod method)
{
    if (worker == 0 || worker >= m_meta.workers.size() || m_started[worker].exchange(true))
        return false;
    const bool process = method != StartMethod::Thread;
    std::lock_guard lock(m_startLock);
    m_control->recordFor(worker, EventKind::WorkerNew, 0, 0, 0, process ? 1 : 0);
    bool ok = true;
    switch (method) {
    case StartMethod::Thread:
        startThread(worker);
        break;
    case StartMethod::Spawn:
    case StartMethod::ForkExec:
        ok = spawnProcess(worker, method);
        break;
    case StartMethod::Fork:
        ok = forkProcess(worker);
        break;
    }
    if (!ok) {
        std::fprintf(stderr, "conlab-runner: %s\n", m_failure.c_str());
        m_control->recordFor(worker, EventKind::Terminated, std::uint16_t(ExitCause::Failed), 0, 0,
                             -1);
        m_table->markTerminated(worker);
    }
    return ok;
}

int RunSession::exitCode(std::uint32_t worker)
{
    std::lock_guard lock(m_startLock);
    return worker < m_exitCodes.size() ? m_exitCodes[worker] : 0;
}

bool RunSession::signalWorker(WorkerContext &main, std::uint32_t worker, int signal)
{
    std::lock_guard lock(m_startLock);
    if (worker >= m_pids.size() || m_pids[worker] <= 0)
        return false;
    // Recorded before the kill, so the mark precedes whatever the signal causes.
    main.recorder().record(EventKind::SignalSent, 0, worker, std::uint32_t(signal));
    return kill(m_pids[worker], signal) == 0;
}

bool RunSession::isAlive(std::uint32_t worker)
{
    if (worker >= m_meta.workers.size() || !m_started[worker].load())
        return false;
    std::lock_guard lock(m_startLock);
    if (m_pids[worker] > 0)
        reapOne(worker, false);
    return m_pids[worker] > 0 || !m_table->isTerminated(worker);
}

bool RunSession::prepare()
{
    m_scenario = ScenarioRegistry::create(m_options.scenario);
    if (!m_scenario) {
        std::string known;
        for (const auto &id : ScenarioRegistry::ids())
            known += " " + id;
        std::fprintf(stderr, "conlab-runner: unknown scenario '%s'; known:%s\n",
                     m_options.scenario.c_str(), known.c_str());
        return false;
    }
    std::string error;
    if (!ParameterSet::fromAssignments(m_scenario->parameters(), m_options.assignments, m_values,
                                       &error)) {
        std::fprintf(stderr, "conlab-runner: %s: %s\n", m_options.scenario.c_str(), error.c_str());
        return false;
    }
    // The job table first: the scenario's checks cover the table it will run.
    if (!m_options.jobsPath.empty() && !loadJobTable())
        return false;
    if (const std::string problem = m_scenario->checkParameters(m_values); !problem.empty()) {
        std::fprintf(stderr, "conlab-runner: %s: %s\n", m_options.scenario.c_str(),
                     problem.c_str());
        return false;
    }
    // Before the run, not after it: a run whose trace can't be kept is refused, not wasted.
    for (const auto &[option, path] :
         {std::pair{"--trace", &m_options.tracePath}, std::pair{"--csv", &m_options.csvPath}}) {
        std::string why;
        if (!path->empty() && !canWrite(*path, why)) {
            std::fprintf(stderr, "conlab-runner: %s %s: cannot write there: %s\n", option,
                         path->c_str(), why.c_str());
            return false;
        }
    }
    m_meta = m_scenario->describe(m_values);
    m_processes = m_scenario->workersAreProcesses(m_values);
    return true;
}

bool RunSession::loadJobTable()
{
    auto *jobs = dynamic_cast<JobTableRunner *>(m_scenario.get());
    if (!jobs) {
        std::fprintf(
            stderr,
            "conlab-runner: --jobs: scenario '%s' runs no job table; try policies or kernel\n",
            m_options.scenario.c_str());
        return false;
    }
    std::string text;
    std::string error;
    if (!JobTableCsv::readFile(m_options.jobsPath, text, &error)) {
        std::fprintf(stderr, "conlab-runner: --jobs: %s\n", error.c_str());
        return false;
    }
    JobTable table;
    if (!JobTableCsv::parse(text, m_options.jobsPath, table, &error)) {
        std::fprintf(stderr, "conlab-runner: %s\n", error.c_str());
        return false;
    }
    jobs->useJobTable(std::move(table));
    return true;
}

int RunSession::run()
{
    if (!prepare())
        return 2;
    if (m_meta.workers.size() > WorkerTable::kMaxWorkers) {
        std::fprintf(stderr, "conlab-runner: at most %u workers\n", WorkerTable::kMaxWorkers);
        return 2;
    }
    std::string error;
    Arena::Layout layout;
    layout.workerCount = std::uint32_t(m_meta.workers.size());
    layout.objectBytes = m_scenario->arenaObjectBytes(m_values);
    // Many workers each get a smaller ring; the collector drains every few milliseconds.
    layout.ringCapacity = layout.workerCount > 32 ? 2048 : 8192;
    m_arena = Arena::create(layout, &error);
    if (!m_arena) {
        std::fprintf(stderr, "conlab-runner: %s\n", error.c_str());
        return 1;
    }
    // The same allocation order as WorkerProcess: table, gate, then the scenario's objects.
    m_table = m_arena->make<WorkerTable>();
    m_gate = m_arena->make<CpuGate>(m_meta.cpus, SchedulingPolicy::Fcfs);
    if (!m_table || !m_gate || !m_scenario->setup(*m_arena, m_values)) {
        std::fprintf(stderr, "conlab-runner: the arena is too small for this scenario\n");
        return 1;
    }
    if (auto *jobs = dynamic_cast<JobScheduling *>(m_scenario.get()))
        jobs->attachGate(*m_gate, true);
    m_control = std::make_unique<EventRecorder>(m_arena->controlRing(), 0);
    m_pids.assign(m_meta.workers.size(), 0);
    m_exitCodes.assign(m_meta.workers.size(), 0);
    m_endedAsDaemon = std::vector<std::atomic<bool>>(m_meta.workers.size());
    m_started = std::vector<std::atomic<bool>>(m_meta.workers.size());
    m_startNs = m_arena->header().startNs;
    m_meta.startNs = m_startNs;
    if (m_options.stream) {
        m_stream.emplace(STDOUT_FILENO);
        m_stream->meta(m_meta.serialize());
    }

    if (startWorkers())
        controlLoop();
    else
        forceEnd();
    finish();
    // A run whose trace or table could not be written did not do what it was asked.
    return m_outcome == Outcome::Failed || !m_traceError.empty() || !m_csvError.empty() ? 1 : 0;
}

bool RunSession::startWorkers()
{
    std::lock_guard lock(m_startLock);
    const bool mainStarts = m_scenario->mainStartsWorkers();
    for (const auto &worker : m_meta.workers) {
        if (mainStarts && worker.id != 0)
            continue;
        m_started[worker.id].store(true);
        m_control->recordFor(worker.id, EventKind::WorkerNew, 0, 0, 0,
                             worker.id != 0 && m_processes ? 1 : 0);
    }
    for (const auto &worker : m_meta.workers) {
        if (worker.id == 0 || mainStarts)
            continue;
        if (m_processes) {
            if (!spawnProcess(worker.id, StartMethod::Spawn))
                return false;
        } else {
            startThread(worker.id);
        }
    }
    startThread(0);
    return true;
}

void RunSession::startThread(std::uint32_t worker)
{
    m_threads.emplace_back([this, worker] {
        WorkerContext context(*m_arena, *m_gate, *m_table, worker);
        context.started();
        try {
            if (worker == 0)
                m_scenario->runMain(context, *this);
            else
                m_scenario->runWorker(context);
        } catch (...) {
            if (!m_table->isTerminated(worker))
                context.exit(ExitCause::Failed, -1);
        }
        // A scenario that forgot to end a worker must not leave its lane open.
        if (!m_table->isTerminated(worker))
            context.exit(context.shouldStop() ? context.stopCause() : ExitCause::Normal);
    });
}

std::vector<std::string> RunSession::workerArguments(std::uint32_t worker,
                                                     const std::string &exe) const
{
    std::vector<std::string> args = {exe,
                                     "--worker",
                                     std::to_string(worker),
                                     "--arena-fd",
                                     std::to_string(kWorkerArenaFd),
                                     "--parent",
                                     std::to_string(getpid()),
                                     "--scenario",
                                     m_options.scenario};
    for (const auto &assignment : m_values.assignments()) {
        args.push_back("--set");
        args.push_back(assignment);
    }
    return args;
}

namespace {
std::string ownExecutable()
{
    char exe[4096];
    const ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length <= 0)
        return {};
    return std::string(exe, std::size_t(length));
}
} // namespace

bool RunSession::spawnProcess(std::uint32_t worker, StartMethod method)
{
    const std::string exe = ownExecutable();
    if (exe.empty()) {
        m_failure = "cannot find this executable to spawn workers";
        return false;
    }
    // Everything the child needs is prepared first: between fork and exec a copy of a
    // threaded process may only make async-signal-safe calls.
    auto args = workerArguments(worker, exe);
    std::vector<char *> argv;
    for (auto &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    // The child starts from a fresh exec, as the "spawn" start method does, so it inherits
    // none of this process's threads or locks. Only the arena and stderr cross over; stdout
    // may be the GUI's stream and must stay ours.
    pid_t pid = 0;
    if (method == StartMethod::ForkExec) {
        const int arenaFd = m_arena->fd();
        pid = fork();
        if (pid == 0) {
            const int devNull = open("/dev/null", O_RDWR);
            dup2(devNull, STDIN_FILENO);
            dup2(devNull, STDOUT_FILENO);
            dup2(arenaFd, kWorkerArenaFd);
            execve(argv[0], argv.data(), environ);
            _exit(127);
        }
        if (pid < 0) {
            m_failure = std::string("fork failed: ") + std::strerror(errno);
            return false;
        }
    } else {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, m_arena->fd(), kWorkerArenaFd);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            m_failure = "posix_spawn failed for worker " + std::to_string(worker);
            return false;
        }
    }
    m_pids[worker] = pid;
    return true;
}

bool RunSession::forkProcess(std::uint32_t worker)
{
    const pid_t runner = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        m_failure = std::string("fork failed: ") + std::strerror(errno);
        return false;
    }
    if (pid == 0)
        runForkedWorker(worker, runner);
    m_pids[worker] = pid;
    return true;
}

void RunSession::runForkedWorker(std::uint32_t worker, pid_t runner)
{
    // A copy of the runner: the arena is a shared mapping and stays shared, everything else
    // (the scenario's own globals included) is this process's copy from here on.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != runner)
        _exit(3);
    // The runner's handlers only set a flag in the runner; this copy must die of SIGTERM.
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    std::signal(SIGINT, SIG_IGN);
    const int devNull = open("/dev/null", O_RDWR);
    dup2(devNull, STDIN_FILENO);
    dup2(devNull, STDOUT_FILENO); // stdout may be the GUI's stream
    WorkerContext context(*m_arena, *m_gate, *m_table, worker);
    context.started();
    try {
        m_scenario->runWorker(context);
    } catch (...) {
        if (!m_table->isTerminated(worker))
            context.exit(ExitCause::Failed, -1);
    }
    if (!m_table->isTerminated(worker))
        context.exit(context.shouldStop() ? context.stopCause() : ExitCause::Normal);
    // No destructors or atexit handlers of the runner's copy: they belong to the runner.
    _exit(0);
}

void RunSession::controlLoop()
{
    const auto limitNs = std::uint64_t(m_options.timeLimitSeconds * 1e9);
    std::uint64_t stopSince = 0;
    for (int tick = 0;; ++tick) {
        sleepMs(kControlPeriodMs);
        reapProcesses(false);
        if (tick % kStreamEveryTicks == 0)
            collect();
        if (everyoneTerminated())
            break;
        const std::uint64_t now = monotonicNs();
        if (stopSince == 0) {
            if (g_stopRequested.load() || (m_stream && m_stream->readerGone())) {
                m_outcome = Outcome::Stopped;
                beginStop(kStopByUser);
                stopSince = now;
            } else if (now - m_startNs >= limitNs) {
                m_outcome = Outcome::TimedOut;
                beginStop(kStopByTimeLimit);
                stopSince = now;
            }
        } else if (now - stopSince > kStopGraceNs) {
            forceEnd();
            break;
        }
    }
}

void RunSession::beginStop(std::uint32_t why)
{
    // Every wait in the runtime re-checks this flag within one wait slice.
    m_arena->header().stop.store(why, std::memory_order_release);
}

void RunSession::forceEnd()
{
    if (m_arena->header().stop.load() == 0)
        beginStop(kStopByUser);
    const ExitCause cause =
        m_outcome == Outcome::TimedOut ? ExitCause::TimeLimit : ExitCause::Stopped;
    std::lock_guard lock(m_startLock);
    // Kill and reap first, record after: a process recorded as ended can't record again.
    for (std::uint32_t worker = 0; worker < m_pids.size(); ++worker) {
        if (m_pids[worker] <= 0)
            continue;
        kill(m_pids[worker], SIGKILL);
        waitpid(m_pids[worker], nullptr, 0);
        m_pids[worker] = 0;
    }
    for (std::uint32_t worker = 0; worker < m_meta.workers.size(); ++worker)
        if (m_started[worker].load() && !m_table->isTerminated(worker))
            m_gate->reclaim(worker, *m_control, *m_table, cause, 0);
}

void RunSession::reapProcesses(bool block)
{
    std::lock_guard lock(m_startLock);
    for (std::uint32_t worker = 0; worker < m_pids.size(); ++worker)
        reapOne(worker, block);
}

void RunSession::reapOne(std::uint32_t worker, bool block)
{
    const pid_t pid = m_pids[worker];
    if (pid <= 0)
        return;
    int status = 0;
    const pid_t done = waitpid(pid, &status, block ? 0 : WNOHANG);
    if (done != pid)
        return;
    m_pids[worker] = 0;
    m_exitCodes[worker] = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    if (!m_table || !m_gate)
        return;
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        const ExitCause cause =
            m_endedAsDaemon[worker].load() ? ExitCause::DaemonEnded : ExitCause::Signal;
        m_gate->reclaim(worker, *m_control, *m_table, cause, signal);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        m_gate->reclaim(worker, *m_control, *m_table, ExitCause::Failed, WEXITSTATUS(status));
    } else {
        m_gate->reclaim(worker, *m_control, *m_table, ExitCause::Failed, 0);
    }
}

bool RunSession::everyoneTerminated() const
{
    // Once main has ended it starts nobody: a lane it never started is no one to wait for.
    const bool mainEnded = m_table->isTerminated(0);
    for (std::uint32_t worker = 0; worker < m_meta.workers.size(); ++worker)
        if (!m_table->isTerminated(worker) && (m_started[worker].load() || !mainEnded))
            return false;
    return true;
}

void RunSession::collect()
{
    m_batch.clear();
    Event buffer[512];
    for (std::uint32_t ring = 0; ring <= m_arena->workerCount(); ++ring) {
        EventRing *events = m_arena->ring(ring);
        for (;;) {
            const std::size_t count = events->drain(buffer, std::size(buffer));
            m_batch.insert(m_batch.end(), buffer, buffer + count);
            if (count < std::size(buffer))
                break;
        }
    }
    // Each ring is in time order already; ordering the batch lets readers append.
    std::stable_sort(m_batch.begin(), m_batch.end(),
                     [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
    m_events.insert(m_events.end(), m_batch.begin(), m_batch.end());
    watchForDeadlock();
    if (!m_stream)
        return;
    if (!m_batch.empty())
        m_stream->events(m_batch.data(), m_batch.size());
    std::uint64_t dropped = 0;
    for (std::uint32_t ring = 0; ring <= m_arena->workerCount(); ++ring)
        dropped += m_arena->ring(ring)->dropped();
    if (dropped != m_lastDroppedSent) {
        m_stream->dropped(dropped);
        m_lastDroppedSent = dropped;
    }
}

void RunSession::watchForDeadlock()
{
    m_waitFor.apply(m_batch);
    // Once the run is stopping, workers leaving their waits must not erase the evidence.
    if (m_arena->header().stop.load() != 0)
        return;
    const auto cycles = m_waitFor.cycles();
    if (cycles.empty()) {
        // A cycle that went away was broken (a try-lock timed out): it was no deadlock.
        if (m_deadlock)
            ++m_cyclesBroken;
        m_deadlock.reset();
        return;
    }
    if (m_scenario->abortsDeadlockVictims()) {
        // The youngest worker in each cycle is the victim, as databases commonly choose.
        for (const auto &cycle : cycles) {
            const std::uint32_t victim =
                *std::max_element(cycle.workers.begin(), cycle.workers.end());
            if (m_table->slot(victim).abortWait.load() == 0) {
                m_table->abortWait(victim);
                ++m_victimsAborted;
            }
        }
        return;
    }
    if (!m_deadlock) {
        m_deadlock = cycles.front();
        m_deadlockDetectedNs = monotonicNs();
    }
}

void RunSession::finish()
{
    for (auto &thread : m_threads)
        if (thread.joinable())
            thread.join();
    reapProcesses(true);
    collect();

    Trace trace;
    trace.meta = m_meta;
    trace.events = m_events;
    for (std::uint32_t ring = 0; ring <= m_arena->workerCount(); ++ring)
        trace.droppedEvents += m_arena->ring(ring)->dropped();
    if (m_failure.empty() && m_outcome == Outcome::Completed)
        m_failure = m_scenario->failure();
    if (!m_failure.empty())
        m_outcome = Outcome::Failed;
    // Ended by its time limit with a cycle still closed: that is why it never finished.
    if (m_outcome == Outcome::TimedOut && m_deadlock)
        m_outcome = Outcome::Deadlocked;

    TraceChecker::Options options;
    options.runCompleted = m_outcome == Outcome::Completed;
    const auto violations = TraceChecker::check(trace, options);
    std::vector<std::string> messages;
    for (const auto &v : violations)
        messages.push_back("[" + v.rule + "] at " + std::to_string(v.timeNs) + " ns: " + v.message);
    trace.summaryJson = summaryJson(trace, violations.empty(), messages);

    if (!m_options.tracePath.empty() &&
        !TraceFile::write(m_options.tracePath, trace, &m_traceError)) {
        if (m_traceError.empty())
            m_traceError = "cannot write " + m_options.tracePath;
        std::fprintf(stderr, "conlab-runner: %s\n", m_traceError.c_str());
    }
    if (!m_options.csvPath.empty()) {
        StateTimeline timeline;
        timeline.reset(trace.meta);
        timeline.append(trace.events);
        if (!IntervalCsv::write(m_options.csvPath, timeline, &m_csvError)) {
            if (m_csvError.empty())
                m_csvError = "cannot write " + m_options.csvPath;
            std::fprintf(stderr, "conlab-runner: %s\n", m_csvError.c_str());
        }
    }
    // The summary names only files that were written, and says why one wasn't.
    if (!m_traceError.empty() || !m_csvError.empty())
        trace.summaryJson = summaryJson(trace, violations.empty(), messages);
    if (!m_failure.empty())
        std::fprintf(stderr, "conlab-runner: %s\n", m_failure.c_str());
    if (m_stream) {
        m_stream->summary(trace.summaryJson);
    } else {
        std::printf("%s\n", trace.summaryJson.c_str());
        std::fflush(stdout);
    }
}

std::string RunSession::deadlockJson(const Trace &trace) const
{
    if (!m_deadlock)
        return "null";
    JsonWriter json;
    json.beginObject();
    json.key("cycle").beginArray();
    for (const std::uint32_t worker : m_deadlock->workers)
        json.value(m_meta.workerName(worker));
    json.endArray();
    json.key("locks").beginArray();
    for (const std::uint32_t lock : m_deadlock->locks) {
        const ObjectInfo *object = m_meta.object(lock);
        json.value(object ? object->name : "lock " + std::to_string(lock));
    }
    json.endArray();
    json.key("formed_ns").value(m_deadlock->formedNs - trace.meta.startNs);
    json.key("detected_ns").value(m_deadlockDetectedNs - trace.meta.startNs);
    json.endObject();
    return json.text();
}

std::string RunSession::summaryJson(const Trace &trace, bool checksPassed,
                                    const std::vector<std::string> &violations) const
{
    const RunFigures figures = RunFigures::compute(trace);
    JsonWriter json;
    json.beginObject();
    json.key("scenario").value(m_meta.scenario);
    json.key("outcome").value(outcomeText(int(m_outcome)));
    json.key("elapsed_ns").value(figures.durationNs);
    json.key("workers").value(std::uint64_t(m_meta.workers.size()));
    json.key("kind").value(m_processes ? "process" : "thread");
    json.key("cpus").value(m_meta.cpus);
    // With no virtual CPU the kernel schedules, and none of our policies applies.
    if (m_meta.cpus > 0)
        json.key("policy").value(toString(m_gate ? m_gate->policy() : SchedulingPolicy::Fcfs));
    json.key("events").value(std::uint64_t(trace.events.size()));
    json.key("dropped_events").value(trace.droppedEvents);
    json.key("checks").beginObject();
    json.key("passed").value(checksPassed);
    json.key("rules").beginArray();
    for (const auto &rule : TraceChecker::rules())
        json.value(rule);
    json.endArray();
    json.key("violations").beginArray();
    for (const auto &message : violations)
        json.value(message);
    json.endArray();
    json.endObject();
    json.key("params").beginObject();
    for (const auto &[name, value] : m_values.values())
        json.key(name).value(value);
    json.endObject();
    const bool hasQueue = std::any_of(m_meta.objects.begin(), m_meta.objects.end(),
                                      [](const ObjectInfo &o) { return o.kind == "queue"; });
    if (hasQueue) {
        json.key("produced").value(figures.produced);
        json.key("consumed").value(figures.consumed);
        json.key("max_depth").value(figures.maxDepth);
    }
    json.key("stranded").value(figures.stranded);
    json.key("killed").value(figures.killed);
    json.key("tree");
    ProcessTree::build(m_meta, trace.events).writeJson(json);
    const auto output = OutputLog::collect(trace.events);
    if (!output.empty()) {
        json.key("output").beginArray();
        for (const auto &line : output) {
            json.beginObject();
            json.key("worker").value(m_meta.workerName(line.worker));
            json.key("text").value(line.text);
            json.key("t_ns").value(line.timeNs - trace.meta.startNs);
            json.endObject();
        }
        json.endArray();
    }
    for (const auto &[name, value] : m_scenario->figures(trace))
        json.key(name).value(value);
    m_scenario->writeSummary(json, trace);
    if (const auto *jobs = dynamic_cast<const JobTableRunner *>(m_scenario.get()))
        ScheduleSummary::write(json, trace, *jobs, dynamic_cast<const JobScheduling *>(jobs),
                               m_options.jobsPath);
    const bool hasLock = std::any_of(m_meta.objects.begin(), m_meta.objects.end(),
                                     [](const ObjectInfo &o) { return o.kind == "lock"; });
    if (hasLock) {
        json.key("deadlock").raw(deadlockJson(trace));
        json.key("victims_aborted").value(m_victimsAborted);
        json.key("cycles_broken").value(m_cyclesBroken);
        json.key("potential_deadlocks").beginArray();
        LockOrderGraph order;
        order.apply(trace.events);
        auto lockName = [&](std::uint32_t id) {
            const ObjectInfo *object = m_meta.object(id);
            return object ? object->name : "lock " + std::to_string(id);
        };
        for (const auto &cycle : order.cycles()) {
            json.beginObject();
            json.key("locks").beginArray();
            for (const auto &edge : cycle)
                json.value(lockName(edge.from));
            json.endArray();
            json.key("sites").beginArray();
            for (const auto &edge : cycle)
                json.value(m_meta.workerName(edge.worker) + " took " + lockName(edge.to) +
                           " while holding " + lockName(edge.from));
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }
    if (!m_options.tracePath.empty() && m_traceError.empty())
        json.key("trace").value(m_options.tracePath);
    if (!m_traceError.empty())
        json.key("trace_error").value(m_traceError);
    if (!m_csvError.empty())
        json.key("csv_error").value(m_csvError);
    if (!m_failure.empty())
        json.key("error").value(m_failure);
    json.endObject();
    return json.text();
}

} // namespace conlab
