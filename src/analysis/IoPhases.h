#pragma once

#include "trace/Event.h"
#include "trace/Trace.h"

#include <cstdint>
#include <vector>

namespace conlab {

// The two phases of every IO model, measured from a recorded run: "wait for data" and "copy
// data to the process", per receiver and round, with the counts that tell the models apart.
// Data arrival is the sender's IoSent on the connection (stamped just before its write).
class IoPhases
{
public:
    struct Round
    {
        std::uint32_t worker = 0;
        std::uint32_t round = 0;
        std::uint32_t connection = 0;  // the object IoWaitBegin named
        std::uint64_t waitBeginNs = 0; // IoWaitBegin
        std::uint64_t arrivalNs = 0;   // IoSent on the connection that ended the wait; 0 unknown
        std::uint64_t notifiedNs = 0;  // first IoNotified: readiness or completion; 0 for none
        std::uint64_t copyBeginNs = 0; // first IoCopyBegin
        std::uint64_t copyEndNs = 0;   // last IoCopyEnd
        std::uint64_t doneNs = 0;      // IoRoundDone; 0 if the round did not finish
        std::uint32_t attempts = 0;    // IoAttempt: tries that found nothing
        std::uint32_t wakeups = 0;     // IoNotified
        std::uint32_t connectionsServed = 0;
        std::uint64_t bytes = 0;
        std::uint32_t syscalls = 0;
        std::int64_t waitCpuNs = 0;
        std::uint64_t blockedIoNs = 0;      // Blocked (reason Io) from wait begin to round end
        std::uint64_t waitNotBlockedNs = 0; // the part of the wait phase not Blocked on Io

        // A model told of readiness ends its wait when told; one that only polls (no
        // IoNotified) stops waiting when the data arrives, and finds it at its next try.
        std::uint64_t waitEndNs() const { return notifiedNs ? notifiedNs : arrivalNs; }
        std::uint64_t waitNs() const;
        std::uint64_t copyNs() const;
        // How far the end of the wait lies from the data's arrival (for notified models).
        std::int64_t waitEndLagNs() const;
    };

    // Every receiver round in the trace, in order of its IoWaitBegin.
    static std::vector<Round> rounds(const Trace &trace);
    static std::vector<Round> rounds(const std::vector<Event> &events);
    // How long `worker` was Blocked for `reason` over the whole trace.
    static std::uint64_t blockedNs(const Trace &trace, std::uint32_t worker, BlockReason reason);
};

} // namespace conlab
