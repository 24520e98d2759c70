#include "ProcessPerConnectionServer.h"

#include "ForkerRecords.h"
#include "HandlerLanes.h"
#include "IoLane.h"
#include "runtime/ThreadProbe.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"

#include <cerrno>
#include <csignal>
#include <poll.h>
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
// How long the forker gets to kill and reap what is left and exit once its socket closes,
// then how long after SIGKILL it is waited for here (the destructor waits longer).
constexpr std::uint64_t kForkerGraceNs = 50'000'000;
constexpr std::uint64_t kForkerKillGraceNs = 100'000'000;
// Connections handed over but not yet forked: past this many the acceptor waits for the
// forker, and the rest wait in the listen backlog, so a send to it never blocks.
constexpr std::size_t kMaxPending = 32;

// Whether `pid` can no longer run: gone, or a zombie its parent has not reaped yet.
bool processEnded(pid_t pid)
{
    ThreadProbe probe(pid, pid);
    ThreadProbe::Status status;
    return !probe.readStatus(status) || status.state == 'Z' || status.state == 'X';
}
} // namespace

ProcessPerConnectionServer::ProcessPerConnectionServer(Options options)
    : EchoServer(Design::ProcessPerConnection, options)
{
}

ProcessPerConnectionServer::~ProcessPerConnectionServer()
{
    {
        std::lock_guard lock(m_mutex);
        for (const Child &child : m_children)
            ::shutdown(child.fd, SHUT_RDWR);
    }
    reap(true, kChildGraceNs, kChildGraceNs);
}

std::vector<int> ProcessPerConnectionServer::processes() const
{
    // The forker is one of the design's processes too: its memory counts.
    std::lock_guard lock(m_mutex);
    std::vector<int> out;
    if (m_forkerPid > 0)
        out.push_back(int(m_forkerPid));
    for (const Child &child : m_children)
        if (child.pid > 0)
            out.push_back(int(child.pid));
    return out;
}

std::size_t ProcessPerConnectionServer::pendingCount() const
{
    std::lock_guard lock(m_mutex);
    std::size_t pending = 0;
    for (const Child &child : m_children)
        pending += child.pid == 0 ? 1 : 0;
    return pending;
}

bool ProcessPerConnectionServer::startForker()
{
    if (!m_options.arena) {
        fail("connection forker: no arena", EINVAL);
        return false;
    }
    ConnectionForkerLink::Options options;
    options.program = m_options.forkerProgram;
    options.arenaFd = m_options.arena->fd();
    options.socketsObject = m_options.socketsObject;
    options.claims = m_options.lanes ? m_options.lanes->size() : 1;
    std::string error;
    if (!m_forker.start(options, error)) {
        fail(error, errno);
        return false;
    }
    std::lock_guard lock(m_mutex);
    m_forkerPid = m_forker.pid();
    return true;
}

bool ProcessPerConnectionServer::acceptAll(const IoLane &lane)
{
    for (;;) {
        // A backlog of hundreds of connections takes a fork each: the stop is checked before
        // each hand-over, not once the backlog is empty.
        if (stopRequested() || lane.shouldStop() || m_forkerGone)
            return true;
        if (pendingCount() >= kMaxPending)
            return true;
        bool failed = false;
        const int fd = acceptNext(false, &failed);
        if (fd < 0)
            return !failed;
        // The accepted socket inherits nothing from the listener, so the child's is blocking.
        WorkerContext *laneContext = m_options.lanes ? m_options.lanes->claim() : nullptr;
        // Each lane is claimed once, so the lanes' count of claim words is enough.
        const std::int32_t claim = laneContext ? m_nextClaim++ : -1;
        const std::uint32_t request = m_nextRequest++;
        const int error = m_forker.send(request, fd, laneContext ? laneContext->id() : 0, claim);
        if (error != 0) {
            fail("handing a connection to the forker", error);
            if (laneContext)
                m_options.lanes->abandon(laneContext, ExitCause::Failed, error);
            ::close(fd);
            return true; // the forker is gone or stuck: its socket says which
        }
        std::lock_guard lock(m_mutex);
        m_children.push_back({request, 0, fd, laneContext, claim});
    }
}

void ProcessPerConnectionServer::readReports()
{
    ForkerReport report;
    bool gone = false;
    while (m_forker.receive(report, gone))
        apply(report);
    if (gone && !m_forkerGone)
        forkerLost();
}

void ProcessPerConnectionServer::apply(const ForkerReport &report)
{
    Child child;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_children.begin();
        while (it != m_children.end() && it->request != report.request)
            ++it;
        if (it == m_children.end())
            return; // a request taken back at the stop: its child exited without recording
        if (report.kind == ForkerReport::Forked) {
            it->pid = report.pid;
            m_workers.fetch_add(1);
            return;
        }
        child = *it;
        m_children.erase(it);
    }
    if (report.kind == ForkerReport::Exited) {
        finished(child, report.value);
        return;
    }
    fail("fork", report.value);
    if (child.lane)
        m_options.lanes->abandon(child.lane, ExitCause::Failed, report.value);
    ::close(child.fd); // that client gets no echo, which its check counts as missing
}

void ProcessPerConnectionServer::forkerLost()
{
    m_forkerGone = true;
    // Once it is reaped, its exit has sent every child of it SIGKILL (PR_SET_PDEATHSIG).
    m_forker.finish(0, kForkerKillGraceNs);
    std::vector<Child> lost;
    {
        std::lock_guard lock(m_mutex);
        lost.swap(m_children);
        m_forkerPid = 0;
    }
    for (const Child &child : lost) {
        ::close(child.fd);
        if (child.pid == 0 && child.lane && m_forker.cancel(child.claim))
            m_options.lanes->abandon(child.lane, ExitCause::Failed, ECHILD);
        else
            endedWithoutStatus(child);
    }
}

void ProcessPerConnectionServer::cancelPending()
{
    std::vector<Child> cancelled;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_children.begin(); it != m_children.end();) {
            // A laned child that won its claim first has started: it ends its lane itself and
            // its pid is on the way. An unlaned one records nothing, so it needs no claim.
            if (it->pid == 0 && (!it->lane || m_forker.cancel(it->claim))) {
                cancelled.push_back(*it);
                it = m_children.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const Child &child : cancelled) {
        ::shutdown(child.fd, SHUT_RDWR); // should the child exist after all, it ends at once
        ::close(child.fd);
        if (child.lane)
            m_options.lanes->abandon(
                child.lane, child.lane->shouldStop() ? child.lane->stopCause() : ExitCause::Failed,
                0);
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

void ProcessPerConnectionServer::endedWithoutStatus(const Child &child)
{
    if (!child.lane)
        return;
    if (child.lane->hasExited())
        m_options.lanes->ended(child.lane);
    else
        m_options.lanes->abandon(child.lane, ExitCause::Signal, SIGKILL);
}

void ProcessPerConnectionServer::giveUp()
{
    // The forker did not report them in time (it may itself be stuck in a fork): whatever is
    // provably dead ends by what it recorded; the rest are counted as left behind.
    std::vector<Child> rest;
    {
        std::lock_guard lock(m_mutex);
        rest.swap(m_children);
    }
    for (const Child &child : rest) {
        ::close(child.fd);
        if (child.pid == 0 || !processEnded(child.pid))
            ++m_leftBehind;
        endedWithoutStatus(child);
    }
}

void ProcessPerConnectionServer::reap(bool wait, std::uint64_t graceNs, std::uint64_t killGraceNs)
{
    const std::uint64_t killAt = monotonicNs() + graceNs;
    const std::uint64_t giveUpAt = killAt + killGraceNs;
    bool killed = false;
    for (;;) {
        readReports();
        bool empty = false;
        {
            std::lock_guard lock(m_mutex);
            empty = m_children.empty();
        }
        if (!wait || empty)
            return;
        const std::uint64_t now = monotonicNs();
        if (now >= killAt && !killed) {
            cancelPending();
            std::lock_guard lock(m_mutex);
            for (const Child &child : m_children)
                if (child.pid > 0)
                    kill(child.pid, SIGKILL);
            killed = true;
        } else if (now >= giveUpAt) {
            giveUp();
            return;
        }
        pollfd report = {m_forker.fd(), POLLIN, 0};
        poll(&report, 1, 2);
    }
}

bool ProcessPerConnectionServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    ok = ok && setListenerNonBlocking() && startForker();
    while (ok && !stopRequested() && !lane.shouldStop()) {
        reap(false, 0, 0);
        if (m_forkerGone) {
            fail("the connection forker ended", ECHILD);
            ok = false;
            break;
        }
        const bool room = pendingCount() < kMaxPending;
        // The forker's reports wake this lane too: it reaps as they come.
        pollfd fds[3] = {{room ? m_options.listener : -1, POLLIN, 0},
                         {stopFd(), POLLIN, 0},
                         {m_forker.fd(), POLLIN, 0}};
        const int ready = lane.waitReady([&](int timeoutMs) { return ::poll(fds, 3, timeoutMs); });
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
    // A forker stalled in fork() must not hold the stop up: what it has not forked yet is
    // taken back, and its lanes end now.
    if (lane.shouldStop())
        cancelPending();
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
    m_forker.finish(kForkerGraceNs, kForkerKillGraceNs);
    std::lock_guard lock(m_mutex);
    m_forkerPid = 0;
    return ok;
}

} // namespace conlab
