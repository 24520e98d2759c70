#include "PipeScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace conlab {

// What writers and the reader share across processes: what the reader found, and the size
// the kernel granted.
class PipeBoard
{
public:
    std::atomic<std::int64_t> torn{0};
    std::atomic<std::int64_t> capacity{0};
};

namespace {
constexpr int kPollSliceMs = 20;
constexpr std::size_t kReadChunk = 64 * 1024;

} // namespace

std::uint32_t PipeScenario::bytesInPipe() const
{
    // The kernel's own count at this instant, not a tally of ours that a concurrent read or
    // write could leave behind.
    int bytes = 0;
    return ioctl(m_readFd, FIONREAD, &bytes) == 0 && bytes > 0 ? std::uint32_t(bytes) : 0;
}

PipeScenario::~PipeScenario()
{
    for (const int fd : {m_writeFd, m_readFd})
        if (fd >= 0)
            close(fd);
}

Scenario::Info PipeScenario::info() const
{
    return {"pipe", "A pipe between two processes", 3, "Communication"};
}

std::vector<ParameterSpec> PipeScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("kind", "Workers are", {"process", "thread"}, {"processes", "threads"},
                  "Forked processes that inherit the pipe's two ends, or threads sharing them."),
        P::integer("writers", "Writers", "", 1, 8, 1, "How many workers write into the pipe."),
        P::integer("message", "Message size", "bytes", 1, 262144, 4096,
                   "Bytes in one message. Up to PIPE_BUF (4096 on Linux) a write is atomic."),
        P::integer("messages", "Messages per writer", "", 1, 500, 40,
                   "How many messages each writer writes."),
        P::integer("gap", "Gap between messages", "ms", 0, 5000, 20,
                   "How long a writer waits after each message."),
        P::integer("reader-delay", "Reader starts after", "ms", 0, 10000, 500,
                   "How long the reader waits before its first read."),
        P::integer("capacity", "Pipe capacity", "bytes", 4096, 1048576, 65536,
                   "The pipe's buffer (F_SETPIPE_SZ; the kernel rounds it up to a power-of-two "
                   "number of pages)."),
        P::choice("lock", "Lock around each message", {"off", "on"}, {"off", "on"},
                  "on: a writer holds a lock while it writes one message, so no other writer's "
                  "bytes can land inside it."),
        P::choice("duplex", "Duplex", {"off", "on"}, {"off", "on"},
                  "on: a socketpair instead of a pipe, and the reader answers each message with "
                  "a one-byte acknowledgement that the writer waits for (one writer only)."),
        timeScaleParameter(),
    };
}

std::string PipeScenario::checkParameters(const ParameterSet &values) const
{
    if (values.text("duplex") == "on" && values.integer("writers") > 1)
        return "writers: '" + values.text("writers") +
               "' is out of range with duplex=on; expected 1 (the reader's answers go back "
               "through the one socket)";
    return {};
}

bool PipeScenario::workersAreProcesses(const ParameterSet &values) const
{
    return values.text("kind") == "process";
}

TraceMeta PipeScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto writers = std::uint32_t(values.integer("writers"));
    for (std::uint32_t i = 1; i <= writers; ++i)
        meta.workers.push_back({i, "writer", "writer-" + std::to_string(i)});
    meta.workers.push_back({writers + 1, "reader", "reader"});
    meta.objects.push_back({kPipeId, "pipe", values.integer("capacity"),
                            values.text("duplex") == "on" ? "socketpair" : "pipe"});
    if (values.text("lock") == "on")
        meta.objects.push_back({kLockId, "lock", 0, "write lock"});
    return meta;
}

bool PipeScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_processes = workersAreProcesses(values);
    m_lock = values.text("lock") == "on";
    m_duplex = values.text("duplex") == "on";
    m_writers = std::uint32_t(values.integer("writers"));
    m_messages = std::uint32_t(values.integer("messages"));
    m_messageBytes = std::uint32_t(values.integer("message"));
    m_gapNs = std::uint64_t(values.real("gap") * scale);
    m_readerDelayNs = std::uint64_t(values.real("reader-delay") * scale);
    m_writeLock = arena.make<InstrumentedMutex>(kLockId, InstrumentedMutex::Kind::Plain);
    m_board = arena.make<PipeBoard>();
    if (!m_writeLock || !m_board)
        return false;
    // Both ends non-blocking: a full or empty pipe is then seen, recorded as blocked, and
    // waited out in poll(), rather than hidden inside a blocking call.
    int fds[2];
    if (m_duplex) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) != 0)
            return false;
        const int size = int(values.integer("capacity"));
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        m_board->capacity.store(size);
    } else {
        if (pipe2(fds, O_NONBLOCK) != 0)
            return false;
        const int granted = fcntl(fds[1], F_SETPIPE_SZ, int(values.integer("capacity")));
        m_board->capacity.store(granted > 0 ? granted : fcntl(fds[1], F_GETPIPE_SZ));
        std::swap(fds[0], fds[1]); // pipe2 gives {read, write}
    }
    m_writeFd = fds[0];
    m_readFd = fds[1];
    return true;
}

bool PipeScenario::writeAll(WorkerContext &worker, const std::vector<char> &message)
{
    std::size_t written = 0;
    bool blocked = false;
    while (written < message.size()) {
        const ssize_t n = write(m_writeFd, message.data() + written, message.size() - written);
        if (n > 0) {
            written += std::size_t(n);
            worker.recorder().record(EventKind::PipeWrite, 0, kPipeId, bytesInPipe(), n);
            if (blocked && !worker.runFree())
                return false;
            blocked = false;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return false;
        if (worker.shouldStop())
            return false;
        if (!blocked) {
            worker.block(BlockReason::PipeFull, kPipeId);
            blocked = true;
        }
        pollfd wait{m_writeFd, POLLOUT, 0};
        poll(&wait, 1, kPollSliceMs);
    }
    return true;
}

void PipeScenario::runWriter(WorkerContext &worker)
{
    // Every byte of a message names its writer, so the reader can tell a torn one.
    const std::vector<char> message(m_messageBytes, char('0' + worker.id()));
    for (std::uint32_t i = 0; i < m_messages; ++i) {
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        if (m_lock && m_writeLock->lock(worker) != InstrumentedMutex::Result::Acquired)
            return worker.exit(worker.stopCause());
        if (m_lock && !worker.runFree())
            return worker.exit(worker.stopCause());
        const bool ok = writeAll(worker, message);
        if (m_lock)
            m_writeLock->unlock(worker);
        if (!ok)
            return worker.exit(worker.stopCause());
        if (m_duplex) {
            // Request and reply: wait for the reader's acknowledgement.
            char ack = 0;
            bool waiting = false;
            while (read(m_writeFd, &ack, 1) != 1) {
                if (worker.shouldStop())
                    return worker.exit(worker.stopCause());
                if (!waiting) {
                    worker.block(BlockReason::Io, kPipeId);
                    waiting = true;
                }
                pollfd wait{m_writeFd, POLLIN, 0};
                poll(&wait, 1, kPollSliceMs);
            }
            if (waiting) {
                worker.recorder().record(EventKind::IoNotified, 0, kPipeId);
                if (!worker.runFree())
                    return worker.exit(worker.stopCause());
            }
        }
        if (m_gapNs > 0 && !worker.sleep(m_gapNs))
            return worker.exit(worker.stopCause());
    }
    worker.exit(ExitCause::Normal);
}

void PipeScenario::runReader(WorkerContext &worker)
{
    if (m_readerDelayNs > 0 && !worker.sleep(m_readerDelayNs))
        return worker.exit(worker.stopCause());
    const std::uint64_t total = std::uint64_t(m_writers) * m_messages * m_messageBytes;
    std::vector<char> buffer(kReadChunk);
    std::uint64_t received = 0;
    // The message being assembled: which writer its first byte came from, and whether another
    // writer's bytes landed in it.
    std::uint64_t inMessage = 0;
    char owner = 0;
    bool torn = false;
    bool blocked = false;
    if (!worker.runFree())
        return worker.exit(worker.stopCause());
    while (received < total) {
        const ssize_t n = read(m_readFd, buffer.data(), buffer.size());
        if (n > 0) {
            received += std::uint64_t(n);
            worker.recorder().record(EventKind::PipeRead, 0, kPipeId, bytesInPipe(), n);
            if (blocked && !worker.runFree())
                return worker.exit(worker.stopCause());
            blocked = false;
            for (ssize_t i = 0; i < n; ++i) {
                if (inMessage == 0)
                    owner = buffer[std::size_t(i)];
                else if (buffer[std::size_t(i)] != owner)
                    torn = true;
                if (++inMessage == m_messageBytes) {
                    if (torn)
                        m_board->torn.fetch_add(1);
                    if (m_duplex) {
                        const char ack = 'k';
                        while (write(m_readFd, &ack, 1) != 1 && !worker.shouldStop()) {
                            pollfd wait{m_readFd, POLLOUT, 0};
                            poll(&wait, 1, kPollSliceMs);
                        }
                    }
                    inMessage = 0;
                    torn = false;
                }
            }
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return worker.exit(ExitCause::Failed, errno);
        if (worker.shouldStop())
            return worker.exit(worker.stopCause());
        if (!blocked) {
            worker.block(BlockReason::PipeEmpty, kPipeId);
            blocked = true;
        }
        pollfd wait{m_readFd, POLLIN, 0};
        poll(&wait, 1, kPollSliceMs);
    }
    worker.exit(ExitCause::Normal);
}

void PipeScenario::runWorker(WorkerContext &worker)
{
    if (worker.id() == readerId())
        runReader(worker);
    else
        runWriter(worker);
}

void PipeScenario::runMain(WorkerContext &main, RunServices &services)
{
    // Forked children inherit both ends of the pipe, as with os.pipe() and fork in Python.
    const StartMethod method = m_processes ? StartMethod::Fork : StartMethod::Thread;
    bool ok = true;
    for (std::uint32_t worker = 1; worker <= readerId() && ok; ++worker)
        ok = services.startWorker(worker, method);
    for (std::uint32_t worker = 1; worker <= readerId() && ok; ++worker)
        ok = main.join(worker);
    main.exit(ok && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
}

std::vector<std::pair<std::string, std::int64_t>> PipeScenario::figures(const Trace &trace) const
{
    std::int64_t written = 0;
    std::int64_t read = 0;
    std::int64_t most = 0;
    std::int64_t blockedNs = 0;
    std::vector<std::uint64_t> blockedSince(readerId() + 1, 0);
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::PipeWrite) {
            written += e.arg;
            most = std::max<std::int64_t>(most, e.value);
        } else if (e.kind == EventKind::PipeRead) {
            read += e.arg;
        }
        if (e.worker == 0 || e.worker >= readerId())
            continue;
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::PipeFull) {
            blockedSince[e.worker] = e.timeNs;
        } else if (blockedSince[e.worker] != 0 &&
                   (e.kind == EventKind::Ready || e.kind == EventKind::Terminated)) {
            blockedNs += std::int64_t(e.timeNs - blockedSince[e.worker]);
            blockedSince[e.worker] = 0;
        }
    }
    return {
        {"bytes_written", written},
        {"bytes_read", read},
        {"max_in_pipe", most},
        {"writer_blocked_ns", blockedNs},
        {"torn_messages", m_board ? m_board->torn.load() : -1},
        {"pipe_capacity", m_board ? m_board->capacity.load() : -1},
    };
}

} // namespace conlab
