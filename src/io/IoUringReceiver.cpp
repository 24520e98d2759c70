#include "IoUringReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

#ifdef CONLAB_HAVE_LIBURING
#include <liburing.h>
#endif

namespace conlab {

namespace {
constexpr int kDrainTries = 40;
} // namespace

#ifdef CONLAB_HAVE_LIBURING

struct IoUringReceiver::Ring
{
    io_uring ring{};
    bool ready = false;
};

IoUringReceiver::IoUringReceiver(Options options)
    : IoReceiver(Model::Async, std::move(options)), m_ring(std::make_unique<Ring>())
{
}

IoUringReceiver::~IoUringReceiver()
{
    if (m_ring->ready)
        io_uring_queue_exit(&m_ring->ring);
}

bool IoUringReceiver::available()
{
    // Containers often forbid io_uring (seccomp, io_uring_disabled): try it for real.
    static const bool works = [] {
        io_uring ring;
        if (io_uring_queue_init(2, &ring, 0) != 0)
            return false;
        io_uring_queue_exit(&ring);
        return true;
    }();
    return works;
}

bool IoUringReceiver::begin(WorkerContext &worker)
{
    const int rc = io_uring_queue_init(4, &m_ring->ring, 0);
    if (rc != 0) {
        errno = -rc;
        return setupFailed("io_uring_queue_init");
    }
    m_ring->ready = true;
    return resume(worker);
}

bool IoUringReceiver::submit(int *error)
{
    io_uring_sqe *sqe = io_uring_get_sqe(&m_ring->ring);
    if (!sqe) {
        *error = EBUSY;
        return false;
    }
    const std::size_t length = std::min(remaining(0), m_buffer.size());
    io_uring_prep_recv(sqe, fd(0), m_buffer.data(), length, 0);
    io_uring_sqe_set_data64(sqe, m_round);
    ++m_syscalls;
    const std::uint64_t cpuBefore = threadCpuNs();
    const int rc = io_uring_submit(&m_ring->ring);
    addWaitCpu(threadCpuNs() - cpuBefore);
    if (rc < 0) {
        *error = -rc;
        return false;
    }
    m_inFlight = true;
    return true;
}

IoReceiver::Result IoUringReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                            RoundBarrier &barrier)
{
    startRound(worker, round);
    int error = 0;
    // Submitted before the sender may send: the kernel holds the request while data is
    // awaited, and carries out the copy itself when it arrives.
    if (!submit(&error))
        return failure(worker, "io_uring_submit", error);
    barrier.arrive();
    for (;;) {
        io_uring_cqe *cqe = nullptr;
        if (io_uring_peek_cqe(&m_ring->ring, &cqe) != 0 || !cqe) {
            if (!work(worker, kWorkSliceNs))
                return Result::Stopped;
            continue;
        }
        const std::uint64_t seenNs = monotonicNs();
        const int result = cqe->res;
        io_uring_cqe_seen(&m_ring->ring, cqe);
        m_inFlight = false;
        if (result == -EINTR || result == -EAGAIN) {
            if (!submit(&error))
                return failure(worker, "io_uring_submit", error);
            continue;
        }
        if (result <= 0)
            return failure(worker, "io_uring recv", -result);
        recordAt(worker, seenNs, EventKind::IoNotified, object(0), round);
        endWait();
        // The bytes were copied before the completion was posted; the caller can only see
        // when it found the completion.
        if (moved(worker, 0, std::size_t(result), seenNs))
            break;
        if (!submit(&error))
            return failure(worker, "io_uring_submit", error);
    }
    finishRound(worker);
    return Result::Received;
}

void IoUringReceiver::end(WorkerContext &)
{
    if (!m_ring->ready)
        return;
    if (m_inFlight) {
        // A stop left a recv pending: end it (a shut-down socket completes it with 0) and
        // collect its completion, so the kernel no longer holds our buffer.
        ::shutdown(fd(0), SHUT_RDWR);
        for (int i = 0; i < kDrainTries && m_inFlight; ++i) {
            io_uring_cqe *cqe = nullptr;
            __kernel_timespec timeout = {0, 50'000'000};
            if (io_uring_wait_cqe_timeout(&m_ring->ring, &cqe, &timeout) == 0 && cqe) {
                io_uring_cqe_seen(&m_ring->ring, cqe);
                m_inFlight = false;
            }
        }
    }
    io_uring_queue_exit(&m_ring->ring);
    m_ring->ready = false;
}

#else // no liburing in this build

struct IoUringReceiver::Ring
{
};

IoUringReceiver::IoUringReceiver(Options options) : IoReceiver(Model::Async, std::move(options)) {}

IoUringReceiver::~IoUringReceiver() = default;

bool IoUringReceiver::available()
{
    return false;
}

bool IoUringReceiver::begin(WorkerContext &)
{
    errno = ENOSYS;
    return setupFailed("built without liburing");
}

bool IoUringReceiver::submit(int *error)
{
    *error = ENOSYS;
    return false;
}

IoReceiver::Result IoUringReceiver::receive(WorkerContext &worker, std::uint32_t, RoundBarrier &)
{
    return failure(worker, "built without liburing", ENOSYS);
}

void IoUringReceiver::end(WorkerContext &) {}

#endif

} // namespace conlab
