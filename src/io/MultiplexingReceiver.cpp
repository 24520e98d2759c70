#include "MultiplexingReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

namespace conlab {

MultiplexingReceiver::~MultiplexingReceiver()
{
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool MultiplexingReceiver::begin(WorkerContext &worker)
{
    for (std::size_t i = 0; i < m_options.connections.size(); ++i) {
        const int flags = fcntl(fd(i), F_GETFL);
        if (flags < 0 || fcntl(fd(i), F_SETFL, flags | O_NONBLOCK) != 0)
            return setupFailed("O_NONBLOCK");
        if (m_options.multiplexer == "select" && fd(i) >= FD_SETSIZE) {
            errno = EMFILE;
            return setupFailed("select() takes descriptors below FD_SETSIZE only");
        }
    }
    if (m_options.multiplexer == "epoll") {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            return setupFailed("epoll_create1");
        for (std::size_t i = 0; i < m_options.connections.size(); ++i) {
            epoll_event event{};
            event.events = EPOLLIN;
            event.data.u64 = i;
            if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd(i), &event) != 0)
                return setupFailed("epoll_ctl");
        }
    }
    m_ready.reserve(m_options.connections.size());
    return resume(worker);
}

void MultiplexingReceiver::end(WorkerContext &)
{
    if (m_epoll >= 0)
        ::close(m_epoll);
    m_epoll = -1;
}

int MultiplexingReceiver::waitReadable()
{
    m_ready.clear();
    const std::size_t count = m_options.connections.size();
    ++m_syscalls;
    if (m_epoll >= 0) {
        // Level-triggered: a finished connection shows up only if it was closed.
        std::vector<epoll_event> events(count);
        const int n = epoll_wait(m_epoll, events.data(), int(count), -1);
        for (int i = 0; i < n; ++i) {
            const auto index = std::size_t(events[std::size_t(i)].data.u64);
            if (!complete(index))
                m_ready.push_back(index);
        }
        return n;
    }
    if (m_options.multiplexer == "poll") {
        std::vector<pollfd> fds;
        std::vector<std::size_t> index;
        for (std::size_t i = 0; i < count; ++i) {
            if (complete(i))
                continue;
            fds.push_back({fd(i), POLLIN, 0});
            index.push_back(i);
        }
        const int n = ::poll(fds.data(), nfds_t(fds.size()), -1);
        for (std::size_t i = 0; n > 0 && i < fds.size(); ++i)
            if (fds[i].revents != 0)
                m_ready.push_back(index[i]);
        return n;
    }
    fd_set readable;
    FD_ZERO(&readable);
    int highest = -1;
    for (std::size_t i = 0; i < count; ++i) {
        if (complete(i))
            continue;
        FD_SET(fd(i), &readable);
        highest = std::max(highest, fd(i));
    }
    const int n = ::select(highest + 1, &readable, nullptr, nullptr, nullptr);
    for (std::size_t i = 0; n > 0 && i < count; ++i)
        if (!complete(i) && FD_ISSET(fd(i), &readable))
            m_ready.push_back(i);
    return n;
}

IoReceiver::Result MultiplexingReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                                 RoundBarrier &barrier)
{
    const std::size_t count = m_options.connections.size();
    std::size_t pending = count;
    blockOn(worker, object(0));
    startRound(worker, round);
    barrier.arrive();
    while (pending > 0) {
        if (worker.shouldStop())
            return Result::Stopped;
        const std::uint64_t cpuBefore = threadCpuNs();
        const int n = waitReadable();
        const int error = errno;
        addWaitCpu(threadCpuNs() - cpuBefore);
        errno = error;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return failure(worker, m_options.multiplexer, errno);
        // Only connections already served were reported: they were closed.
        if (m_ready.empty())
            return failure(worker, m_options.multiplexer, 0);
        recordAt(worker, monotonicNs(), EventKind::IoNotified, object(m_ready.front()), round);
        endWait();
        if (!resume(worker))
            return Result::Stopped;
        for (const std::size_t i : m_ready) {
            if (complete(i))
                continue;
            // One read per readiness: what stays is reported ready again by the next wait.
            const Call call = receiveOnce(i);
            if (call.bytes > 0) {
                if (moved(worker, i, std::size_t(call.bytes), call.startNs))
                    --pending;
            } else if (!call.empty() && !call.interrupted()) {
                return failure(worker, "recv", call.error);
            }
        }
        if (pending > 0) {
            for (std::size_t i = 0; i < count; ++i) {
                if (!complete(i)) {
                    blockOn(worker, object(i));
                    break;
                }
            }
        }
    }
    finishRound(worker);
    return Result::Received;
}

} // namespace conlab
