#pragma once

#include <cstdint>

namespace conlab {

// conlab-runner --connection-forker: the small helper process that forks the
// process-per-connection server's children. The runner is big and threaded, and with hundreds
// of children sharing its memory one fork of it could stall for seconds in the kernel while
// every thread of it that touched memory froze, the one handling Stop included. This process is
// a fresh exec (so its fork is cheap and has no other thread to freeze); it forks a child per
// connection the acceptor hands it, reports each fork and each exit, and when its control
// socket closes it kills whatever child is left, reaps it and exits.
class ConnectionForker
{
public:
    struct Options
    {
        int arenaFd = -1;
        int controlFd = -1; // SOCK_SEQPACKET: ForkRequest in, ForkerReport out
        int claimsFd = -1;  // the claim page (ClaimWord per laned request)
        long parentPid = 0;
        std::uint32_t socketsObject = 0; // the trace object the children's lanes wait on
    };

    static int run(const Options &options);
};

} // namespace conlab
