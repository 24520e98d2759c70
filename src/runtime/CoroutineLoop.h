#pragma once

#include "CoroutineTask.h"

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace conlab {

class Arena;
class WorkerContext;

// An event loop of coroutines on one OS thread, the thread that calls run(): Boost.Asio's
// io_context driving C++20 coroutines (co_spawn, awaitable). The thread's own lane records
// running while it runs a coroutine or the loop's bookkeeping, and blocked while the loop
// waits in the kernel for a timer or a descriptor: sleep when every suspended coroutine
// sleeps, IO wait as soon as one waits for a descriptor.
class CoroutineLoop
{
public:
    using Body = std::function<boost::asio::awaitable<void>(CoroutineTask &)>;

    // `thread` is the worker whose thread runs the loop; `arena` has the coroutines' rings.
    CoroutineLoop(WorkerContext &thread, Arena &arena);
    ~CoroutineLoop();
    CoroutineLoop(const CoroutineLoop &) = delete;
    CoroutineLoop &operator=(const CoroutineLoop &) = delete;

    boost::asio::io_context &context() { return m_context; }
    WorkerContext &thread() { return m_thread; }
    Arena &arena() { return m_arena; }

    // Creates a coroutine, recorded on `lane` (CoroutineTask::kNoLane for none: a run with
    // more coroutines than lanes), ready at once; it first runs once run() reaches it.
    CoroutineTask &spawn(std::uint32_t lane, Body body);
    // Runs the coroutines until every one has ended or the run stops (then the ones left end
    // "stopped"). False if the run stopped.
    bool run();

    // What the thread's lane names as the object of the loop's waits (0 by default).
    void setWaitObject(std::uint32_t object) { m_waitObject = object; }

    // Times the loop resumed a coroutine, the first start of each included.
    std::uint64_t switches() const { return m_switches; }
    std::uint64_t failures() const { return m_failures; }

    // For tasks: the bookkeeping of what the loop is waiting for.
    void countSwitch() { ++m_switches; }
    void ioWaitBegan() { ++m_ioWaits; }
    void ioWaitEnded() { --m_ioWaits; }

private:
    boost::asio::awaitable<void> enter(CoroutineTask &task, Body body);

    WorkerContext &m_thread;
    Arena &m_arena;
    boost::asio::io_context m_context{1};
    std::vector<std::unique_ptr<CoroutineTask>> m_tasks;
    std::uint32_t m_live = 0;
    std::uint64_t m_switches = 0;
    std::uint64_t m_failures = 0;
    int m_ioWaits = 0;
    std::uint32_t m_waitObject = 0;
};

} // namespace conlab
