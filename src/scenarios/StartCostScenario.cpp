#include "StartCostScenario.h"

#include "ScenarioParameters.h"
#include "runtime/SelfExecutable.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <numeric>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace conlab {

namespace {
// The fd number the probe writes its first moment to, in a child that exec'd.
constexpr int kProbeFd = 201;

std::uint64_t percentile(std::vector<std::uint64_t> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = std::size_t(fraction * double(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

bool readAll(int fd, void *data, std::size_t size)
{
    auto *bytes = static_cast<char *>(data);
    while (size > 0) {
        const ssize_t got = read(fd, bytes, size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        bytes += got;
        size -= std::size_t(got);
    }
    return true;
}

} // namespace

Scenario::Info StartCostScenario::info() const
{
    return {"start-cost", "What it costs to start a thread or a process", 1,
            "Processes and threads"};
}

std::vector<ParameterSpec> StartCostScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("count", "Starts per method", "", 1, 1000, 100,
                   "How many empty workers each method starts, one after another."),
        P::integer("lanes", "Lanes drawn", "", 4, 1000, 64,
                   "How many of the starts get a lane, in all methods together (each method its "
                   "first ones); the others are measured only."),
        P::choice("method", "Method", {"all", "thread", "fork", "spawn", "posix_spawn"},
                  {"all four", "thread", "fork", "spawn (fork + exec)", "posix_spawn"},
                  "thread: a thread of the runner; fork: a copy of the runner; spawn: fork, "
                  "then exec of a fresh runner; posix_spawn: the C library's one-call spawn."),
        timeScaleParameter(),
    };
}

std::vector<std::string> StartCostScenario::methodNames(const std::string &choice)
{
    if (choice == "all")
        return {"thread", "fork", "spawn", "posix_spawn"};
    return {choice};
}

std::uint32_t StartCostScenario::lanesPerMethod(std::uint32_t count, std::size_t methods,
                                                std::uint32_t lanes)
{
    return std::min(count, lanes / std::uint32_t(methods));
}

TraceMeta StartCostScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto names = methodNames(values.text("method"));
    const auto lanes = lanesPerMethod(std::uint32_t(values.integer("count")), names.size(),
                                      std::uint32_t(values.integer("lanes")));
    std::uint32_t id = 1;
    for (const auto &name : names)
        for (std::uint32_t i = 1; i <= lanes; ++i)
            meta.workers.push_back({id++, name, name + "-" + std::to_string(i)});
    return meta;
}

bool StartCostScenario::setup(Arena &, const ParameterSet &values)
{
    m_count = std::uint32_t(values.integer("count"));
    const auto names = methodNames(values.text("method"));
    m_lanesPerMethod =
        lanesPerMethod(m_count, names.size(), std::uint32_t(values.integer("lanes")));
    m_methods.clear();
    for (const auto &name : names)
        m_methods.push_back({name, {}, {}});
    return true;
}

void StartCostScenario::runWorker(WorkerContext &worker)
{
    // Never reached: main starts its probes itself and records their lanes.
    worker.exit(ExitCause::Normal);
}

int StartCostScenario::runProbe(int fd)
{
    const std::uint64_t now = monotonicNs();
    return write(fd, &now, sizeof now) == sizeof now ? 0 : 1;
}

bool StartCostScenario::startOne(WorkerContext &main, Method &method, std::uint32_t lane)
{
    std::uint64_t firstNs = 0;
    std::int64_t pid = getpid();
    std::int64_t tid = 0;
    const std::uint64_t callNs = monotonicNs();
    if (method.name == "thread") {
        std::thread thread([&firstNs, &tid] {
            firstNs = monotonicNs();
            tid = syscall(SYS_gettid);
        });
        thread.join();
    } else {
        int pipeFds[2];
        if (pipe2(pipeFds, O_CLOEXEC) != 0)
            return false;
        pid_t child = -1;
        if (method.name == "fork") {
            child = fork();
            if (child == 0)
                _exit(runProbe(pipeFds[1]));
        } else {
            static const std::string exe = selfExecutablePath();
            std::string fd = std::to_string(kProbeFd);
            std::string flag = "--start-probe";
            char *argv[] = {const_cast<char *>(exe.c_str()), flag.data(), fd.data(), nullptr};
            if (method.name == "spawn") {
                child = fork();
                if (child == 0) {
                    dup2(pipeFds[1], kProbeFd);
                    execve(argv[0], argv, environ);
                    _exit(127);
                }
            } else {
                posix_spawn_file_actions_t actions;
                posix_spawn_file_actions_init(&actions);
                posix_spawn_file_actions_adddup2(&actions, pipeFds[1], kProbeFd);
                if (posix_spawn(&child, argv[0], &actions, nullptr, argv, environ) != 0)
                    child = -1;
                posix_spawn_file_actions_destroy(&actions);
            }
        }
        close(pipeFds[1]);
        if (child > 0) {
            int status = 0;
            while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
            }
            pid = child;
            tid = child;
        }
        const bool reported = child > 0 && readAll(pipeFds[0], &firstNs, sizeof firstNs);
        close(pipeFds[0]);
        if (!reported)
            return false;
    }
    const std::uint64_t joinedNs = monotonicNs();
    method.startNs.push_back(firstNs - callNs);
    method.joinNs.push_back(joinedNs - callNs);
    if (lane != 0) {
        // The probe can't record for itself (an exec'd one has no arena): main writes its lane
        // from the moments measured, created at the call, running from its first instruction.
        auto &recorder = main.recorder();
        const bool process = method.name != "thread";
        recorder.recordForAt(callNs, lane, EventKind::WorkerNew, 0, 0, 0, process ? 1 : 0);
        recorder.recordForAt(firstNs, lane, EventKind::WorkerStarted, 0,
                             std::uint32_t(getpid() == pid ? getppid() : getpid()),
                             std::uint32_t(tid), pid);
        recorder.recordForAt(firstNs, lane, EventKind::Ready);
        recorder.recordForAt(firstNs, lane, EventKind::Running);
        recorder.recordForAt(joinedNs, lane, EventKind::Terminated);
    }
    return true;
}

void StartCostScenario::runMain(WorkerContext &main, RunServices &)
{
    if (!main.runFree())
        return main.exit(main.stopCause());
    std::uint32_t lane = 1;
    for (auto &method : m_methods) {
        main.print("main: " + std::to_string(m_count) + " starts by " + method.name);
        for (std::uint32_t i = 0; i < m_count; ++i) {
            if (main.shouldStop())
                return main.exit(main.stopCause());
            if (!startOne(main, method, i < m_lanesPerMethod ? lane++ : 0)) {
                main.print("main: " + method.name + " failed");
                return main.exit(ExitCause::Failed, 1);
            }
        }
        main.print("main: " + method.name + ": median " +
                   std::to_string(percentile(method.startNs, 0.5) / 1000) + " us to start");
    }
    main.exit(ExitCause::Normal);
}

void StartCostScenario::writeSummary(JsonWriter &json, const Trace &) const
{
    json.key("methods").beginObject();
    for (const auto &method : m_methods) {
        json.key(method.name).beginObject();
        json.key("count").value(std::uint64_t(method.startNs.size()));
        json.key("p50_ns").value(percentile(method.startNs, 0.5));
        json.key("p99_ns").value(percentile(method.startNs, 0.99));
        const std::uint64_t total =
            std::accumulate(method.startNs.begin(), method.startNs.end(), std::uint64_t(0));
        json.key("mean_ns").value(method.startNs.empty() ? 0 : total / method.startNs.size());
        json.key("total_ns")
            .value(std::accumulate(method.joinNs.begin(), method.joinNs.end(), std::uint64_t(0)));
        json.key("join_p50_ns").value(percentile(method.joinNs, 0.5));
        json.key("start_ns").beginArray();
        for (const std::uint64_t ns : method.startNs)
            json.value(ns);
        json.endArray();
        json.endObject();
    }
    json.endObject();
    const auto p50Of = [this](const std::string &name) -> std::uint64_t {
        for (const auto &method : m_methods)
            if (method.name == name)
                return percentile(method.startNs, 0.5);
        return 0;
    };
    const std::uint64_t thread = p50Of("thread");
    std::uint64_t process = 0;
    for (const char *name : {"fork", "posix_spawn", "spawn"})
        if (!process)
            process = p50Of(name);
    if (thread && process)
        json.key("process_vs_thread").value(double(process) / double(thread));
}

} // namespace conlab
