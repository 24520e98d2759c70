#include "IoUringServer.h"

#include "IoLane.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef CONLAB_HAVE_LIBURING
#include <liburing.h>
#endif

namespace conlab {

struct IoUringServer::Connection
{
    int fd = -1;
    std::vector<char> buffer;
    std::size_t length = 0; // bytes received, being echoed
    std::size_t sent = 0;
};

#ifdef CONLAB_HAVE_LIBURING

namespace {
// user_data: the operation in the top byte, the connection's index below.
enum Op : std::uint64_t { kAccept = 1, kRecv = 2, kSend = 3, kStop = 4, kCancel = 5 };
constexpr unsigned kEntries = 1024;
constexpr unsigned kBatch = 64;
constexpr std::uint64_t kDrainNs = 2'000'000'000;

std::uint64_t tag(Op op, std::size_t index)
{
    return (std::uint64_t(op) << 56) | std::uint64_t(index);
}

// A free submission entry; a full queue is submitted first rather than an operation dropped.
io_uring_sqe *nextSqe(io_uring &ring)
{
    io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    if (!sqe) {
        io_uring_submit(&ring);
        sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
}
} // namespace

struct IoUringServer::Ring
{
    io_uring ring{};
    bool ready = false;
};

IoUringServer::IoUringServer(Options options)
    : EchoServer(Design::IoUring, options), m_ring(std::make_unique<Ring>())
{
}

IoUringServer::~IoUringServer()
{
    if (m_ring->ready) {
        drain();
        io_uring_queue_exit(&m_ring->ring);
    }
    for (const auto &connection : m_connections)
        if (connection)
            ::close(connection->fd);
}

bool IoUringServer::available(std::string *why)
{
    static const int result = [] {
        io_uring ring;
        const int rc = io_uring_queue_init(2, &ring, 0);
        if (rc == 0)
            io_uring_queue_exit(&ring);
        return rc;
    }();
    if (result != 0 && why)
        *why = std::string("io_uring_queue_init: ") + std::strerror(-result);
    return result == 0;
}

bool IoUringServer::submitAccept()
{
    io_uring_sqe *sqe = nextSqe(m_ring->ring);
    if (!sqe)
        return false;
    io_uring_prep_accept(sqe, m_options.listener, nullptr, nullptr, SOCK_CLOEXEC);
    io_uring_sqe_set_data64(sqe, tag(kAccept, 0));
    ++m_inFlight;
    m_accepting = true;
    return true;
}

bool IoUringServer::submitRecv(std::size_t index)
{
    Connection &connection = *m_connections[index];
    io_uring_sqe *sqe = nextSqe(m_ring->ring);
    if (!sqe)
        return false;
    io_uring_prep_recv(sqe, connection.fd, connection.buffer.data(), connection.buffer.size(), 0);
    io_uring_sqe_set_data64(sqe, tag(kRecv, index));
    ++m_inFlight;
    return true;
}

bool IoUringServer::submitSend(std::size_t index)
{
    Connection &connection = *m_connections[index];
    io_uring_sqe *sqe = nextSqe(m_ring->ring);
    if (!sqe)
        return false;
    io_uring_prep_send(sqe, connection.fd, connection.buffer.data() + connection.sent,
                       connection.length - connection.sent, MSG_NOSIGNAL);
    io_uring_sqe_set_data64(sqe, tag(kSend, index));
    ++m_inFlight;
    return true;
}

void IoUringServer::closeConnection(std::size_t index)
{
    if (!m_connections[index])
        return;
    ::close(m_connections[index]->fd);
    m_connections[index].reset();
}

void IoUringServer::drain()
{
    if (m_accepting || m_stopPolled) {
        io_uring_sqe *sqe = nextSqe(m_ring->ring);
        if (sqe) {
            // Every request on the listener and the eventfd: the accept and the stop poll.
            io_uring_prep_cancel_fd(sqe, m_options.listener, 0);
            io_uring_sqe_set_data64(sqe, tag(kCancel, 0));
            ++m_inFlight;
        }
        sqe = nextSqe(m_ring->ring);
        if (sqe) {
            io_uring_prep_cancel_fd(sqe, stopFd(), 0);
            io_uring_sqe_set_data64(sqe, tag(kCancel, 0));
            ++m_inFlight;
        }
    }
    // A recv in flight completes with 0 once its socket is shut down, a send with an error.
    for (const auto &connection : m_connections)
        if (connection)
            ::shutdown(connection->fd, SHUT_RDWR);
    io_uring_submit(&m_ring->ring);
    const std::uint64_t deadline = monotonicNs() + kDrainNs;
    while (m_inFlight > 0 && monotonicNs() < deadline) {
        io_uring_cqe *cqe = nullptr;
        __kernel_timespec timeout = {0, 20'000'000};
        if (io_uring_wait_cqe_timeout(&m_ring->ring, &cqe, &timeout) != 0 || !cqe)
            continue;
        io_uring_cqe_seen(&m_ring->ring, cqe);
        --m_inFlight;
    }
    m_accepting = m_stopPolled = false;
    if (m_inFlight > 0) {
        // The kernel still holds requests on our buffers: keep the buffers (leak them) rather
        // than let it write into freed memory.
        for (auto &connection : m_connections)
            if (connection)
                connection.release();
        fail("io_uring requests outlived the drain", ETIMEDOUT);
    }
}

bool IoUringServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    const int rc = ok ? io_uring_queue_init(kEntries, &m_ring->ring, 0) : 0;
    if (rc != 0) {
        fail("io_uring_queue_init", -rc);
        return false;
    }
    if (!ok)
        return false;
    m_ring->ready = true;
    m_workers.store(1);
    io_uring_sqe *sqe = nextSqe(m_ring->ring);
    io_uring_prep_poll_add(sqe, stopFd(), POLLIN);
    io_uring_sqe_set_data64(sqe, tag(kStop, 0));
    ++m_inFlight;
    m_stopPolled = true;
    submitAccept();
    bool serving = true;
    while (serving && !stopRequested()) {
        const int submitted = io_uring_submit(&m_ring->ring);
        if (submitted < 0 && submitted != -EINTR && submitted != -EBUSY) {
            fail("io_uring_submit", -submitted);
            ok = false;
            break;
        }
        io_uring_cqe *first = nullptr;
        const int ready = lane.waitReady([&](int timeoutMs) {
            if (timeoutMs == 0)
                return io_uring_peek_cqe(&m_ring->ring, &first) == 0 && first ? 1 : 0;
            __kernel_timespec timeout = {0, long(timeoutMs) * 1'000'000};
            const int waited = io_uring_wait_cqe_timeout(&m_ring->ring, &first, &timeout);
            if (waited == -ETIME || waited == -EINTR)
                return 0;
            if (waited < 0) {
                errno = -waited;
                return -1;
            }
            return first ? 1 : 0;
        });
        if (ready == 0)
            break;
        if (ready < 0) {
            fail("io_uring_wait_cqe", errno);
            ok = false;
            break;
        }
        io_uring_cqe *cqes[kBatch];
        const unsigned count = io_uring_peek_batch_cqe(&m_ring->ring, cqes, kBatch);
        for (unsigned i = 0; i < count; ++i) {
            const std::uint64_t data = io_uring_cqe_get_data64(cqes[i]);
            const int result = cqes[i]->res;
            const auto op = Op(data >> 56);
            const std::size_t index = std::size_t(data & ((std::uint64_t(1) << 56) - 1));
            io_uring_cqe_seen(&m_ring->ring, cqes[i]);
            --m_inFlight;
            if (op == kStop) {
                m_stopPolled = false;
                serving = false;
            } else if (op == kAccept) {
                m_accepting = false;
                if (result >= 0) {
                    setNoDelay(result);
                    auto connection = std::make_unique<Connection>();
                    connection->fd = result;
                    connection->buffer.resize(kBufferBytes);
                    m_connections.push_back(std::move(connection));
                    submitRecv(m_connections.size() - 1);
                } else if (result != -EINTR && result != -EAGAIN && result != -ECONNABORTED) {
                    fail("io_uring accept", -result);
                    ok = serving = false;
                    continue;
                }
                submitAccept();
            } else if (op == kRecv && m_connections[index]) {
                if (result <= 0) {
                    closeConnection(index); // end of stream, or an error
                    continue;
                }
                m_connections[index]->length = std::size_t(result);
                m_connections[index]->sent = 0;
                submitSend(index);
            } else if (op == kSend && m_connections[index]) {
                if (result <= 0) {
                    closeConnection(index);
                    continue;
                }
                Connection &connection = *m_connections[index];
                connection.sent += std::size_t(result);
                if (connection.sent < connection.length)
                    submitSend(index); // the rest of a partial send
                else
                    submitRecv(index);
            }
        }
    }
    drain();
    for (std::size_t index = 0; index < m_connections.size(); ++index)
        closeConnection(index);
    return ok;
}

#else // built without liburing

struct IoUringServer::Ring
{
};

IoUringServer::IoUringServer(Options options)
    : EchoServer(Design::IoUring, options), m_ring(std::make_unique<Ring>())
{
}

IoUringServer::~IoUringServer() = default;

bool IoUringServer::available(std::string *why)
{
    if (why)
        *why = "this build has no liburing (install liburing-dev and rebuild)";
    return false;
}

bool IoUringServer::run(WorkerContext &)
{
    fail("io_uring", ENOSYS);
    return false;
}

#endif

} // namespace conlab
