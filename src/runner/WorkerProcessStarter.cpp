#include "WorkerProcessStarter.h"

#include "runtime/SelfExecutable.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "trace/Arena.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <unistd.h>

extern char **environ;

namespace conlab {

namespace {
// The fd number the arena has in a worker process.
constexpr int kWorkerArenaFd = 200;
} // namespace

WorkerProcessStarter::WorkerProcessStarter(Arena &arena, WorkerTable &table, CpuGate &gate,
                                           Scenario &scenario, std::string scenarioId,
                                           std::vector<std::string> assignments)
    : m_arena(arena), m_table(table), m_gate(gate), m_scenario(scenario),
      m_scenarioId(std::move(scenarioId)), m_assignments(std::move(assignments))
{
}

pid_t WorkerProcessStarter::start(std::uint32_t worker, StartMethod method, std::string &error)
{
    return method == StartMethod::Fork ? fork(worker, error) : exec(worker, method, error);
}

pid_t WorkerProcessStarter::exec(std::uint32_t worker, StartMethod method, std::string &error)
{
    const std::string exe = selfExecutablePath();
    if (exe.empty()) {
        error = "cannot find this executable to spawn workers";
        return -1;
    }
    // Everything the child needs is prepared first: between fork and exec a copy of a
    // threaded process may only make async-signal-safe calls.
    std::vector<std::string> args = {exe,
                                     "--worker",
                                     std::to_string(worker),
                                     "--arena-fd",
                                     std::to_string(kWorkerArenaFd),
                                     "--parent",
                                     std::to_string(getpid()),
                                     "--scenario",
                                     m_scenarioId};
    for (const auto &assignment : m_assignments) {
        args.push_back("--set");
        args.push_back(assignment);
    }
    std::vector<char *> argv;
    for (auto &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    // The child starts from a fresh exec, as the "spawn" start method does, so it inherits
    // none of this process's threads or locks. Only the arena and stderr cross over; stdout
    // may be the GUI's stream and must stay ours.
    pid_t pid = 0;
    if (method == StartMethod::ForkExec) {
        const int arenaFd = m_arena.fd();
        pid = ::fork();
        if (pid == 0) {
            const int devNull = open("/dev/null", O_RDWR);
            dup2(devNull, STDIN_FILENO);
            dup2(devNull, STDOUT_FILENO);
            dup2(arenaFd, kWorkerArenaFd);
            execve(argv[0], argv.data(), environ);
            _exit(127);
        }
        if (pid < 0)
            error = std::string("fork failed: ") + std::strerror(errno);
        return pid;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, m_arena.fd(), kWorkerArenaFd);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        error = "posix_spawn failed for worker " + std::to_string(worker);
        return -1;
    }
    return pid;
}

pid_t WorkerProcessStarter::fork(std::uint32_t worker, std::string &error)
{
    const pid_t runner = getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        error = std::string("fork failed: ") + std::strerror(errno);
    if (pid == 0)
        runForkedWorker(worker, runner);
    return pid;
}

void WorkerProcessStarter::runForkedWorker(std::uint32_t worker, pid_t runner)
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
    WorkerContext context(m_arena, m_gate, m_table, worker);
    context.started();
    try {
        m_scenario.runWorker(context);
    } catch (...) {
        if (!m_table.isTerminated(worker))
            context.exit(ExitCause::Failed, -1);
    }
    if (!m_table.isTerminated(worker))
        context.exit(context.shouldStop() ? context.stopCause() : ExitCause::Normal);
    // No destructors or atexit handlers of the runner's copy: they belong to the runner.
    _exit(0);
}

} // namespace conlab
