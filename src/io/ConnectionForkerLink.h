#pragma once

#include "ForkerRecords.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace conlab {

// The acceptor's end of its connection forker (see ConnectionForker): starts the helper
// process, hands it connections, reads its reports, owns the claim page, and ends it. Used
// from one thread, the acceptor's.
class ConnectionForkerLink
{
public:
    struct Options
    {
        std::string program; // conlab-runner
        int arenaFd = -1;
        std::uint32_t socketsObject = 0;
        std::size_t claims = 1; // claim words: one per lane the children may take
    };

    ConnectionForkerLink() = default;
    // Ends the forker if finish() could not: SIGKILL, then a bounded wait.
    ~ConnectionForkerLink();
    ConnectionForkerLink(const ConnectionForkerLink &) = delete;
    ConnectionForkerLink &operator=(const ConnectionForkerLink &) = delete;

    // Spawns the forker (no copy of this process is made). False with `error` set.
    bool start(const Options &options, std::string &error);
    pid_t pid() const { return m_pid; }
    // The control socket, readable when a report came or the forker is gone.
    int fd() const { return m_control; }

    // Hands `connection` (this process keeps its copy) to the forker; the child records on
    // `worker` (0: none) after winning claim word `claim`. 0, or the errno of the send.
    int send(std::uint32_t request, int connection, std::uint32_t worker, std::int32_t claim);
    // The next report if one is there. False when none is; `gone` once the forker is.
    bool receive(ForkerReport &report, bool &gone);
    // Takes `claim` from a child that has not started: true if it never will (it exits
    // without recording), false if it started first and so ends its lane itself.
    bool cancel(std::int32_t claim);
    // Closes the control socket (the forker kills and reaps its children, then exits), waits
    // up to `graceNs` for it, then SIGKILLs it and waits up to `killGraceNs`. True once it is
    // reaped; false if it is still in the kernel (a stalled fork ends when the fork returns).
    bool finish(std::uint64_t graceNs, std::uint64_t killGraceNs);

private:
    bool waitExit(std::uint64_t ns);

    pid_t m_pid = 0;
    int m_control = -1;
    int m_claimsFd = -1;
    std::uint32_t *m_claims = nullptr;
    std::size_t m_claimBytes = 0;
};

} // namespace conlab
