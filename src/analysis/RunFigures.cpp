#include "RunFigures.h"

#include <algorithm>
#include <unordered_map>

namespace conlab {

RunFigures RunFigures::compute(const Trace &trace)
{
    RunFigures figures;
    std::unordered_map<std::uint32_t, const Event *> lastState;
    std::uint64_t lastNs = trace.meta.startNs;
    for (const Event &e : trace.events) {
        lastNs = std::max(lastNs, e.timeNs);
        switch (e.kind) {
        case EventKind::QueuePut:
            figures.maxDepth = std::max(figures.maxDepth, e.value);
            if (e.arg < kSentinelItem)
                ++figures.produced;
            break;
        case EventKind::QueueGet:
            if (e.arg < kSentinelItem)
                ++figures.consumed;
            break;
        case EventKind::Ready:
        case EventKind::Running:
        case EventKind::Blocked:
        case EventKind::WorkerNew:
            lastState[e.worker] = &e;
            break;
        case EventKind::Terminated: {
            const auto cause = ExitCause(e.reason);
            const Event *before = lastState[e.worker];
            if ((cause == ExitCause::Stopped || cause == ExitCause::TimeLimit) && before &&
                before->kind == EventKind::Blocked &&
                (BlockReason(before->reason) == BlockReason::QueueFull ||
                 BlockReason(before->reason) == BlockReason::QueueEmpty))
                ++figures.stranded;
            if (cause == ExitCause::Signal)
                ++figures.killed;
            lastState[e.worker] = &e;
            break;
        }
        default:
            break;
        }
    }
    figures.durationNs = lastNs - trace.meta.startNs;
    return figures;
}

} // namespace conlab
