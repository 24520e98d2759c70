#include "ConnectionForkerLink.h"

#include "DescriptorMessage.h"
#include "runtime/SelfExecutable.h"
#include "trace/Clock.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace conlab {

namespace {
// The fd numbers the forker finds its arena, control socket and claim page at.
constexpr int kArenaFd = 200;
constexpr int kControlFd = 201;
constexpr int kClaimsFd = 202;
// After SIGKILL of a forker stalled in fork(), how long the destructor still waits for it.
constexpr std::uint64_t kLastWaitNs = 5'000'000'000;
} // namespace

ConnectionForkerLink::~ConnectionForkerLink()
{
    if (m_pid > 0)
        finish(0, kLastWaitNs);
    if (m_claims)
        munmap(m_claims, m_claimBytes);
    if (m_claimsFd >= 0)
        ::close(m_claimsFd);
}

bool ConnectionForkerLink::start(const Options &options, std::string &error)
{
    const std::string program = options.program.empty() ? selfExecutablePath() : options.program;
    if (program.empty()) {
        error = "cannot find this executable to start the connection forker";
        return false;
    }
    // The claim page: a memfd the forker maps, shared by its children through fork.
    m_claimBytes = std::max<std::size_t>(options.claims, 1) * sizeof(std::uint32_t);
    m_claimsFd = memfd_create("conlab-claims", MFD_CLOEXEC);
    if (m_claimsFd < 0 || ftruncate(m_claimsFd, off_t(m_claimBytes)) != 0) {
        error = std::string("claim page: ") + std::strerror(errno);
        return false;
    }
    void *claims = mmap(nullptr, m_claimBytes, PROT_READ | PROT_WRITE, MAP_SHARED, m_claimsFd, 0);
    if (claims == MAP_FAILED) {
        error = std::string("claim page: ") + std::strerror(errno);
        return false;
    }
    m_claims = static_cast<std::uint32_t *>(claims);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
        error = std::string("socketpair: ") + std::strerror(errno);
        return false;
    }
    std::vector<std::string> args = {program,
                                     "--connection-forker",
                                     "--arena-fd",
                                     std::to_string(kArenaFd),
                                     "--control-fd",
                                     std::to_string(kControlFd),
                                     "--claims-fd",
                                     std::to_string(kClaimsFd),
                                     "--sockets-object",
                                     std::to_string(options.socketsObject),
                                     "--parent",
                                     std::to_string(getpid())};
    std::vector<char *> argv;
    for (auto &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    // posix_spawn makes no copy of this big threaded process (glibc uses CLONE_VM|CLONE_VFORK),
    // so it cannot stall in the kernel the way a fork of it can. Only the three descriptors and
    // stderr cross over; stdout may be the GUI's stream.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, options.arenaFd, kArenaFd);
    posix_spawn_file_actions_adddup2(&actions, pair[1], kControlFd);
    posix_spawn_file_actions_adddup2(&actions, m_claimsFd, kClaimsFd);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    // The stop signals may be blocked in this thread; the forker must start with none blocked.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    const int rc =
        posix_spawn(&m_pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pair[1]);
    if (rc != 0) {
        m_pid = 0;
        ::close(pair[0]);
        error = std::string("posix_spawn of the connection forker: ") + std::strerror(rc);
        return false;
    }
    m_control = pair[0];
    return true;
}

int ConnectionForkerLink::send(std::uint32_t request, int connection, std::uint32_t worker,
                               std::int32_t claim)
{
    const ForkRequest record{request, worker, claim};
    // Never blocks: a forker stalled in fork() must not stall the acceptor with it.
    for (;;) {
        if (DescriptorMessage::send(m_control, &record, sizeof record, connection,
                                    MSG_NOSIGNAL | MSG_DONTWAIT) == ssize_t(sizeof record))
            return 0;
        if (errno != EINTR)
            return errno;
    }
}

bool ConnectionForkerLink::receive(ForkerReport &report, bool &gone)
{
    if (m_control < 0) {
        gone = true;
        return false;
    }
    const ssize_t n = recv(m_control, &report, sizeof report, MSG_DONTWAIT);
    if (n == ssize_t(sizeof report))
        return true;
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return false;
    gone = true;
    return false;
}

bool ConnectionForkerLink::cancel(std::int32_t claim)
{
    if (!m_claims || claim < 0 || std::size_t(claim) * sizeof(std::uint32_t) >= m_claimBytes)
        return false;
    std::atomic_ref<std::uint32_t> word(m_claims[claim]);
    std::uint32_t expected = kClaimPending;
    return word.compare_exchange_strong(expected, kClaimCancelled) || expected == kClaimCancelled;
}

bool ConnectionForkerLink::waitExit(std::uint64_t ns)
{
    const std::uint64_t deadline = monotonicNs() + ns;
    for (;;) {
        const pid_t done = waitpid(m_pid, nullptr, WNOHANG);
        if (done == m_pid || (done < 0 && errno == ECHILD)) {
            m_pid = 0;
            return true;
        }
        if (monotonicNs() >= deadline)
            return false;
        const timespec pause = {0, 1'000'000};
        nanosleep(&pause, nullptr);
    }
}

bool ConnectionForkerLink::finish(std::uint64_t graceNs, std::uint64_t killGraceNs)
{
    if (m_control >= 0) {
        ::close(m_control);
        m_control = -1;
    }
    if (m_pid <= 0)
        return true;
    if (waitExit(graceNs))
        return true;
    kill(m_pid, SIGKILL);
    return waitExit(killGraceNs);
}

} // namespace conlab
