#include "RunSession.h"

#include "OutputPaths.h"
#include "RunSummary.h"
#include "analysis/TraceChecker.h"
#include "runtime/CpuGate.h"
#include "runtime/EventRecorder.h"
#include "runtime/Futex.h"
#include "runtime/JobScheduling.h"
#include "runtime/JobTableCsv.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "scenarios/ScenarioRegistry.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/EventClock.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace conlab {

namespace {
std::atomic<bool> g_stopRequested{false};

constexpr int kControlPeriodMs = 5;
constexpr std::uint64_t kCollectEveryNs = 10'000'000; // and stream to the GUI
// How long workers get to notice Stop before the rest is killed.
constexpr std::uint64_t kStopGraceNs = 700'000'000;
constexpr std::uint32_t kStopByUser = 1;
constexpr std::uint32_t kStopByTimeLimit = 2;

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
    case StartMethod::Fork:
        ok = startProcess(worker, method);
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
    if (!OutputPaths::check(m_options))
        return false;
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
    // Many workers each get a smaller ring (a thousand rings of 1024 events are 32 MiB); the
    // collector drains every few milliseconds, sooner when a ring is half full.
    layout.ringCapacity = layout.workerCount > 256 ? 1024 : layout.workerCount > 32 ? 2048 : 8192;
    m_arena = Arena::create(layout, &error);
    if (!m_arena) {
        std::fprintf(stderr, "conlab-runner: %s\n", error.c_str());
        return 1;
    }
    // Chosen once, before anyone stamps: worker processes read it from the arena.
    const ClockKind clock = EventClock::choose();
    EventClock::use(clock);
    m_arena->header().clock = std::uint32_t(clock);
    m_meta.clock = EventClock::name(clock);
    m_stamps.addPair(StampConverter::takePair());
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
    m_starter = std::make_unique<WorkerProcessStarter>(*m_arena, *m_table, *m_gate, *m_scenario,
                                                       m_options.scenario, m_values.assignments());
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
    // Whatever the outcome, failed included, the JSON line says it and the exit is 0 (the
    // README's contract, and an export still draws a failed run); only a trace or table that
    // could not be written means the runner did not do what it was asked.
    const bool unwritten =
        !m_traceError.empty() || !m_csvError.empty() || !m_chromeTraceError.empty();
    return unwritten ? 1 : 0;
}

bool RunSession::startWorkers()
{
    std::lock_guard lock(m_startLock);
    const bool mainStarts = m_scenario->mainStartsWorkers();
    for (const auto &worker : m_meta.workers) {
        // A nested lane (a coroutine) is its host's to record and end, never a thread here.
        if ((mainStarts && worker.id != 0) || worker.parent >= 0)
            continue;
        m_started[worker.id].store(true);
        m_control->recordFor(worker.id, EventKind::WorkerNew, 0, 0, 0,
                             worker.id != 0 && m_processes ? 1 : 0);
    }
    for (const auto &worker : m_meta.workers) {
        if (worker.id == 0 || mainStarts || worker.parent >= 0)
            continue;
        if (m_processes) {
            if (!startProcess(worker.id, StartMethod::Spawn))
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

bool RunSession::startProcess(std::uint32_t worker, StartMethod method)
{
    std::string error;
    const pid_t pid = m_starter->start(worker, method, error);
    if (pid <= 0) {
        m_failure = error;
        return false;
    }
    m_pids[worker] = pid;
    return true;
}

void RunSession::controlLoop()
{
    const auto limitNs = std::uint64_t(m_options.timeLimitSeconds * 1e9);
    std::uint64_t stopSince = 0;
    std::atomic<std::uint32_t> &doorbell = m_arena->header().doorbell;
    std::uint32_t rung = doorbell.load(std::memory_order_acquire);
    std::uint64_t collectedAt = 0;
    for (;;) {
        // A period, or less when a worker's ring is half full: drain it before it overflows.
        futexWait(doorbell, rung, kControlPeriodMs);
        const std::uint32_t bell = doorbell.load(std::memory_order_acquire);
        const bool urgent = bell != rung;
        rung = bell;
        reapProcesses(false);
        if (urgent || monotonicNs() - collectedAt >= kCollectEveryNs) {
            collect();
            collectedAt = monotonicNs();
        }
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
    m_ringEnds.clear();
    for (std::uint32_t ring = 0; ring <= m_arena->workerCount(); ++ring) {
        EventRing *events = m_arena->ring(ring);
        for (;;) {
            const std::size_t count = events->drain(buffer, std::size(buffer));
            m_batch.insert(m_batch.end(), buffer, buffer + count);
            if (count < std::size(buffer))
                break;
        }
        m_ringEnds.push_back(m_batch.size());
    }
    // After draining: every stamp just drained was taken before this pair, so it is placed
    // between two pairs, never extrapolated past the newest.
    if (EventClock::kind() == ClockKind::Tsc) {
        m_stamps.addPair(StampConverter::takePair());
        std::size_t begin = 0;
        for (std::uint32_t ring = 0; ring < m_ringEnds.size(); ++ring) {
            m_stamps.convert(m_batch.data() + begin, m_ringEnds[ring] - begin, ring);
            begin = m_ringEnds[ring];
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
    // Ring i is worker i's; the last is the control ring, whose losses only count in the total.
    for (std::uint32_t ring = 0; ring <= m_arena->workerCount(); ++ring) {
        const std::uint64_t lost = m_arena->ring(ring)->dropped();
        trace.droppedEvents += lost;
        if (lost > 0 && ring < m_arena->workerCount())
            trace.droppedByWorker.emplace_back(ring, lost);
    }
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
    trace.summaryJson = RunSummary::json(trace, summaryFacts(violations.empty(), messages));

    const OutputPaths::Errors written = OutputPaths::write(m_options, trace);
    m_traceError = written.trace;
    m_csvError = written.csv;
    m_chromeTraceError = written.chromeTrace;
    if (!m_traceError.empty() || !m_csvError.empty() || !m_chromeTraceError.empty())
        trace.summaryJson = RunSummary::json(trace, summaryFacts(violations.empty(), messages));
    if (!m_failure.empty())
        std::fprintf(stderr, "conlab-runner: %s\n", m_failure.c_str());
    if (m_stream) {
        m_stream->summary(trace.summaryJson);
    } else {
        std::printf("%s\n", trace.summaryJson.c_str());
        std::fflush(stdout);
    }
}

RunSummary::Facts RunSession::summaryFacts(bool checksPassed,
                                           std::vector<std::string> violations) const
{
    RunSummary::Facts facts;
    facts.scenario = m_scenario.get();
    facts.values = &m_values;
    facts.outcome = outcomeText(int(m_outcome));
    facts.processes = m_processes;
    // With no virtual CPU the kernel schedules, and none of our policies applies.
    if (m_meta.cpus > 0)
        facts.policy = toString(m_gate ? m_gate->policy() : SchedulingPolicy::Fcfs);
    facts.checksPassed = checksPassed;
    facts.violations = std::move(violations);
    facts.deadlock = m_deadlock;
    facts.deadlockDetectedNs = m_deadlockDetectedNs;
    facts.victimsAborted = m_victimsAborted;
    facts.cyclesBroken = m_cyclesBroken;
    facts.jobsPath = m_options.jobsPath;
    facts.tracePath = m_options.tracePath;
    facts.traceError = m_traceError;
    facts.csvError = m_csvError;
    facts.chromeTraceError = m_chromeTraceError;
    facts.failure = m_failure;
    return facts;
}

} // namespace conlab
