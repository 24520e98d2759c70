#include "LoadClient.h"

#include "IoLane.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace conlab {

namespace {

constexpr int kMaxEvents = 256;
constexpr int kReadsPerEvent = 8;
constexpr std::size_t kReadBytes = 16384;
constexpr std::uint64_t kTimerKey = ~std::uint64_t(0);

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t seedOf(std::uint32_t connection, std::uint64_t seq)
{
    return mix((std::uint64_t(connection) << 40) ^ seq);
}

// Bytes [offset, offset + size) of the message with `seed`.
void fill(std::uint64_t seed, std::size_t offset, char *out, std::size_t size)
{
    std::size_t i = 0;
    while (i < size) {
        const std::size_t at = offset + i;
        const std::uint64_t word = mix(seed + at / 8);
        for (std::size_t k = at % 8; k < 8 && i < size; ++k, ++i)
            out[i] = char(word >> (k * 8));
    }
}

} // namespace

LoadClient::LoadClient(Options options)
    : m_options(options), m_out(std::max<std::size_t>(options.messageBytes, 1)),
      m_in(2 * kReadBytes)
{
}

LoadClient::~LoadClient()
{
    closeAll();
}

void LoadClient::closeAll()
{
    for (Connection &connection : m_connections) {
        if (connection.fd >= 0)
            ::close(connection.fd);
        connection.fd = -1;
        connection.open = false;
    }
    if (m_timer >= 0)
        ::close(m_timer);
    if (m_epoll >= 0)
        ::close(m_epoll);
    m_timer = m_epoll = -1;
}

bool LoadClient::watch(Connection &connection, std::uint32_t events, int op)
{
    epoll_event event{};
    event.events = events;
    event.data.u64 = std::uint64_t(&connection - m_connections.data());
    return epoll_ctl(m_epoll, op, connection.fd, &event) == 0;
}

void LoadClient::armTimer(std::uint64_t atNs)
{
    if (atNs == m_timerAt)
        return;
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(atNs / 1'000'000'000ull);
    spec.it_value.tv_nsec = long(atNs % 1'000'000'000ull);
    timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
    m_timerAt = atNs;
}

int LoadClient::waitEvents(IoLane &lane, epoll_event *events)
{
    const int n = lane.waitReady(
        [&](int timeoutMs) { return epoll_wait(m_epoll, events, kMaxEvents, timeoutMs); });
    if (n == 0)
        m_result.stopped = true;
    else if (n < 0)
        m_result.error = std::string("epoll_wait: ") + std::strerror(errno);
    return n;
}

void LoadClient::consumeTimer()
{
    std::uint64_t expirations = 0;
    if (::read(m_timer, &expirations, sizeof expirations) > 0)
        m_timerAt = 0;
}

bool LoadClient::setUp()
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    // Think times and the window's end wake the thread through the same epoll set as the
    // replies do, so each of its waits is ended by a descriptor becoming ready.
    m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = kTimerKey;
    if (m_epoll < 0 || m_timer < 0 || epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &event) != 0) {
        m_result.error = std::string("epoll or timerfd: ") + std::strerror(errno);
        return false;
    }
    m_connections.resize(m_options.connections);
    return true;
}

bool LoadClient::connectAll(IoLane &lane)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(m_options.port);
    std::size_t pending = 0;
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        Connection &connection = m_connections[i];
        connection.id = m_options.firstConnection + std::uint32_t(i);
        connection.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (connection.fd < 0) {
            m_result.error = std::string("socket: ") + std::strerror(errno);
            ++m_result.connectFailures;
            continue;
        }
        const int one = 1;
        setsockopt(connection.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(connection.fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
            connection.open = true;
        } else if (errno == EINPROGRESS) {
            connection.connecting = true;
            ++pending;
        } else {
            m_result.error = std::string("connect: ") + std::strerror(errno);
            ++m_result.connectFailures;
            ::close(connection.fd);
            connection.fd = -1;
            continue;
        }
        watch(connection, connection.connecting ? EPOLLOUT : EPOLLIN, EPOLL_CTL_ADD);
    }
    const std::uint64_t deadline = monotonicNs() + kConnectNs;
    armTimer(deadline);
    epoll_event events[kMaxEvents];
    while (pending > 0) {
        const int n = waitEvents(lane, events);
        if (n <= 0)
            return false;
        for (int e = 0; e < n; ++e) {
            if (events[e].data.u64 == kTimerKey) {
                consumeTimer();
                if (monotonicNs() < deadline)
                    continue;
                for (Connection &connection : m_connections) {
                    if (!connection.connecting)
                        continue;
                    connection.connecting = false;
                    ++m_result.connectFailures;
                    m_result.error = "connect: timed out";
                    ::close(connection.fd);
                    connection.fd = -1;
                }
                pending = 0;
                continue;
            }
            Connection &connection = m_connections[events[e].data.u64];
            if (!connection.connecting)
                continue;
            connection.connecting = false;
            --pending;
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error == 0 && watch(connection, EPOLLIN, EPOLL_CTL_MOD)) {
                connection.open = true;
                continue;
            }
            m_result.error = std::string("connect: ") + std::strerror(error ? error : errno);
            ++m_result.connectFailures;
            ::close(connection.fd);
            connection.fd = -1;
        }
    }
    return true;
}

void LoadClient::lose(Connection &connection)
{
    if (connection.outstanding) {
        connection.outstanding = false;
        --m_outstanding;
        // A stop shuts the server's sockets down: that reply was not lost, the run ended.
        if (!(m_context && m_context->shouldStop()))
            ++m_result.missing;
    }
    if (connection.fd >= 0)
        ::close(connection.fd); // also leaves the epoll set
    connection.fd = -1;
    connection.open = false;
}

void LoadClient::start(Connection &connection)
{
    if (!connection.open || connection.seq >= kMaxMessages)
        return;
    ++connection.seq;
    connection.seed = seedOf(connection.id, connection.seq);
    connection.sent = connection.got = 0;
    connection.wrong = false;
    connection.outstanding = true;
    connection.sentAtNs = monotonicNs();
    ++m_outstanding;
    ++m_result.sent;
    sendMore(connection);
}

void LoadClient::sendMore(Connection &connection)
{
    const std::size_t size = m_options.messageBytes;
    while (connection.sent < size) {
        const std::size_t rest = size - connection.sent;
        fill(connection.seed, connection.sent, m_out.data(), rest);
        const ssize_t n = ::send(connection.fd, m_out.data(), rest, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            connection.sent += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!connection.wantsOutput)
                watch(connection, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
            connection.wantsOutput = true;
            return;
        }
        lose(connection);
        return;
    }
    if (connection.wantsOutput)
        watch(connection, EPOLLIN, EPOLL_CTL_MOD);
    connection.wantsOutput = false;
}

void LoadClient::complete(Connection &connection)
{
    // Stamped here, not at the wake-up: one wake-up may read a reply, send the next message
    // and read its reply too.
    const std::uint64_t now = monotonicNs();
    connection.outstanding = false;
    --m_outstanding;
    if (connection.wrong) {
        ++m_result.wrong;
    } else {
        ++m_result.replies;
        if (now <= m_deadline)
            ++m_result.repliesInWindow;
        m_result.latency.record(now - connection.sentAtNs);
    }
    if (now >= m_deadline)
        return;
    if (m_options.thinkNs == 0)
        start(connection);
    else // all think alike, so the queue stays in due order
        m_thinking.emplace_back(now + m_options.thinkNs,
                                std::size_t(&connection - m_connections.data()));
}

void LoadClient::check(Connection &connection, const char *data, std::size_t size)
{
    const std::size_t message = m_options.messageBytes;
    char expected[1024];
    for (std::size_t at = 0; at < size;) {
        if (!connection.outstanding) {
            ++m_result.wrong; // bytes no message asked for
            return;
        }
        const std::size_t chunk = std::min({message - connection.got, size - at, sizeof expected});
        fill(connection.seed, connection.got, expected, chunk);
        if (std::memcmp(expected, data + at, chunk) != 0)
            connection.wrong = true;
        connection.got += chunk;
        at += chunk;
        if (connection.got == message)
            complete(connection);
    }
}

void LoadClient::readReplies(Connection &connection)
{
    for (int reads = 0; reads < kReadsPerEvent && connection.open; ++reads) {
        const ssize_t n = ::recv(connection.fd, m_in.data(), m_in.size(), MSG_DONTWAIT);
        if (n > 0) {
            check(connection, m_in.data(), std::size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        lose(connection); // closed by the server, or failed
        return;
    }
}

bool LoadClient::load(IoLane &lane)
{
    std::uint64_t now = monotonicNs();
    m_result.windowStartNs = now;
    m_deadline = m_result.windowEndNs = now + m_options.durationNs;
    const std::uint64_t drainEnd = m_deadline + kDrainNs;
    if (m_options.windowStart) {
        std::uint64_t unset = 0;
        m_options.windowStart->compare_exchange_strong(unset, now);
    }
    for (Connection &connection : m_connections)
        start(connection);
    epoll_event events[kMaxEvents];
    for (;;) {
        now = monotonicNs();
        while (!m_thinking.empty() && m_thinking.front().first <= now) {
            const std::size_t index = m_thinking.front().second;
            m_thinking.pop_front();
            if (now < m_deadline)
                start(m_connections[index]);
        }
        if (now >= m_deadline && m_outstanding == 0)
            return true;
        if (now >= drainEnd) {
            m_result.missing += m_outstanding;
            m_outstanding = 0;
            return true;
        }
        std::uint64_t next = now < m_deadline ? m_deadline : drainEnd;
        if (!m_thinking.empty())
            next = std::min(next, m_thinking.front().first);
        armTimer(next);
        const int n = waitEvents(lane, events);
        if (n <= 0)
            return false;
        for (int e = 0; e < n; ++e) {
            if (events[e].data.u64 == kTimerKey) {
                consumeTimer();
                continue;
            }
            Connection &connection = m_connections[events[e].data.u64];
            if (!connection.open)
                continue;
            if ((events[e].events & EPOLLOUT) && connection.wantsOutput)
                sendMore(connection);
            if (connection.open && (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                readReplies(connection);
        }
    }
}

bool LoadClient::run(WorkerContext &context)
{
    m_context = &context;
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    if (!ok)
        m_result.stopped = true;
    ok = ok && setUp() && connectAll(lane) && load(lane);
    closeAll();
    return ok;
}

} // namespace conlab
