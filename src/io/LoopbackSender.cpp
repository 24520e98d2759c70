#include "LoopbackSender.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

namespace conlab {

namespace {
constexpr std::uint64_t kWaitSliceNs = 20'000'000;
constexpr int kPollSliceMs = 50;

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}
} // namespace

LoopbackSender::LoopbackSender(std::vector<IoConnection> connections, std::size_t payloadBytes)
    : m_connections(std::move(connections)), m_payload(payloadBytes)
{
    for (std::size_t i = 0; i < m_payload.size(); ++i)
        m_payload[i] = char('a' + i % 26);
}

bool LoopbackSender::begin(WorkerContext &worker)
{
    for (const auto &connection : m_connections) {
        const int flags = fcntl(connection.fd, F_GETFL);
        if (flags < 0 || fcntl(connection.fd, F_SETFL, flags | O_NONBLOCK) != 0) {
            m_error = std::string("O_NONBLOCK: ") + std::strerror(errno);
            return false;
        }
    }
    return worker.compute(0);
}

LoopbackSender::Result LoopbackSender::failure(WorkerContext &worker, const std::string &what,
                                               int error)
{
    if (worker.shouldStop())
        return Result::Stopped;
    m_error = what + ": " + std::strerror(error);
    return Result::Failed;
}

LoopbackSender::Result LoopbackSender::sendRound(WorkerContext &worker, std::uint32_t round,
                                                 std::uint64_t delayNs, RoundBarrier &barrier)
{
    // One sleep on the lane: until every receiver waits, then the delay.
    worker.block(BlockReason::Sleep, 0);
    if (!barrier.waitForRound(worker, round)) {
        if (worker.shouldStop())
            return Result::Stopped;
        m_error = "a receiver failed";
        return Result::Failed;
    }
    const std::uint64_t due = monotonicNs() + delayNs;
    for (std::uint64_t now = monotonicNs(); now < due; now = monotonicNs()) {
        if (worker.shouldStop())
            return Result::Stopped;
        const std::uint64_t slice = std::min(due - now, kWaitSliceNs);
        const timespec ts = {time_t(slice / 1000000000ull), long(slice % 1000000000ull)};
        nanosleep(&ts, nullptr);
    }
    if (!worker.compute(0))
        return Result::Stopped;

    std::vector<std::size_t> sent(m_connections.size(), 0);
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        const std::uint64_t startNs = monotonicNs();
        const ssize_t n = ::send(m_connections[i].fd, m_payload.data(), m_payload.size(),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        const int error = errno;
        worker.recorder().recordAt(startNs, EventKind::IoSent, m_connections[i].object, round,
                                   std::int64_t(m_payload.size()));
        if (n > 0)
            sent[i] = std::size_t(n);
        else if (n < 0 && !wouldBlock(error))
            return failure(worker, "send", error);
    }
    return writeRest(worker, sent);
}

LoopbackSender::Result LoopbackSender::writeRest(WorkerContext &worker,
                                                 std::vector<std::size_t> &sent)
{
    std::vector<pollfd> fds;
    std::vector<std::size_t> index;
    bool blocked = false;
    for (;;) {
        if (worker.shouldStop())
            return Result::Stopped;
        fds.clear();
        index.clear();
        for (std::size_t i = 0; i < m_connections.size(); ++i) {
            if (sent[i] < m_payload.size()) {
                fds.push_back({m_connections[i].fd, POLLOUT, 0});
                index.push_back(i);
            }
        }
        if (fds.empty())
            return Result::Sent;
        int n = ::poll(fds.data(), nfds_t(fds.size()), 0);
        if (n == 0) {
            // Every remaining reader is behind: wait for room, as Blocked on IO.
            if (!blocked)
                worker.block(BlockReason::Io, m_connections[index.front()].object);
            blocked = true;
            n = ::poll(fds.data(), nfds_t(fds.size()), kPollSliceMs);
            if (n == 0)
                continue;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failure(worker, "poll", errno);
        }
        for (std::size_t k = 0; k < fds.size(); ++k) {
            if (fds[k].revents == 0)
                continue;
            const std::size_t i = index[k];
            if (blocked) {
                worker.recorder().record(EventKind::IoNotified, 0, m_connections[i].object);
                if (!worker.compute(0))
                    return Result::Stopped;
                blocked = false;
            }
            const ssize_t written = ::send(m_connections[i].fd, m_payload.data() + sent[i],
                                           m_payload.size() - sent[i], MSG_DONTWAIT | MSG_NOSIGNAL);
            if (written > 0)
                sent[i] += std::size_t(written);
            else if (written < 0 && !wouldBlock(errno))
                return failure(worker, "send", errno);
        }
    }
}

} // namespace conlab
