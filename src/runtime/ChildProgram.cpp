#include "ChildProgram.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace conlab {

namespace {
constexpr int kPollMs = 20;
} // namespace

std::string ChildProgram::findInPath(const std::string &name)
{
    const char *path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string dir = dirs.substr(start, end - start);
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        struct stat info;
        if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return {};
}

ChildProgram::Result ChildProgram::run(const std::vector<std::string> &argv, const cpu_set_t *cpus,
                                       const std::function<bool()> &shouldStop)
{
    Result result;
    int pipeFds[2];
    if (argv.empty() || pipe2(pipeFds, O_CLOEXEC) != 0) {
        result.error = std::string("cannot make a pipe: ") + std::strerror(errno);
        return result;
    }
    std::vector<char *> args;
    for (const std::string &arg : argv)
        args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec: the runner has other threads.
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        if (cpus)
            sched_setaffinity(0, sizeof *cpus, cpus);
        dup2(pipeFds[1], STDOUT_FILENO);
        dup2(pipeFds[1], STDERR_FILENO);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipeFds[1]);
    if (pid < 0) {
        close(pipeFds[0]);
        result.error = std::string("cannot fork: ") + std::strerror(errno);
        return result;
    }
    // Both sides set the group, so a stop right after the fork still reaches it.
    setpgid(pid, pid);
    result.started = true;
    char buffer[4096];
    for (;;) {
        if (shouldStop()) {
            kill(-pid, SIGKILL);
            result.stopped = true;
            break;
        }
        pollfd readable{pipeFds[0], POLLIN, 0};
        if (poll(&readable, 1, kPollMs) <= 0)
            continue;
        const ssize_t got = read(pipeFds[0], buffer, sizeof buffer);
        if (got <= 0)
            break; // end of file: the program and everything it started closed the pipe
        result.output.append(
            buffer, std::min<std::size_t>(std::size_t(got), kMaxOutput - result.output.size()));
    }
    close(pipeFds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    // Whatever it started and left behind goes with it.
    kill(-pid, SIGKILL);
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    return result;
}

} // namespace conlab
