#include "ProcessPerConnectionServer.h"

#include "HandlerLanes.h"
#include "IoLane.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace conlab {

namespace {
// How long children get to leave after their connections are shut down, before SIGKILL, and
// then how long SIGKILL gets before they are given up on.
constexpr std::uint64_t kChildGraceNs = 2'000'000'000;
// The same once the run is stopping. The acceptor's lane ends after its children (it reports
// how they ended), and all of it must fit in the runner's grace period (700 ms from the stop):
// a lane still open then is ended by the runner, and whatever it records later is out of order.
constexpr std::uint64_t kStopChildGraceNs = 200'000'000;
constexpr std::uint64_t kStopKillGraceNs = 100'000'000;
} // namespace

ProcessPerConnectionServer::ProcessPerConnectionServer(Options options)
    : EchoServer(Design::ProcessPerConnection, options), m_buffer(kBufferBytes)
{
}

ProcessPerConnectionServer::~ProcessPerConnectionServer()
{
    reap(true, kChildGraceNs, kChildGraceNs);
}

std::vector<int> ProcessPerConnectionServer::processes() const
{
    std::lock_guard lock(m_mutex);
    std::vector<int> out;
    for (const Child &child : m_children)
        out.push_back(int(child.pid));
    return out;
}

void ProcessPerConnectionServer::serveInChild(int fd, WorkerContext *laneContext, pid_t parent)
{
    // Only system calls from here on: another thread of the parent may have held a lock of the
    // C library at the fork, and this copy of it would never be released.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(3); // the acceptor died before the line above
    if (fd > 3)
        close_range(3, unsigned(fd) - 1, 0);
    close_range(unsigned(fd) + 1, ~0u, 0);
    IoLane lane(laneContext, m_options.socketsObject);
    if (laneContext)
        laneContext->started(); // the lane is this process from here on
    if (lane.run())
        echoBlocking(fd, lane, m_buffer.data(), m_buffer.size());
    lane.finish();
    _exit(0); // 0 tells the acceptor the lane was ended here
}

bool ProcessPerConnectionServer::acceptAll(const IoLane &lane)
{
    for (;;) {
        // A backlog of hundreds of connections takes a fork each, and every child forked takes
        // CPU from this thread: the stop is checked before each, not once the backlog is empty.
        if (stopRequested() || lane.shouldStop())
            return true;
        bool failed = false;
        const int fd = acceptNext(false, &failed);
        if (fd < 0)
            return !failed;
        // The accepted socket inherits nothing from the listener, so the child's is blocking.
        WorkerContext *laneContext = m_options.lanes ? m_options.lanes->claim() : nullptr;
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid == 0)
            serveInChild(fd, laneContext, parent);
        if (pid < 0) {
            fail("fork", errno);
            if (laneContext)
                m_options.lanes->abandon(laneContext, ExitCause::Failed, errno);
            ::close(fd);
            continue; // that client gets no echo, which its check counts as missing
        }
        m_workers.fetch_add(1);
        std::lock_guard lock(m_mutex);
        m_children.push_back({pid, fd, laneContext});
    }
}

void ProcessPerConnectionServer::finished(const Child &child, int status)
{
    ::close(child.fd);
    if (!child.lane)
        return;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        m_options.lanes->ended(child.lane);
    else if (WIFSIGNALED(status))
        m_options.lanes->abandon(child.lane, ExitCause::Signal, WTERMSIG(status));
    else
        m_options.lanes->abandon(child.lane, ExitCause::Failed,
                                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

void ProcessPerConnectionServer::reap(bool wait, std::uint64_t graceNs, std::uint64_t killGraceNs)
{
    const std::uint64_t killAt = monotonicNs() + graceNs;
    const std::uint64_t giveUpAt = killAt + killGraceNs;
    bool killed = false;
    for (;;) {
        std::vector<std::pair<Child, int>> done;
        bool empty = false;
        {
            std::lock_guard lock(m_mutex);
            for (auto it = m_children.begin(); it != m_children.end();) {
                int status = 0;
                const pid_t result = waitpid(it->pid, &status, WNOHANG);
                if (result == it->pid || (result < 0 && errno == ECHILD)) {
                    done.emplace_back(*it, result == it->pid ? status : 0);
                    it = m_children.erase(it);
                } else {
                    ++it;
                }
            }
            empty = m_children.empty();
        }
        for (const auto &[child, status] : done)
            finished(child, status);
        if (!wait || empty)
            return;
        const std::uint64_t now = monotonicNs();
        if (now >= killAt && !killed) {
            std::lock_guard lock(m_mutex);
            for (const Child &child : m_children)
                kill(child.pid, SIGKILL);
            killed = true;
        } else if (now >= giveUpAt) {
            // Not even SIGKILL ended them (stuck in the kernel): count them, keep nothing.
            std::lock_guard lock(m_mutex);
            m_leftBehind += m_children.size();
            for (const Child &child : m_children) {
                ::close(child.fd);
                if (child.lane)
                    m_options.lanes->abandon(child.lane, ExitCause::Signal, SIGKILL);
            }
            m_children.clear();
            return;
        }
        const timespec pause = {0, 2'000'000};
        nanosleep(&pause, nullptr);
    }
}

bool ProcessPerConnectionServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    ok = ok && setListenerNonBlocking();
    while (ok && !stopRequested() && !lane.shouldStop()) {
        reap(false, 0, 0);
        pollfd fds[2] = {{m_options.listener, POLLIN, 0}, {stopFd(), POLLIN, 0}};
        const int ready = lane.waitReady([&](int timeoutMs) { return ::poll(fds, 2, timeoutMs); });
        if (ready == 0)
            break;
        if (ready < 0) {
            fail("poll", errno);
            ok = false;
            break;
        }
        if (fds[1].revents)
            break;
        if (fds[0].revents)
            ok = acceptAll(lane);
    }
    // A child blocked in recv() or send() returns once its socket is shut down; the shutdown
    // acts on the socket both copies of the descriptor share.
    {
        std::lock_guard lock(m_mutex);
        for (const Child &child : m_children)
            ::shutdown(child.fd, SHUT_RDWR);
    }
    if (lane.shouldStop())
        reap(true, kStopChildGraceNs, kStopKillGraceNs);
    else
        reap(true, kChildGraceNs, kChildGraceNs);
    return ok;
}

} // namespace conlab
