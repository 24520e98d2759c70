#include "EpollServer.h"

#include "IoLane.h"
#include "runtime/WorkerContext.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace conlab {

namespace {
constexpr int kMaxEvents = 256;
// Reads per readiness, so one busy connection can't starve the others.
constexpr int kReadsPerEvent = 4;
constexpr std::uint64_t kListenerKey = ~std::uint64_t(0);
constexpr std::uint64_t kStopKey = ~std::uint64_t(0) - 1;
} // namespace

EpollServer::EpollServer(Options options)
    : EchoServer(Design::Epoll, options), m_buffer(kBufferBytes)
{
}

EpollServer::~EpollServer()
{
    for (const auto &entry : m_connections)
        ::close(entry.first);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollServer::watch(int fd, bool forOutput)
{
    epoll_event event{};
    // While a reply waits for room, stop reading: that is the back-pressure on the client.
    event.events = forOutput ? EPOLLOUT : EPOLLIN;
    event.data.u64 = std::uint64_t(fd);
    return epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0;
}

void EpollServer::closeConnection(int fd)
{
    m_connections.erase(fd);
    ::close(fd); // also leaves the epoll set
}

bool EpollServer::acceptAll()
{
    for (;;) {
        bool failed = false;
        const int fd = acceptNext(true, &failed);
        if (fd < 0)
            return !failed;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = std::uint64_t(fd);
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
            fail("epoll_ctl", errno);
            ::close(fd);
            continue;
        }
        m_connections[fd];
    }
}

bool EpollServer::readable(int fd, Connection &connection)
{
    for (int reads = 0; reads < kReadsPerEvent; ++reads) {
        const ssize_t n = ::recv(fd, m_buffer.data(), m_buffer.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0)
            return false;
        const ssize_t written = ::send(fd, m_buffer.data(), std::size_t(n), MSG_NOSIGNAL);
        if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return false;
        const std::size_t sent = written > 0 ? std::size_t(written) : 0;
        if (sent < std::size_t(n)) {
            connection.pending.assign(m_buffer.begin() + std::ptrdiff_t(sent),
                                      m_buffer.begin() + n);
            connection.offset = 0;
            return watch(fd, true);
        }
        // A read that did not fill the buffer took all there was: asking again would only
        // cost a recv() that says EAGAIN, once per message. What arrives later is reported
        // again (level-triggered).
        if (std::size_t(n) < m_buffer.size())
            return true;
    }
    return true; // level-triggered: what is left is reported again
}

bool EpollServer::writable(int fd, Connection &connection)
{
    while (connection.offset < connection.pending.size()) {
        const ssize_t written = ::send(fd, connection.pending.data() + connection.offset,
                                       connection.pending.size() - connection.offset, MSG_NOSIGNAL);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (written <= 0)
            return false;
        connection.offset += std::size_t(written);
    }
    connection.pending.clear();
    connection.offset = 0;
    return watch(fd, false);
}

bool EpollServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    if (ok) {
        m_epoll = openEventSet(kListenerKey, kStopKey);
        ok = m_epoll >= 0;
    }
    if (ok)
        m_workers.store(1);
    epoll_event events[kMaxEvents];
    bool serving = ok;
    while (serving && !stopRequested()) {
        const int n = waitForEvents(m_epoll, events, kMaxEvents, lane);
        if (n <= 0) {
            ok = ok && n == 0;
            break;
        }
        for (int i = 0; i < n && serving; ++i) {
            const std::uint64_t key = events[i].data.u64;
            if (key == kStopKey) {
                serving = false;
            } else if (key == kListenerKey) {
                serving = ok = acceptAll();
            } else {
                const int fd = int(key);
                const auto it = m_connections.find(fd);
                if (it == m_connections.end())
                    continue;
                const bool open = it->second.pending.empty() ? readable(fd, it->second)
                                                             : writable(fd, it->second);
                if (!open)
                    closeConnection(fd);
            }
        }
    }
    for (const auto &entry : m_connections)
        ::close(entry.first);
    m_connections.clear();
    ::close(m_epoll);
    m_epoll = -1;
    return ok;
}

} // namespace conlab
