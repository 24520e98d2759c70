#include "CoroutineLoop.h"

#include "WorkerContext.h"

#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <exception>

namespace conlab {

namespace asio = boost::asio;

namespace {
// How long the loop waits in the kernel before it looks at the run's stop flag again.
constexpr auto kStopCheck = std::chrono::milliseconds(20);
} // namespace

CoroutineLoop::CoroutineLoop(WorkerContext &thread, Arena &arena) : m_thread(thread), m_arena(arena)
{
}

CoroutineLoop::~CoroutineLoop() = default;

CoroutineTask &CoroutineLoop::spawn(std::uint32_t lane, Body body)
{
    m_tasks.push_back(std::make_unique<CoroutineTask>(*this, lane, std::uint32_t(m_tasks.size())));
    CoroutineTask &task = *m_tasks.back();
    ++m_live;
    asio::co_spawn(m_context, enter(task, std::move(body)),
                   [this, &task](std::exception_ptr error) {
                       if (error) {
                           ++m_failures;
                           task.ended(ExitCause::Failed, -1);
                       }
                       --m_live;
                   });
    return task;
}

asio::awaitable<void> CoroutineLoop::enter(CoroutineTask &task, Body body)
{
    task.began();
    co_await body(task);
    task.ended(m_thread.shouldStop() ? m_thread.stopCause() : ExitCause::Normal);
}

bool CoroutineLoop::run()
{
    m_thread.runFree();
    bool waiting = false;
    BlockReason waitReason = BlockReason::Sleep;
    while (m_live > 0 && !m_context.stopped()) {
        if (m_thread.shouldStop())
            break;
        if (!waiting && m_context.poll_one() > 0)
            continue;
        if (m_live == 0)
            break;
        // Nothing is queued: the loop waits in the kernel (epoll) for a timer or a descriptor.
        if (!waiting) {
            waitReason = m_ioWaits > 0 ? BlockReason::Io : BlockReason::Sleep;
            m_thread.block(waitReason, m_waitObject);
            waiting = true;
        }
        if (m_context.run_one_for(kStopCheck) > 0) {
            // epoll_wait returned: a descriptor or the timer is ready.
            if (waitReason == BlockReason::Io)
                m_thread.recorder().record(EventKind::IoNotified);
            waiting = false;
            m_thread.runFree();
        }
    }
    if (waiting)
        m_thread.runFree();
    if (m_live == 0)
        return !m_thread.shouldStop();
    const ExitCause cause = m_thread.shouldStop() ? m_thread.stopCause() : ExitCause::Failed;
    for (const auto &task : m_tasks)
        task->ended(cause);
    return false;
}

} // namespace conlab
