#include "EchoServer.h"

#include "CoroutineServer.h"
#include "EpollServer.h"
#include "IoLane.h"
#include "IoUringServer.h"
#include "ProcessPerConnectionServer.h"
#include "ThreadPerConnectionServer.h"
#include "ThreadPoolServer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace conlab {

EchoServer::EchoServer(Design design, Options options)
    : m_options(options), m_design(design), m_stopFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
}

EchoServer::~EchoServer()
{
    if (m_stopFd >= 0)
        ::close(m_stopFd);
}

std::unique_ptr<EchoServer> EchoServer::create(Design design, Options options)
{
    switch (design) {
    case Design::ProcessPerConnection:
        return std::make_unique<ProcessPerConnectionServer>(options);
    case Design::ThreadPerConnection:
        return std::make_unique<ThreadPerConnectionServer>(options);
    case Design::ThreadPool:
        return std::make_unique<ThreadPoolServer>(options);
    case Design::Epoll:
        return std::make_unique<EpollServer>(options);
    case Design::Coroutines:
        return std::make_unique<CoroutineServer>(options);
    case Design::IoUring:
        return std::make_unique<IoUringServer>(options);
    }
    return nullptr;
}

const char *EchoServer::name(Design design)
{
    switch (design) {
    case Design::ProcessPerConnection:
        return "process-per-connection";
    case Design::ThreadPerConnection:
        return "thread-per-connection";
    case Design::ThreadPool:
        return "thread-pool";
    case Design::Epoll:
        return "epoll";
    case Design::Coroutines:
        return "coroutines";
    case Design::IoUring:
        return "io_uring";
    }
    return "?";
}

const char *EchoServer::prefix(Design design)
{
    switch (design) {
    case Design::ProcessPerConnection:
        return "process_per_connection";
    case Design::ThreadPerConnection:
        return "thread_per_connection";
    case Design::ThreadPool:
        return "thread_pool";
    case Design::Epoll:
        return "epoll";
    case Design::Coroutines:
        return "coroutines";
    case Design::IoUring:
        return "io_uring";
    }
    return "unknown";
}

bool EchoServer::hasHandlers(Design design)
{
    return design == Design::ProcessPerConnection || design == Design::ThreadPerConnection ||
           design == Design::ThreadPool;
}

bool EchoServer::available(Design design, std::string *why)
{
    if (design != Design::IoUring)
        return true;
    return IoUringServer::available(why);
}

void EchoServer::stop()
{
    m_stop.store(true, std::memory_order_release);
    // Never read back: the eventfd stays readable, so every wait set that holds it wakes.
    const std::uint64_t one = 1;
    if (m_stopFd >= 0 && ::write(m_stopFd, &one, sizeof one) < 0)
        return; // the counter is already non-zero: readable all the same
}

void EchoServer::fail(const std::string &what, int error)
{
    if (m_error.empty())
        m_error = what + (error ? std::string(": ") + std::strerror(error) : std::string());
}

void EchoServer::setNoDelay(int fd)
{
    // Echoed chunks go out at once: Nagle's wait for an ACK would add the peer's delayed-ACK
    // time (tens of ms) to a reply that arrived in two reads.
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int EchoServer::acceptNext(bool nonBlocking, bool *failed)
{
    *failed = false;
    const int flags = SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0);
    for (;;) {
        const int fd = accept4(m_options.listener, nullptr, nullptr, flags);
        if (fd >= 0) {
            setNoDelay(fd);
            return fd;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            fail("accept", errno);
            *failed = true;
        }
        return -1;
    }
}

int EchoServer::openEventSet(std::uint64_t listenerKey, std::uint64_t stopKey)
{
    const int set = epoll_create1(EPOLL_CLOEXEC);
    epoll_event listen{};
    listen.events = EPOLLIN;
    listen.data.u64 = listenerKey;
    epoll_event stop{};
    stop.events = EPOLLIN;
    stop.data.u64 = stopKey;
    if (set < 0 || epoll_ctl(set, EPOLL_CTL_ADD, m_options.listener, &listen) != 0 ||
        epoll_ctl(set, EPOLL_CTL_ADD, stopFd(), &stop) != 0) {
        fail("epoll", errno);
        if (set >= 0)
            ::close(set);
        return -1;
    }
    if (!setListenerNonBlocking()) {
        ::close(set);
        return -1;
    }
    return set;
}

int EchoServer::waitForEvents(int set, epoll_event *events, int capacity, IoLane &lane)
{
    const int n =
        lane.waitReady([&](int timeoutMs) { return epoll_wait(set, events, capacity, timeoutMs); });
    if (n < 0)
        fail("epoll_wait", errno);
    return n;
}

bool EchoServer::setListenerNonBlocking()
{
    // Readiness says a connection is there, but it may be gone by the time accept4() runs:
    // a blocking listener would then hang the loop.
    const int flags = fcntl(m_options.listener, F_GETFL);
    if (flags < 0 || fcntl(m_options.listener, F_SETFL, flags | O_NONBLOCK) != 0) {
        fail("O_NONBLOCK on the listener", errno);
        return false;
    }
    return true;
}

bool EchoServer::echoBlocking(int fd, IoLane &lane, char *buffer, std::size_t size)
{
    for (;;) {
        // A try that can't block first, so that the lane shows a wait only when there was one.
        ssize_t n = ::recv(fd, buffer, size, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            lane.block();
            do {
                n = ::recv(fd, buffer, size, 0);
            } while (n < 0 && errno == EINTR);
            if (!lane.woken())
                return false;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true; // the peer closed, or the server shut the connection down
        for (std::size_t sent = 0; sent < std::size_t(n);) {
            const ssize_t written = ::send(fd, buffer + sent, std::size_t(n) - sent, MSG_NOSIGNAL);
            if (written < 0 && errno == EINTR)
                continue;
            if (written <= 0)
                return true;
            sent += std::size_t(written);
        }
    }
}

bool EchoServer::sendAllNonBlocking(int fd, const char *data, std::size_t size, IoLane &lane) const
{
    for (std::size_t sent = 0; sent < size;) {
        const ssize_t written = ::send(fd, data + sent, size - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (written > 0) {
            sent += std::size_t(written);
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
            return false;
        pollfd fds[2] = {{fd, POLLOUT, 0}, {m_stopFd, POLLIN, 0}};
        const int ready = lane.waitReady(
            [&](int timeoutMs) { return stopRequested() ? 1 : ::poll(fds, 2, timeoutMs); });
        if (ready <= 0 || stopRequested())
            return false;
    }
    return true;
}

} // namespace conlab
