#pragma once

#include <cstdint>

namespace conlab {

// The records of the control channel between the acceptor and its connection forker: one
// SOCK_SEQPACKET message each, so a record is never split or merged with the next.

// Acceptor to forker, with the accepted connection's descriptor attached (SCM_RIGHTS).
struct ForkRequest
{
    std::uint32_t request = 0; // the acceptor's number for it, echoed in every report
    std::uint32_t worker = 0;  // the lane the child records on; 0: none (beyond the lane cap)
    std::int32_t claim = -1;   // the lane's word in the claim page; -1 without a lane
};

// Forker to acceptor.
struct ForkerReport
{
    enum Kind : std::uint32_t { Forked, ForkFailed, Exited };

    std::uint32_t kind = Forked;
    std::uint32_t request = 0;
    std::int32_t pid = 0;   // the child's, for Forked and Exited
    std::int32_t value = 0; // errno for ForkFailed, the wait status for Exited
};

// A laned request's word in the page the acceptor shares with the forker's children: the
// child and a stopping acceptor race for it, and exactly one of them ends the lane.
enum ClaimWord : std::uint32_t { kClaimPending = 0, kClaimStarted = 1, kClaimCancelled = 2 };

} // namespace conlab
