#include "CoroutineTask.h"

#include "CoroutineLoop.h"
#include "WorkerContext.h"
#include "trace/Arena.h"
#include "trace/EventClock.h"

#include <boost/asio/async_result.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace conlab {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// The seam where a wait ends: the completion handler of the library's own operation runs on
// the loop once the timer expired or the descriptor was ready. It records the coroutine ready
// and queues the resumption behind whatever else the loop has to do; `convert` turns the
// operation's results into the value co_await gives (never an exception: a wait that a stop
// cut short is not an error of the lesson's).
template <class Handler, class Convert> struct QueueResumption
{
    CoroutineTask *task;
    Handler handler;
    Convert convert;

    template <class... Args> void operator()(const Args &...args)
    {
        task->becameReady();
        asio::post(task->loop().context(),
                   [handler = std::move(handler), value = convert(args...)]() mutable {
                       std::move(handler)(value);
                   });
    }
};

template <class Handler, class Convert>
QueueResumption<Handler, Convert> queueResumption(CoroutineTask *task, Handler handler,
                                                  Convert convert)
{
    return {task, std::move(handler), std::move(convert)};
}

// Starts the operation `start` with a completion handler that resumes the awaiting coroutine
// with one value of type T.
template <class T, class Start> auto suspendUntil(Start start)
{
    return asio::async_initiate<const asio::use_awaitable_t<> &, void(T)>(std::move(start),
                                                                          asio::use_awaitable);
}

} // namespace

struct CoroutineTask::Joiners
{
    std::vector<asio::steady_timer *> timers;
};

CoroutineTask::CoroutineTask(CoroutineLoop &loop, std::uint32_t lane, std::uint32_t index)
    : m_loop(loop), m_lane(lane), m_index(index), m_joiners(std::make_unique<Joiners>())
{
    if (lane == kNoLane)
        return;
    m_recorder.emplace(loop.arena().ring(lane), lane);
    m_recorder->record(EventKind::WorkerNew, 0, 0, 0, 2);
    m_recorder->record(EventKind::Ready);
}

CoroutineTask::~CoroutineTask() = default;

void CoroutineTask::began()
{
    m_loop.countSwitch();
    if (!m_recorder)
        return;
    // A coroutine has no OS identity of its own: it is named by the thread that runs it.
    m_recorder->record(EventKind::WorkerStarted, 0, std::uint32_t(getppid()),
                       std::uint32_t(syscall(SYS_gettid)), getpid());
    m_recorder->record(EventKind::Running);
}

void CoroutineTask::ended(ExitCause cause, std::int64_t arg)
{
    if (m_done)
        return;
    m_done = true;
    if (m_recorder) {
        m_recorder->record(EventKind::Terminated, std::uint16_t(cause), 0, 0, arg);
        // So that a join of the lane (main's, at the end of a design) returns.
        m_loop.thread().nestedLane(m_lane).exitRecordedElsewhere();
    }
    for (asio::steady_timer *timer : m_joiners->timers)
        timer->cancel();
    m_joiners->timers.clear();
}

void CoroutineTask::becameReady()
{
    if (!m_recorder)
        return;
    if (m_waitReason == BlockReason::Io)
        m_recorder->record(EventKind::IoNotified, 0, m_waitObject);
    m_recorder->record(EventKind::Ready);
}

void CoroutineTask::resumed()
{
    m_loop.countSwitch();
    if (m_recorder)
        m_recorder->record(EventKind::Running);
}

void CoroutineTask::suspend(BlockReason reason, std::uint32_t object)
{
    m_waitReason = reason;
    m_waitObject = object;
    if (m_recorder)
        m_recorder->record(EventKind::Blocked, std::uint16_t(reason), object);
}

asio::awaitable<bool> CoroutineTask::sleep(std::uint64_t ns)
{
    suspend(BlockReason::Sleep, 0);
    asio::steady_timer timer(m_loop.context(), std::chrono::nanoseconds(ns));
    co_await suspendUntil<int>([this, &timer](auto handler) {
        timer.async_wait(
            queueResumption(this, std::move(handler), [](const error_code &) { return 0; }));
    });
    resumed();
    co_return !m_loop.thread().shouldStop();
}

bool CoroutineTask::blockingSleep(std::uint64_t ns)
{
    // The coroutine never gives the loop back: the thread itself sleeps, recorded on its lane.
    suspend(BlockReason::Sleep, 0);
    const bool slept = m_loop.thread().sleep(ns);
    m_loop.thread().runFree();
    if (m_recorder) {
        const std::uint64_t now = EventClock::now();
        m_recorder->recordAt(now, EventKind::Ready);
        m_recorder->recordAt(now, EventKind::Running);
    }
    return slept;
}

bool CoroutineTask::compute(std::uint64_t ns)
{
    return m_loop.thread().busyFor(ns);
}

asio::awaitable<bool> CoroutineTask::yield()
{
    suspend(BlockReason::Switch, 0);
    co_await suspendUntil<int>([this](auto handler) {
        // Nothing to wait for: ready at once, behind everything already queued.
        asio::post(m_loop.context(), queueResumption(this, std::move(handler), [] { return 0; }));
    });
    resumed();
    co_return !m_loop.thread().shouldStop();
}

asio::awaitable<bool> CoroutineTask::join(CoroutineTask &other)
{
    if (other.done())
        co_return true;
    suspend(BlockReason::Join, other.lane() == kNoLane ? 0 : other.lane());
    // A timer that never expires, cancelled by `other` as it ends: Asio's way to wait for an
    // event on the loop.
    asio::steady_timer timer(m_loop.context(), asio::steady_timer::time_point::max());
    other.m_joiners->timers.push_back(&timer);
    co_await suspendUntil<int>([this, &timer](auto handler) {
        timer.async_wait(
            queueResumption(this, std::move(handler), [](const error_code &) { return 0; }));
    });
    resumed();
    co_return !m_loop.thread().shouldStop();
}

asio::awaitable<std::size_t> CoroutineTask::readSome(Descriptor &descriptor, char *data,
                                                     std::size_t size, std::uint32_t object)
{
    suspend(BlockReason::Io, object);
    m_loop.ioWaitBegan();
    const std::size_t read = co_await suspendUntil<std::size_t>([this, &descriptor, data,
                                                                 size](auto handler) {
        descriptor.async_read_some(asio::buffer(data, size),
                                   queueResumption(this, std::move(handler),
                                                   [](const error_code &error, std::size_t bytes) {
                                                       return error ? std::size_t(0) : bytes;
                                                   }));
    });
    m_loop.ioWaitEnded();
    resumed();
    co_return m_loop.thread().shouldStop() ? 0 : read;
}

asio::awaitable<bool> CoroutineTask::waitReadable(Descriptor &descriptor, std::uint32_t object)
{
    suspend(BlockReason::Io, object);
    m_loop.ioWaitBegan();
    const bool ready = co_await suspendUntil<bool>([this, &descriptor](auto handler) {
        descriptor.async_wait(asio::posix::descriptor_base::wait_read,
                              queueResumption(this, std::move(handler),
                                              [](const error_code &error) { return !error; }));
    });
    m_loop.ioWaitEnded();
    resumed();
    co_return ready && !m_loop.thread().shouldStop();
}

asio::awaitable<bool> CoroutineTask::writeAll(Descriptor &descriptor, const char *data,
                                              std::size_t size, std::uint32_t object)
{
    suspend(BlockReason::Io, object);
    m_loop.ioWaitBegan();
    const bool written = co_await suspendUntil<bool>([this, &descriptor, data, size](auto handler) {
        asio::async_write(descriptor, asio::buffer(data, size),
                          queueResumption(this, std::move(handler),
                                          [size](const error_code &error, std::size_t bytes) {
                                              return !error && bytes == size;
                                          }));
    });
    m_loop.ioWaitEnded();
    resumed();
    co_return written && !m_loop.thread().shouldStop();
}

} // namespace conlab
