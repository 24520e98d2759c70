#include "IoReceiver.h"

#include "BlockingReceiver.h"
#include "IoUringReceiver.h"
#include "MultiplexingReceiver.h"
#include "NonBlockingReceiver.h"
#include "PosixAioReceiver.h"
#include "SignalDrivenReceiver.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/socket.h>

namespace conlab {

IoReceiver::IoReceiver(Model model, Options options)
    : m_options(std::move(options)), m_buffer(std::max<std::size_t>(m_options.payloadBytes, 1)),
      m_model(model), m_got(m_options.connections.size(), 0)
{
}

std::unique_ptr<IoReceiver> IoReceiver::create(Model model, Options options)
{
    switch (model) {
    case Model::Blocking:
        return std::make_unique<BlockingReceiver>(std::move(options));
    case Model::NonBlocking:
        return std::make_unique<NonBlockingReceiver>(std::move(options));
    case Model::Multiplexing:
        return std::make_unique<MultiplexingReceiver>(std::move(options));
    case Model::SignalDriven:
        return std::make_unique<SignalDrivenReceiver>(std::move(options));
    case Model::Async:
        if (options.ioUring && IoUringReceiver::available())
            return std::make_unique<IoUringReceiver>(std::move(options));
        return std::make_unique<PosixAioReceiver>(std::move(options));
    }
    return nullptr;
}

std::string IoReceiver::laneName(Model model, const Options &options)
{
    switch (model) {
    case Model::Blocking:
        return "blocking";
    case Model::NonBlocking:
        return "non-blocking";
    case Model::Multiplexing:
        return "multiplexing (" + options.multiplexer + ")";
    case Model::SignalDriven:
        return "signal-driven";
    case Model::Async:
        return options.ioUring && IoUringReceiver::available() ? "async (io_uring)"
                                                               : "async (POSIX AIO)";
    }
    return "?";
}

const char *IoReceiver::role(Model model)
{
    switch (model) {
    case Model::Blocking:
        return "blocking";
    case Model::NonBlocking:
        return "non-blocking";
    case Model::Multiplexing:
        return "multiplexing";
    case Model::SignalDriven:
        return "signal-driven";
    case Model::Async:
        return "async";
    }
    return "?";
}

std::uint64_t IoReceiver::threadCpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000ull + std::uint64_t(ts.tv_nsec);
}

void IoReceiver::startRound(WorkerContext &worker, std::uint32_t round)
{
    m_round = round;
    m_syscalls = 0;
    std::fill(m_got.begin(), m_got.end(), 0);
    m_waitEnded = false;
    m_waitCpu = 0;
    recordAt(worker, monotonicNs(), EventKind::IoWaitBegin, object(0), round);
}

bool IoReceiver::work(WorkerContext &worker, std::uint64_t ns)
{
    const bool held = worker.holdsCpu();
    const bool ok = worker.compute(ns);
    if (!held)
        m_floorNs = monotonicNs(); // compute() recorded Ready and Running
    return ok;
}

bool IoReceiver::resume(WorkerContext &worker)
{
    const bool ok = worker.compute(0);
    m_floorNs = monotonicNs();
    return ok;
}

void IoReceiver::blockOn(WorkerContext &worker, std::uint32_t objectId)
{
    worker.block(BlockReason::Io, objectId);
    m_floorNs = monotonicNs();
}

IoReceiver::Call IoReceiver::receiveOnce(std::size_t index)
{
    Call call;
    const std::size_t length = std::min(remaining(index), m_buffer.size());
    const std::uint64_t cpuBefore = threadCpuNs();
    call.startNs = monotonicNs();
    call.bytes = long(::recv(fd(index), m_buffer.data(), length, 0));
    call.error = call.bytes < 0 ? errno : 0;
    call.endNs = monotonicNs();
    call.cpuNs = threadCpuNs() - cpuBefore;
    ++m_syscalls;
    return call;
}

bool IoReceiver::moved(WorkerContext &worker, std::size_t index, std::size_t bytes,
                       std::uint64_t copyBeginNs)
{
    if (m_got[index] == 0)
        recordAt(worker, copyBeginNs, EventKind::IoCopyBegin, object(index), m_round);
    m_got[index] += bytes;
    if (!complete(index))
        return false;
    recordAt(worker, monotonicNs(), EventKind::IoCopyEnd, object(index), m_round,
             std::int64_t(m_got[index]));
    return true;
}

void IoReceiver::finishRound(WorkerContext &worker)
{
    recordAt(worker, monotonicNs(), EventKind::IoRoundDone, object(0), m_syscalls,
             std::int64_t(m_waitCpu));
}

void IoReceiver::recordAt(WorkerContext &worker, std::uint64_t timeNs, EventKind kind,
                          std::uint32_t objectId, std::uint32_t value, std::int64_t arg)
{
    m_floorNs = std::max(m_floorNs, timeNs);
    worker.recorder().recordAt(m_floorNs, kind, objectId, value, arg);
}

IoReceiver::Result IoReceiver::failure(WorkerContext &worker, const std::string &what, int error)
{
    if (worker.shouldStop())
        return Result::Stopped;
    m_error = what + (error ? std::string(": ") + std::strerror(error)
                            : std::string(": connection closed before the payload arrived"));
    return Result::Failed;
}

bool IoReceiver::setupFailed(const std::string &what)
{
    m_error = what + ": " + std::strerror(errno);
    return false;
}

} // namespace conlab
