#pragma once

#include <cstdint>

namespace conlab {

// What happened. Values are stored in trace files: append, never renumber.
enum class EventKind : std::uint16_t {
    WorkerNew = 1, // created, not yet started; arg = kind (0 thread, 1 process, 2 coroutine)
    WorkerStarted =
        2,          // began executing; arg = pid, value = tid, object = ppid (not a state change)
    Ready = 3,      // runnable, waiting for a virtual CPU
    Running = 4,    // holds virtual CPU `value`; reason = MLFQ level + 1 (0: another policy),
                    // with kRunLifted set when a boost raised that level
    Blocked = 5,    // reason = BlockReason, object = what it waits on
    Terminated = 6, // reason = ExitCause, arg = signal number or exit code
    QueuePut = 7,   // object = queue, value = depth after, arg = item
    QueueGet = 8,   // object = queue, value = depth after, arg = item
    TaskDone = 9,   // object = queue, value = unfinished items after
    LockAcquired = 10,   // object = lock, value = recursion depth after
    LockReleased = 11,   // object = lock, value = recursion depth after
    LockFailed = 12,     // object = lock; the wait gave up: value 0 timed out, 1 aborted
    SemAcquired = 13,    // object = semaphore, value = holders inside after
    SemReleased = 14,    // object = semaphore, value = holders inside after
    CellRead = 15,       // object = shared cell, arg = value read
    CellWritten = 16,    // object = shared cell, arg = value written (after an add: reason
                         // kCellAdd, value = the delta as a 32-bit two's complement)
    EventSet = 17,       // object = event
    EventCleared = 18,   // object = event
    EventWaitEnded = 19, // object = event; value 1 released by the set, 0 timed out
    IoSent = 20,         // sender: object = connection, value = round, arg = bytes
    IoWaitBegin = 21,    // receiver starts waiting for data; object = connection, value = round
    IoCopyBegin = 22,    // receiver starts a call that moves data; object = connection
    IoCopyEnd = 23,      // all of a round's data is in the caller's buffer; arg = bytes
    IoAttempt = 24,      // a try that found no data (EAGAIN); object = connection
    IoNotified = 25,     // readiness or completion reached the caller; object = connection
    IoRoundDone = 26,    // receiver: value = system calls, arg = CPU ns used while waiting
    // The kernel's own accounting of a thread, read from its schedstat by a sampler:
    // arg = on-CPU ns so far, object = run-queue wait so far in µs, value = the CPU it last ran on.
    CpuSample = 27,
    // A line the worker printed, as the tutorials' programs print constantly. The text rides
    // in the events themselves so that rings, streams and trace files need nothing new:
    // reason = the line's length in bytes, object/value/arg = its first 16 bytes; the rest
    // follows in OutputMore events of the same worker and time, 16 bytes each.
    Output = 28,
    OutputMore = 29, // reason = chunk number (1, 2, ...), object/value/arg = 16 more bytes
    // Main sent a signal to a worker process: object = worker, value = signal number.
    SignalSent = 30,
    // A join with a timeout gave up: object = the worker still running.
    JoinTimedOut = 31,
    // A pool task: object = task id. Begin and end on the lane of the worker that ran it;
    // TaskResult where the submitter's side learnt of it (the result was handed over);
    // TaskCallback on the thread that ran its done callback.
    TaskBegin = 32,
    TaskEnd = 33,
    TaskResult = 34,
    TaskCallback = 35,
    // A queue wait with a timeout gave up: object = queue, value = 0 for a get, 1 for a put.
    QueueTimedOut = 36,
    // A nowait put found the queue full (value 1, arg = item) or a nowait get found it empty
    // (value 0): Python's queue.Full and queue.Empty. object = queue.
    QueueRefused = 37,
    // A thread that waited a switch interval for an interpreter lock asked its holder to drop
    // it (CPython's gil_drop_request): object = the lock.
    GilDropRequest = 38,
    // Bytes through a pipe or socket: object = the pipe, value = bytes in it after the call,
    // arg = bytes this call moved.
    PipeWrite = 39,
    PipeRead = 40,
    // A watched program's thread got a lane: its real name ("python3 12345": command name and
    // tid) replaces the placeholder the header declared. Packed as Output is: reason = the
    // name's length, object/value/arg = its first 16 bytes, the rest in LaneNamedMore events.
    LaneNamed = 41,
    LaneNamedMore = 42, // reason = chunk number (1, 2, ...), object/value/arg = 16 more bytes
};

enum class BlockReason : std::uint16_t {
    None = 0,
    QueueFull = 1,
    QueueEmpty = 2,
    Join = 3,      // object = worker being joined
    QueueJoin = 4, // waiting until every item put has been marked done
    Lock = 5,
    Semaphore = 6,
    Event = 7,
    Sleep = 8,
    Io = 9,
    Result = 10,    // waiting for a task's result: object = task id, 0 for the next or all
    PipeFull = 11,  // object = pipe
    PipeEmpty = 12, // object = pipe
    Switch = 13,    // a coroutine handed the thread to another: object = the one it switched to
};

enum class ExitCause : std::uint16_t {
    Normal = 0,
    Stopped = 1,     // the user pressed Stop
    TimeLimit = 2,   // the run's time limit ended it
    Signal = 3,      // arg = signal number
    DaemonEnded = 4, // a daemon worker ended because the code that owned it finished
    Failed = 5,      // arg = exit code
    GaveUp = 6,      // left because a wait with a timeout found nothing to do
};

// A worker's state over time, derived from events.
enum class WorkerState : std::uint8_t { New, Ready, Running, Blocked, Terminated };

// Fixed-size, trivially copyable: written into shared-memory rings with no allocation and
// stored verbatim in trace files.
struct Event
{
    // CLOCK_MONOTONIC ns; inside a ring it may be TSC ticks instead (see EventClock).
    std::uint64_t timeNs = 0;
    std::uint32_t worker = 0;
    EventKind kind = EventKind::WorkerNew;
    std::uint16_t reason = 0;
    std::uint32_t object = 0;
    std::uint32_t value = 0;
    std::int64_t arg = 0;
};
static_assert(sizeof(Event) == 32, "Event is a 32-byte record");

// Running's reason bit for an MLFQ job a boost lifted since it last ran.
inline constexpr std::uint16_t kRunLifted = 0x100;

// CellWritten's reason for an indivisible add, as opposed to a plain write of a value read.
inline constexpr std::uint16_t kCellAdd = 1;

// Item ids at or above this mark are sentinels (the "no more items" value a consumer stops on).
inline constexpr std::int64_t kSentinelItem = std::int64_t(1) << 62;

const char *toString(EventKind kind);
const char *toString(BlockReason reason);
const char *toString(ExitCause cause);
const char *toString(WorkerState state);

} // namespace conlab
