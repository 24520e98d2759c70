#include "Event.h"

namespace conlab {

const char *toString(EventKind kind)
{
    switch (kind) {
    case EventKind::WorkerNew:
        return "new";
    case EventKind::WorkerStarted:
        return "started";
    case EventKind::Ready:
        return "ready";
    case EventKind::Running:
        return "running";
    case EventKind::Blocked:
        return "blocked";
    case EventKind::Terminated:
        return "terminated";
    case EventKind::QueuePut:
        return "put";
    case EventKind::QueueGet:
        return "get";
    case EventKind::TaskDone:
        return "task-done";
    case EventKind::LockAcquired:
        return "acquire";
    case EventKind::LockReleased:
        return "release";
    case EventKind::LockFailed:
        return "acquire failed";
    case EventKind::SemAcquired:
        return "semaphore acquire";
    case EventKind::SemReleased:
        return "semaphore release";
    case EventKind::CellRead:
        return "read";
    case EventKind::CellWritten:
        return "write";
    case EventKind::EventSet:
        return "event set";
    case EventKind::EventCleared:
        return "event cleared";
    case EventKind::EventWaitEnded:
        return "event wait ended";
    case EventKind::IoSent:
        return "sent";
    case EventKind::IoWaitBegin:
        return "wait for data";
    case EventKind::IoCopyBegin:
        return "copy begins";
    case EventKind::IoCopyEnd:
        return "copy done";
    case EventKind::IoAttempt:
        return "no data yet";
    case EventKind::IoNotified:
        return "notified";
    case EventKind::IoRoundDone:
        return "round done";
    case EventKind::Output:
        return "output";
    case EventKind::OutputMore:
        return "output (continued)";
    case EventKind::SignalSent:
        return "signal sent";
    case EventKind::JoinTimedOut:
        return "join timed out";
    case EventKind::TaskBegin:
        return "task begins";
    case EventKind::TaskEnd:
        return "task ends";
    case EventKind::TaskResult:
        return "result handed over";
    case EventKind::TaskCallback:
        return "done callback";
    case EventKind::QueueTimedOut:
        return "queue wait timed out";
    case EventKind::QueueRefused:
        return "queue full or empty (nowait)";
    case EventKind::GilDropRequest:
        return "drop request";
    case EventKind::PipeWrite:
        return "pipe write";
    case EventKind::PipeRead:
        return "pipe read";
    case EventKind::CpuSample:
        return "kernel sample";
    case EventKind::LaneNamed:
        return "lane named";
    case EventKind::LaneNamedMore:
        return "lane named (continued)";
    }
    return "unknown";
}

const char *toString(BlockReason reason)
{
    switch (reason) {
    case BlockReason::None:
        return "";
    case BlockReason::QueueFull:
        return "queue full";
    case BlockReason::QueueEmpty:
        return "queue empty";
    case BlockReason::Join:
        return "join";
    case BlockReason::QueueJoin:
        return "queue join";
    case BlockReason::Lock:
        return "lock";
    case BlockReason::Semaphore:
        return "semaphore";
    case BlockReason::Event:
        return "event";
    case BlockReason::Sleep:
        return "sleep";
    case BlockReason::Io:
        return "IO wait";
    case BlockReason::Result:
        return "result";
    case BlockReason::PipeFull:
        return "pipe full";
    case BlockReason::PipeEmpty:
        return "pipe empty";
    case BlockReason::Switch:
        return "switch";
    }
    return "unknown";
}

const char *toString(ExitCause cause)
{
    switch (cause) {
    case ExitCause::Normal:
        return "finished";
    case ExitCause::Stopped:
        return "stopped";
    case ExitCause::TimeLimit:
        return "time limit";
    case ExitCause::Signal:
        return "killed by signal";
    case ExitCause::DaemonEnded:
        return "daemon ended with its owner";
    case ExitCause::Failed:
        return "failed";
    case ExitCause::GaveUp:
        return "gave up waiting";
    }
    return "unknown";
}

const char *toString(WorkerState state)
{
    switch (state) {
    case WorkerState::New:
        return "new";
    case WorkerState::Ready:
        return "ready";
    case WorkerState::Running:
        return "running";
    case WorkerState::Blocked:
        return "blocked";
    case WorkerState::Terminated:
        return "terminated";
    }
    return "unknown";
}

} // namespace conlab
