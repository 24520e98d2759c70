#pragma once

#include "trace/Event.h"

#include <cerrno>
#include <cstdint>

namespace conlab {

class WorkerContext;

// The lane of a thread or process that serves or drives sockets, or none. It records that the
// code runs, that it is about to wait in a call only IO can end, and that IO ended the wait.
// Without a lane (a handler beyond the lane cap) every call does nothing, so one piece of code
// serves laned and unlaned handlers alike.
class IoLane
{
public:
    // How often a blocked wait looks at the run's stop flag.
    static constexpr int kSliceMs = 20;

    IoLane(WorkerContext *context, std::uint32_t object) : m_context(context), m_object(object) {}

    bool laned() const { return m_context != nullptr; }
    WorkerContext *context() const { return m_context; }
    // Takes a virtual CPU. False if the run is stopping.
    bool run();
    // About to make a call that waits for IO: Blocked (IO) on the lane's object.
    void block();
    // The waiting call returned because of IO: IoNotified, then running again. False if the run
    // is stopping.
    bool woken();
    // True once the run is stopping (never without a lane: such code ends with its sockets).
    bool shouldStop() const;
    // Ends the lane: stopped if the run is stopping, else finished. The lane's last call.
    void finish();
    // Ends the lane as failed.
    void fail(std::int64_t code);

    // Calls `wait(timeoutMs)` once without waiting; if nothing is ready, blocks the lane and
    // waits in slices until something is or the run stops. Returns wait's last result: > 0
    // ready, < 0 failed (errno kept), 0 only when the run is stopping. The stop is checked
    // first: a lane kept busy by descriptors that are always ready (a load client, a child
    // echoing for it) would otherwise never get to a slice and never see it.
    template <class Wait> int waitReady(Wait &&wait)
    {
        if (shouldStop())
            return 0;
        int n = wait(0);
        if (n != 0 && !(n < 0 && errno == EINTR))
            return n;
        block();
        for (;;) {
            if (shouldStop())
                return 0;
            n = wait(kSliceMs);
            if (n < 0 && errno == EINTR)
                continue;
            if (n != 0)
                break;
        }
        if (n < 0)
            return n; // the lane ends as failed, which may leave it blocked
        return woken() ? n : 0;
    }

private:
    WorkerContext *m_context;
    std::uint32_t m_object;
    bool m_blocked = false;
};

} // namespace conlab
