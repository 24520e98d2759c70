#include "NonBlockingReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"

#include <fcntl.h>

namespace conlab {

bool NonBlockingReceiver::begin(WorkerContext &worker)
{
    const int flags = fcntl(fd(0), F_GETFL);
    if (flags < 0 || fcntl(fd(0), F_SETFL, flags | O_NONBLOCK) != 0)
        return setupFailed("O_NONBLOCK");
    return resume(worker);
}

IoReceiver::Result NonBlockingReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                                RoundBarrier &barrier)
{
    startRound(worker, round);
    barrier.arrive();
    for (;;) {
        const Call call = receiveOnce(0);
        if (call.bytes > 0) {
            endWait();
            if (moved(worker, 0, std::size_t(call.bytes), call.startNs))
                break;
            continue; // more may be there already: try again before working
        }
        if (call.empty()) {
            recordAt(worker, call.startNs, EventKind::IoAttempt, object(0), round);
            addWaitCpu(call.cpuNs);
            if (!work(worker, m_options.pollIntervalNs))
                return Result::Stopped;
            continue;
        }
        if (call.interrupted())
            continue;
        return failure(worker, "recv", call.error);
    }
    finishRound(worker);
    return Result::Received;
}

} // namespace conlab
