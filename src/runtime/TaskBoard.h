#pragma once

#include "ProcessMutex.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// Where a pool's tasks report back, in shared memory so that worker processes can use it:
// a worker marks a task finished; whoever hands results to the submitter (the worker itself
// in a thread pool, the result-handler thread in a process pool, as in Python) marks it
// delivered; the submitter waits for one task's result, the next one, or all of them.
class TaskBoard
{
public:
    static constexpr std::uint32_t kMaxTasks = 200;

    explicit TaskBoard(std::uint32_t tasks);

    std::uint32_t tasks() const { return m_tasks; }

    void begin(WorkerContext &worker, std::uint32_t task);
    // Records the task's end; the result is not the submitter's yet.
    void finish(WorkerContext &worker, std::uint32_t task);
    // Hands the result over (records TaskResult) and wakes the submitter.
    void deliver(WorkerContext &worker, std::uint32_t task);
    // Records that `worker` ran the task's done callback.
    void callback(WorkerContext &worker, std::uint32_t task);

    // The result handler's side: blocks (reason result) until a finished task it has not
    // taken yet exists; 0 if the run is stopping or every task has been taken.
    std::uint32_t takeFinished(WorkerContext &worker);

    // The submitter's side, each blocking with reason result. False if the run is stopping.
    bool waitFor(WorkerContext &worker, std::uint32_t task);
    // The next delivered task in delivery order (as_completed), 0 if stopping.
    std::uint32_t waitNext(WorkerContext &worker);
    bool waitAll(WorkerContext &worker);

private:
    bool waitUntil(WorkerContext &worker, std::uint32_t object, std::atomic<std::uint32_t> &word,
                   bool (TaskBoard::*ready)(std::uint32_t) const, std::uint32_t argument);
    bool isDelivered(std::uint32_t task) const;
    bool deliveredAtLeast(std::uint32_t count) const;
    bool finishedAtLeast(std::uint32_t count) const;

    std::uint32_t m_tasks;
    // Held while a finisher stamps and publishes a result and while a waiter checks and
    // records its Blocked: a waiter that saw no result then blocks before the result's stamp,
    // so the trace never shows a wait begun after the result that ended it.
    ProcessMutex m_order;
    std::atomic<std::uint32_t> m_finishedCount{0};  // futex word
    std::atomic<std::uint32_t> m_deliveredCount{0}; // futex word
    std::atomic<std::uint32_t> m_delivered[kMaxTasks + 1] = {};
    std::atomic<std::uint32_t> m_finishOrder[kMaxTasks] = {};
    std::atomic<std::uint32_t> m_deliveryOrder[kMaxTasks] = {};
    // Cursors of the single result handler and the single submitter.
    std::uint32_t m_taken = 0;
    std::uint32_t m_received = 0;
};

} // namespace conlab
