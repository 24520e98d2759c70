#include "ConnectionForker.h"

#include "DescriptorMessage.h"
#include "EchoServer.h"
#include "ForkerRecords.h"
#include "IoLane.h"
#include "runtime/CpuGate.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "trace/Arena.h"
#include "trace/EventClock.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace conlab {

namespace {

// What the forker holds that its children need: the arena's objects and the claim page.
struct Shared
{
    Arena *arena = nullptr;
    WorkerTable *table = nullptr;
    CpuGate *gate = nullptr;
    std::uint32_t *claims = nullptr;
    std::size_t claimCount = 0;
    std::uint32_t socketsObject = 0;
};

// A child that finds its claim cancelled exits with this and records nothing: the acceptor
// has ended its lane already.
constexpr int kCancelledExit = 5;

[[noreturn]] void serve(const Shared &shared, const ForkRequest &request, int fd, pid_t forker)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != forker)
        _exit(3); // the forker died before the line above
    // A copy of another connection would keep that client's connection open: keep only ours
    // (and stderr).
    if (fd > 3)
        close_range(3, unsigned(fd) - 1, 0);
    close_range(unsigned(fd) + 1, ~0u, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    WorkerContext *context = nullptr;
    std::unique_ptr<WorkerContext> owned;
    if (request.worker != 0) {
        if (request.claim < 0 || std::size_t(request.claim) >= shared.claimCount)
            _exit(4);
        std::atomic_ref<std::uint32_t> claim(shared.claims[request.claim]);
        std::uint32_t expected = kClaimPending;
        if (!claim.compare_exchange_strong(expected, kClaimStarted))
            _exit(kCancelledExit);
        owned = std::make_unique<WorkerContext>(*shared.arena, *shared.gate, *shared.table,
                                                request.worker);
        context = owned.get();
    }
    IoLane lane(context, shared.socketsObject);
    if (context)
        context->started(); // the lane is this process from here on
    // A child of a single-threaded process: it may allocate like any program.
    std::vector<char> buffer(EchoServer::kBufferBytes);
    if (lane.run())
        EchoServer::echoBlocking(fd, lane, buffer.data(), buffer.size());
    lane.finish();
    _exit(0); // 0 tells the acceptor the lane was ended here
}

bool receive(int control, ForkRequest &request, int &fd, bool &closed)
{
    const ssize_t n = DescriptorMessage::receive(control, &request, sizeof request, fd, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return false;
    if (n != ssize_t(sizeof request) || fd < 0) {
        closed = true; // the acceptor is done (or gone): nothing else is ever sent here
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    return true;
}

// A failed send means the acceptor is gone; the loop then sees the socket closed.
void report(int control, const ForkerReport &record)
{
    while (send(control, &record, sizeof record, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

} // namespace

int ConnectionForker::run(const Options &options)
{
    // Die with the runner, even if it is killed outright; the check closes the race where it
    // died first. Stop is the runner's to handle: it ends this process by closing the socket.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(options.parentPid))
        return 3;
    std::signal(SIGTERM, SIG_IGN);
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);

    std::string error;
    auto arena = Arena::attach(options.arenaFd, &error);
    struct stat claimStat = {};
    void *claims = MAP_FAILED;
    if (arena && fstat(options.claimsFd, &claimStat) == 0 && claimStat.st_size > 0)
        claims = mmap(nullptr, std::size_t(claimStat.st_size), PROT_READ | PROT_WRITE, MAP_SHARED,
                      options.claimsFd, 0);
    if (!arena || claims == MAP_FAILED) {
        std::fprintf(stderr, "conlab-runner connection forker: %s\n",
                     error.empty() ? std::strerror(errno) : error.c_str());
        return 4;
    }
    EventClock::use(ClockKind(arena->header().clock));
    Shared shared;
    shared.arena = arena.get();
    // The same allocation order as the runner and its worker processes: table, then gate.
    shared.table = arena->make<WorkerTable>();
    shared.gate = arena->make<CpuGate>(0, SchedulingPolicy::Fcfs);
    shared.claims = static_cast<std::uint32_t *>(claims);
    shared.claimCount = std::size_t(claimStat.st_size) / sizeof(std::uint32_t);
    shared.socketsObject = options.socketsObject;
    if (!shared.table || !shared.gate)
        return 4;

    sigset_t childSignal;
    sigemptyset(&childSignal);
    sigaddset(&childSignal, SIGCHLD);
    sigprocmask(SIG_BLOCK, &childSignal, nullptr);
    const int exits = signalfd(-1, &childSignal, SFD_CLOEXEC | SFD_NONBLOCK);
    if (exits < 0)
        return 4;

    const int control = options.controlFd;
    const pid_t self = getpid();
    std::unordered_map<pid_t, std::uint32_t> children; // pid -> request
    bool closed = false;
    while (!closed) {
        pollfd fds[2] = {{control, POLLIN, 0}, {exits, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents) {
            signalfd_siginfo info;
            while (read(exits, &info, sizeof info) > 0) {
            }
            int status = 0;
            pid_t pid = 0;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                const auto it = children.find(pid);
                if (it == children.end())
                    continue;
                report(control, {ForkerReport::Exited, it->second, pid, status});
                children.erase(it);
            }
        }
        if (!fds[0].revents)
            continue;
        ForkRequest request;
        int fd = -1;
        if (!receive(control, request, fd, closed))
            continue;
        const pid_t pid = fork();
        if (pid == 0)
            serve(shared, request, fd, self);
        ::close(fd);
        if (pid < 0) {
            report(control, {ForkerReport::ForkFailed, request.request, 0, errno});
            continue;
        }
        children[pid] = request.request;
        report(control, {ForkerReport::Forked, request.request, pid, 0});
    }
    // The acceptor has given its children their grace already: whatever is left goes now.
    for (const auto &[pid, request] : children)
        kill(pid, SIGKILL);
    for (const auto &[pid, request] : children)
        waitpid(pid, nullptr, 0);
    return 0;
}

} // namespace conlab
