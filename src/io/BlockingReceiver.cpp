#include "BlockingReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"

namespace conlab {

bool BlockingReceiver::begin(WorkerContext &worker)
{
    return resume(worker);
}

IoReceiver::Result BlockingReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                             RoundBarrier &barrier)
{
    // Blocked before the wait begins, so the whole wait phase lies inside the blocked span.
    blockOn(worker, object(0));
    startRound(worker, round);
    barrier.arrive();
    for (;;) {
        // No timeout: a stop shuts the socket down, which returns this call with 0 bytes.
        const Call call = receiveOnce(0);
        if (call.bytes > 0) {
            // The first return is the kernel waking the caller: the end of its wait. That call
            // also copied what had arrived by then, which the caller cannot see apart.
            if (!waitEnded()) {
                recordAt(worker, call.endNs, EventKind::IoNotified, object(0), round);
                addWaitCpu(call.cpuNs);
                endWait();
            }
            if (moved(worker, 0, std::size_t(call.bytes), call.endNs))
                break;
            continue;
        }
        if (call.interrupted())
            continue;
        return failure(worker, "recv", call.error);
    }
    if (!resume(worker))
        return Result::Stopped;
    finishRound(worker);
    return Result::Received;
}

} // namespace conlab
