#include "PosixAioReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace conlab {

namespace {
constexpr int kDrainTries = 40;
} // namespace

bool PosixAioReceiver::begin(WorkerContext &worker)
{
    return resume(worker);
}

bool PosixAioReceiver::submit()
{
    m_request = {};
    m_request.aio_fildes = fd(0);
    m_request.aio_buf = m_buffer.data();
    m_request.aio_nbytes = std::min(remaining(0), m_buffer.size());
    m_request.aio_sigevent.sigev_notify = SIGEV_NONE;
    ++m_syscalls; // a request handed over, as one call
    const std::uint64_t cpuBefore = threadCpuNs();
    const int rc = aio_read(&m_request);
    const int error = errno;
    addWaitCpu(threadCpuNs() - cpuBefore);
    errno = error;
    if (rc != 0)
        return false;
    m_inFlight = true;
    return true;
}

IoReceiver::Result PosixAioReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                             RoundBarrier &barrier)
{
    startRound(worker, round);
    if (!submit())
        return failure(worker, "aio_read", errno);
    barrier.arrive();
    for (;;) {
        // aio_error() reads the request's status; it makes no system call.
        const int status = aio_error(&m_request);
        if (status == EINPROGRESS) {
            if (!work(worker, kWorkSliceNs))
                return Result::Stopped;
            continue;
        }
        const std::uint64_t seenNs = monotonicNs();
        const ssize_t result = aio_return(&m_request);
        m_inFlight = false;
        if (result <= 0)
            return failure(worker, "aio_read", result < 0 ? status : 0);
        recordAt(worker, seenNs, EventKind::IoNotified, object(0), round);
        endWait();
        if (moved(worker, 0, std::size_t(result), seenNs))
            break;
        if (!submit())
            return failure(worker, "aio_read", errno);
    }
    finishRound(worker);
    return Result::Received;
}

void PosixAioReceiver::end(WorkerContext &)
{
    if (!m_inFlight)
        return;
    // The helper thread is blocked in read(): shutting the socket down ends that read, and the
    // request must be finished before the buffer may go.
    ::shutdown(fd(0), SHUT_RDWR);
    for (int i = 0; i < kDrainTries && aio_error(&m_request) == EINPROGRESS; ++i) {
        const aiocb *list[] = {&m_request};
        const timespec timeout = {0, 50'000'000};
        aio_suspend(list, 1, &timeout);
    }
    if (aio_error(&m_request) != EINPROGRESS) {
        aio_return(&m_request);
        m_inFlight = false;
    }
}

} // namespace conlab
