#include "WatchSession.h"

#include "OutputPaths.h"
#include "analysis/LaneNames.h"
#include "analysis/OutputLog.h"
#include "analysis/ProcessTree.h"
#include "analysis/TraceChecker.h"
#include "runtime/ChildProgram.h"
#include "runtime/ProcessListing.h"
#include "scenarios/WatchParameters.h"
#include "trace/Clock.h"
#include "trace/EventClock.h"
#include "trace/JsonWriter.h"
#include "trace/OutputText.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace conlab {

namespace {

std::atomic<bool> g_stopRequested{false};

constexpr std::uint64_t kStreamEveryNs = 10'000'000; // as a scenario run streams
// Printed lines kept as Output events; a chatty program's rest is counted, not recorded.
constexpr std::uint64_t kMaxOutputLines = 10000;
// Lines the final JSON lists (all are in the trace).
constexpr std::size_t kSummaryOutputLines = 200;

std::string joined(const std::vector<std::string> &words)
{
    std::string text;
    for (const std::string &word : words)
        text += (text.empty() ? "" : " ") + word;
    return text;
}

} // namespace

WatchSession::WatchSession(RunOptions options) : m_options(std::move(options)) {}

WatchSession::~WatchSession()
{
    // Whatever happened, nothing launched outlives the session; an attached process is not ours.
    if (m_child > 0) {
        kill(-m_child, SIGKILL);
        waitpid(m_child, nullptr, 0);
    }
    if (m_outputFd >= 0)
        close(m_outputFd);
}

void WatchSession::requestStop()
{
    g_stopRequested.store(true);
}

bool WatchSession::checkCommand()
{
    const std::string &program = m_options.command.front();
    if (program.empty()) {
        std::fprintf(stderr, "conlab-runner: --exec: the command is an empty word\n");
        return false;
    }
    if (program.find('/') == std::string::npos) {
        m_executable = ChildProgram::findInPath(program);
        if (m_executable.empty()) {
            std::fprintf(stderr, "conlab-runner: --exec: no program '%s' on PATH\n",
                         program.c_str());
            return false;
        }
        return true;
    }
    struct stat info = {};
    if (stat(program.c_str(), &info) != 0) {
        std::fprintf(stderr, "conlab-runner: --exec: %s: %s\n", program.c_str(),
                     std::strerror(errno));
        return false;
    }
    if (!S_ISREG(info.st_mode) || access(program.c_str(), X_OK) != 0) {
        std::fprintf(stderr, "conlab-runner: --exec: %s is not an executable file\n",
                     program.c_str());
        return false;
    }
    m_executable = program;
    return true;
}

bool WatchSession::checkProcess()
{
    const auto pid = pid_t(m_options.attachPid);
    const auto refuse = [&](const std::string &why) {
        std::fprintf(stderr, "conlab-runner: --attach %d: %s\n", int(pid), why.c_str());
        return false;
    };
    if (pid == getpid())
        return refuse("that is this conlab-runner itself");
    if (kill(pid, 0) != 0 && errno == ESRCH)
        return refuse("no such process");
    const std::string dir = "/proc/" + std::to_string(pid);
    struct stat info = {};
    if (stat(dir.c_str(), &info) != 0)
        return refuse("no such process, or hidden from this user (/proc mounted with hidepid)");
    if (getuid() != 0 && info.st_uid != getuid())
        return refuse("the process belongs to another user; conlab-runner follows processes of "
                      "your own user");
    DIR *tasks = opendir((dir + "/task").c_str());
    if (!tasks)
        return refuse("cannot read " + dir + "/task: " + std::strerror(errno));
    closedir(tasks);
    ThreadProbe probe(pid, pid);
    SchedStat stat;
    ThreadProbe::Status status;
    if (!probe.readStatus(status))
        return refuse("no such process (" + std::to_string(pid) +
                      " may be a thread: attach to its process)");
    if (!probe.readSchedStat(stat))
        return refuse("cannot read its schedstat (a kernel without CONFIG_SCHED_INFO?)");
    if (status.state == 'Z' || status.state == 'X')
        return refuse("the process has already ended");
    m_pid = pid;
    return true;
}

bool WatchSession::prepare()
{
    const bool exec = m_options.watch == RunOptions::Watch::Exec;
    const char *mode = exec ? "exec" : "attach";
    std::string error;
    if (!ParameterSet::fromAssignments(WatchParameters::all(), m_options.assignments, m_values,
                                       &error)) {
        std::fprintf(stderr, "conlab-runner: %s: %s\n", mode, error.c_str());
        return false;
    }
    if (!OutputPaths::check(m_options))
        return false;
    if (exec ? !checkCommand() : !checkProcess())
        return false;
    if (!exec)
        m_options.command = ProcessListing::commandOf(m_pid);
    m_sampleNs = std::uint64_t(m_values.integer("sample")) * 1'000'000;
    m_meta.scenario = mode;
    m_meta.title = (exec ? "watch: " : "attached: ") + joined(m_options.command);
    for (const auto &value : m_values.values())
        m_meta.params.push_back(value);
    m_meta.params.emplace_back("command", joined(m_options.command));
    if (!exec)
        m_meta.params.emplace_back("pid", std::to_string(m_pid));
    m_meta.cpus = 0; // the kernel schedules
    m_meta.sampleNs = m_sampleNs;
    // The watcher stamps what it samples itself, with clock_gettime: no ring, no TSC.
    m_meta.clock = EventClock::name(ClockKind::Monotonic);
    ProgramWatcher::declare(m_meta, m_sampleNs);
    ProgramWatcher::Settings settings;
    settings.sampleNs = m_sampleNs;
    settings.stallNs = std::uint64_t(m_values.real("stall") * 1e9);
    settings.adoptOrphans = exec;
    settings.baselineFirstThreads = !exec;
    m_watcher.emplace(settings);
    return true;
}

bool WatchSession::launch()
{
    int output[2];
    int failure[2];
    if (pipe2(output, O_CLOEXEC) != 0 || pipe2(failure, O_CLOEXEC) != 0) {
        std::fprintf(stderr, "conlab-runner: --exec: cannot make a pipe: %s\n",
                     std::strerror(errno));
        return false;
    }
    // Everything the child needs is built before the fork: after it, only async-signal-safe
    // calls. Python buffers a pipe's output until exit unless told not to.
    std::vector<char *> args;
    for (const std::string &word : m_options.command)
        args.push_back(const_cast<char *>(word.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> environment;
    bool unbuffered = false;
    for (char **entry = environ; *entry; ++entry) {
        environment.emplace_back(*entry);
        unbuffered = unbuffered || std::strncmp(*entry, "PYTHONUNBUFFERED=", 17) == 0;
    }
    if (!unbuffered)
        environment.emplace_back("PYTHONUNBUFFERED=1");
    std::vector<char *> envp;
    for (std::string &entry : environment)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    // Orphans of the program (a grandchild whose parent ended) come to us, not to init: they
    // stay in the tree and their exit status is ours to read.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    const char *path = m_executable.c_str();
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        // The runner ignores SIGPIPE; an ignored signal stays ignored across exec.
        signal(SIGPIPE, SIG_DFL);
        dup2(output[1], STDOUT_FILENO);
        dup2(output[1], STDERR_FILENO);
        execve(path, args.data(), envp.data());
        const int error = errno;
        [[maybe_unused]] const auto written = write(failure[1], &error, sizeof error);
        _exit(127);
    }
    close(output[1]);
    close(failure[1]);
    if (pid < 0) {
        std::fprintf(stderr, "conlab-runner: --exec: cannot fork: %s\n", std::strerror(errno));
        close(output[0]);
        close(failure[0]);
        return false;
    }
    // Both sides set the group, so a stop right after the fork still reaches it.
    setpgid(pid, pid);
    m_child = pid;
    m_pid = pid;
    // The failure pipe closes at a successful exec: from then on the process is the command
    // (its name included), not a copy of the runner.
    int error = 0;
    ssize_t got;
    while ((got = read(failure[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    close(failure[0]);
    if (got > 0) {
        std::fprintf(stderr, "conlab-runner: --exec: cannot run %s: %s\n", path,
                     std::strerror(error));
        close(output[0]);
        waitpid(pid, nullptr, 0);
        m_child = 0;
        return false;
    }
    m_outputFd = output[0];
    fcntl(m_outputFd, F_SETFL, fcntl(m_outputFd, F_GETFL) | O_NONBLOCK);
    return true;
}

int WatchSession::run()
{
    if (!prepare())
        return 2;
    m_startNs = monotonicNs();
    m_meta.startNs = m_startNs;
    // Lane 0 is the runner's: asleep between samples, the program's output on it.
    m_events.push_back({m_startNs, 0, EventKind::WorkerNew, 0, 0, 0, 0});
    m_events.push_back({m_startNs, 0, EventKind::WorkerStarted, 0, std::uint32_t(getppid()),
                        std::uint32_t(syscall(SYS_gettid)), std::int64_t(getpid())});
    m_events.push_back({m_startNs, 0, EventKind::Blocked, std::uint16_t(BlockReason::Sleep),
                        ProgramWatcher::kSamplingObject, 0, 0});
    if (m_options.watch == RunOptions::Watch::Exec) {
        if (!launch())
            return 2;
    }
    // Refused before this point, a bad command leaves no stream behind: the GUI reads the
    // message on stderr, as for a bad parameter.
    if (m_options.stream) {
        m_stream.emplace(STDOUT_FILENO);
        m_stream->meta(m_meta.serialize());
    }
    m_watcher->follow(m_pid, m_startNs);
    loop();
    finish();
    const bool unwritten =
        !m_traceError.empty() || !m_csvError.empty() || !m_chromeTraceError.empty();
    return unwritten ? 1 : 0;
}

void WatchSession::loop()
{
    const auto limitNs = std::uint64_t(m_options.timeLimitSeconds * 1e9);
    const bool exec = m_options.watch == RunOptions::Watch::Exec;
    std::uint64_t next = m_startNs + m_sampleNs;
    std::uint64_t streamedAt = m_startNs;
    std::vector<Event> batch;
    for (;;) {
        const timespec at{time_t(next / 1'000'000'000ull), long(next % 1'000'000'000ull)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
        const std::uint64_t now = monotonicNs();
        // Fall behind (a loaded machine), and the next sample is one period from now: the
        // windows stay as long as they really were.
        next = std::max(next + m_sampleNs, now + m_sampleNs / 2);
        batch.clear();
        readOutput(now, false);
        m_watcher->sample(now, batch);
        m_events.insert(m_events.end(), batch.begin(), batch.end());
        if (exec)
            reapChildren(now);
        if (now - streamedAt >= kStreamEveryNs) {
            flush();
            streamedAt = now;
        }
        const bool programEnded =
            exec ? m_childReaped && !m_watcher->anyAlive() : !m_watcher->anyAlive();
        if (programEnded)
            break;
        if (g_stopRequested.load() || (m_stream && m_stream->readerGone())) {
            m_outcome = Outcome::Stopped;
            break;
        }
        if (now - m_startNs >= limitNs) {
            m_outcome = Outcome::TimedOut;
            break;
        }
    }
    const std::uint64_t now = monotonicNs();
    if (exec && m_outcome != Outcome::Completed)
        stopProgram(now,
                    m_outcome == Outcome::TimedOut ? ExitCause::TimeLimit : ExitCause::Stopped);
    else if (exec && m_child > 0)
        kill(-m_child, SIGKILL); // whatever it left behind in its group goes with it
    readOutput(now, true);
    m_endNs = std::max(now, m_events.empty() ? now : m_events.back().timeNs);
    // The watcher's lane ends last; an attached program's lanes stay open: it runs on.
    m_events.push_back(
        {m_endNs, 0, EventKind::Terminated, std::uint16_t(ExitCause::Normal), 0, 0, 0});
}

void WatchSession::stopProgram(std::uint64_t nowNs, ExitCause cause)
{
    std::vector<Event> batch;
    // Recorded before the kill: its lanes end where the run was stopped.
    m_watcher->endAll(nowNs, cause, SIGKILL, batch);
    m_events.insert(m_events.end(), batch.begin(), batch.end());
    kill(-m_child, SIGKILL);
    int status = 0;
    while (waitpid(m_child, &status, 0) < 0 && errno == EINTR) {
    }
    m_childReaped = true;
    m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m_exitSignal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    m_child = 0;
    // Orphans that came to us as subreaper.
    while (waitpid(-1, &status, WNOHANG) > 0) {
    }
}

void WatchSession::reapChildren(std::uint64_t nowNs)
{
    std::vector<Event> batch;
    for (;;) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid <= 0)
            break;
        m_watcher->reaped(pid, status, nowNs, batch);
        if (pid == m_child) {
            m_childReaped = true;
            m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            m_exitSignal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        }
    }
    m_events.insert(m_events.end(), batch.begin(), batch.end());
}

void WatchSession::readOutput(std::uint64_t nowNs, bool flush)
{
    if (m_outputFd < 0)
        return;
    char buffer[8192];
    const auto record = [&](std::string_view line) {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (m_outputLines >= kMaxOutputLines) {
            ++m_outputLinesDropped;
            return;
        }
        ++m_outputLines;
        for (const Event &e : OutputText::encode(0, nowNs, line))
            m_events.push_back(e);
    };
    for (;;) {
        const ssize_t got = read(m_outputFd, buffer, sizeof buffer);
        if (got <= 0)
            break;
        // Without the GUI, the program's output also goes where a terminal sees it.
        if (!m_stream) [[maybe_unused]]
            const auto copied = write(STDERR_FILENO, buffer, std::size_t(got));
        m_partialLine.append(buffer, std::size_t(got));
        std::size_t start = 0;
        for (std::size_t end; (end = m_partialLine.find('\n', start)) != std::string::npos;
             start = end + 1)
            record(std::string_view(m_partialLine).substr(start, end - start));
        m_partialLine.erase(0, start);
    }
    if (flush && !m_partialLine.empty()) {
        record(m_partialLine);
        m_partialLine.clear();
    }
}

void WatchSession::flush()
{
    if (!m_stream || m_streamed >= m_events.size())
        return;
    m_stream->events(m_events.data() + m_streamed, m_events.size() - m_streamed);
    m_streamed = m_events.size();
}

void WatchSession::finish()
{
    flush();
    Trace trace;
    trace.meta = m_meta;
    trace.events = m_events;
    // Per lane the events are in time order already; in the file, one order for all of them.
    std::stable_sort(trace.events.begin(), trace.events.end(),
                     [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
    // The file's header names the lanes the program used: the placeholders never taken are
    // left out, the rest carry the names their threads had.
    LaneNames::applyAll(trace.events, trace.meta);
    const std::uint32_t used = m_watcher->lanesUsed();
    trace.meta.workers.erase(std::remove_if(trace.meta.workers.begin(), trace.meta.workers.end(),
                                            [&](const WorkerInfo &w) { return w.id > used; }),
                             trace.meta.workers.end());

    TraceChecker::Options options;
    options.runCompleted = m_outcome == Outcome::Completed;
    const auto violations = TraceChecker::check(trace, options);
    std::vector<std::string> messages;
    for (const auto &v : violations)
        messages.push_back("[" + v.rule + "] at " + std::to_string(v.timeNs) + " ns: " + v.message);
    trace.summaryJson = summary(trace, violations.empty(), messages);

    const OutputPaths::Errors written = OutputPaths::write(m_options, trace, m_endNs);
    m_traceError = written.trace;
    m_csvError = written.csv;
    m_chromeTraceError = written.chromeTrace;
    if (!m_traceError.empty() || !m_csvError.empty() || !m_chromeTraceError.empty())
        trace.summaryJson = summary(trace, violations.empty(), messages);
    if (m_stream) {
        m_stream->summary(trace.summaryJson);
    } else {
        std::printf("%s\n", trace.summaryJson.c_str());
        std::fflush(stdout);
    }
}

void WatchSession::writeProcesses(JsonWriter &json) const
{
    json.beginArray();
    for (const ProgramWatcher::ProcessRecord &p : m_watcher->processes()) {
        json.beginObject();
        json.key("pid").value(std::int64_t(p.pid));
        json.key("ppid").value(std::int64_t(p.ppid));
        json.key("name").value(p.name);
        json.key("threads").value(p.threads);
        if (p.exitKnown && p.exitSignal != 0)
            json.key("exit_signal").value(p.exitSignal);
        else if (p.exitKnown)
            json.key("exit_code").value(p.exitCode);
        else if (p.ended)
            json.key("exit").value("unknown: its parent reaped it between two samples");
        else
            json.key("exit").value("still running");
        json.endObject();
    }
    json.endArray();
}

std::string WatchSession::summary(const Trace &trace, bool checksPassed,
                                  const std::vector<std::string> &violations) const
{
    static const char *outcomes[] = {"completed", "stopped", "timed_out"};
    const bool exec = m_options.watch == RunOptions::Watch::Exec;
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    const std::uint64_t samplerCpuNs =
        std::uint64_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000'000ull +
        std::uint64_t(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000ull;
    const std::uint64_t elapsedNs = m_endNs - m_startNs;
    JsonWriter json;
    json.beginObject();
    json.key("scenario").value(trace.meta.scenario);
    if (!m_options.lesson.empty())
        json.key("lesson").value(m_options.lesson);
    json.key("outcome").value(outcomes[int(m_outcome)]);
    json.key("elapsed_ns").value(elapsedNs);
    json.key("command").beginArray();
    for (const std::string &word : m_options.command)
        json.value(word);
    json.endArray();
    json.key("pid").value(std::int64_t(m_pid));
    if (exec && m_childReaped) {
        if (m_exitSignal != 0)
            json.key("exit_signal").value(m_exitSignal);
        else
            json.key("exit_code").value(m_exitCode);
    }
    if (!exec && m_outcome != Outcome::Completed)
        json.key("detached").value(true); // the process runs on
    json.key("workers").value(std::uint64_t(trace.meta.workers.size()));
    json.key("kind").value("thread");
    json.key("cpus").value(trace.meta.cpus);
    json.key("threads_seen").value(m_watcher->threadsSeen());
    json.key("threads_unlaned").value(m_watcher->threadsUnlaned());
    json.key("processes_seen").value(std::uint64_t(m_watcher->processes().size()));
    json.key("samples").value(m_watcher->samples());
    json.key("sample_ns").value(m_sampleNs);
    json.key("sampler_cpu_ns").value(samplerCpuNs);
    json.key("sampler_cpu_share").value(elapsedNs ? double(samplerCpuNs) / double(elapsedNs) : 0.0);
    json.key("sampler_switch_rings").value(m_watcher->threadsWithRings());
    json.key("sampler_thread_reads").value(m_watcher->threadReads());
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
    json.key("possible_deadlock").value(m_watcher->stalled());
    if (m_watcher->stalled()) {
        json.key("stall_warning").value(m_watcher->stallText());
        json.key("stall_ns").value(m_watcher->stallAtNs() - m_startNs);
    }
    if (m_watcher->threadsUnlaned() > 0)
        json.key("unlaned_note")
            .value(std::to_string(m_watcher->threadsUnlaned()) + " threads beyond the " +
                   std::to_string(ProgramWatcher::kThreadLanes) +
                   " lanes were counted but not drawn");
    if (m_watcher->syscallDenied())
        json.key("blocked_reasons_note")
            .value("some system calls could not be read (ptrace rights: kernel.yama.ptrace_scope "
                   "or another user); their waits are named from wchan, else unknown");
    json.key("processes");
    writeProcesses(json);
    json.key("tree");
    ProcessTree::build(trace.meta, trace.events).writeJson(json);
    const auto output = OutputLog::collect(trace.events);
    if (!output.empty()) {
        json.key("output").beginArray();
        for (std::size_t i = 0; i < output.size() && i < kSummaryOutputLines; ++i) {
            json.beginObject();
            json.key("worker").value(trace.meta.workerName(output[i].worker));
            json.key("text").value(output[i].text);
            json.key("t_ns").value(output[i].timeNs - trace.meta.startNs);
            json.endObject();
        }
        json.endArray();
    }
    json.key("output_lines").value(m_outputLines);
    if (m_outputLinesDropped > 0)
        json.key("output_lines_dropped").value(m_outputLinesDropped);
    if (!m_options.tracePath.empty() && m_traceError.empty())
        json.key("trace").value(m_options.tracePath);
    if (!m_traceError.empty())
        json.key("trace_error").value(m_traceError);
    if (!m_csvError.empty())
        json.key("csv_error").value(m_csvError);
    if (!m_chromeTraceError.empty())
        json.key("chrome_trace_error").value(m_chromeTraceError);
    json.endObject();
    return json.text();
}

} // namespace conlab
