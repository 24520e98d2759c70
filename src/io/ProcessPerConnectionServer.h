#pragma once

#include "ConnectionForkerLink.h"
#include "EchoServer.h"

#include <mutex>
#include <sys/types.h>
#include <vector>

namespace conlab {

class IoLane;
struct ForkerReport;

// A process per accepted connection, as the tutorials do: the child echoes on its socket with
// blocking calls and exits when the client closes. The children are not forked from this big
// threaded runner but from its connection forker, a small helper process it spawns (see
// ConnectionForker for why); the acceptor hands it each connection and learns each child's pid
// and exit from its reports. Unlike the tutorials, the acceptor keeps its copy of each
// connection until the child has exited, so Stop can shut every connection down from here.
class ProcessPerConnectionServer : public EchoServer
{
public:
    explicit ProcessPerConnectionServer(Options options);
    ~ProcessPerConnectionServer() override;

    bool run(WorkerContext &lane) override;
    std::vector<int> processes() const override;
    std::uint64_t leftBehind() const override { return m_leftBehind; }

private:
    struct Child
    {
        std::uint32_t request = 0;
        pid_t pid = 0; // 0 until the forker reports the fork
        int fd = -1;
        WorkerContext *lane = nullptr;
        std::int32_t claim = -1; // the lane's claim word; -1 without a lane
    };

    bool startForker();
    // Connections handed to the forker that it has not answered yet.
    std::size_t pendingCount() const;
    // Accepts and hands over every pending connection, until none is left, too many wait for
    // the forker, or the run or the server is stopping.
    bool acceptAll(const IoLane &lane);
    // Applies every report the forker has sent so far.
    void readReports();
    void apply(const ForkerReport &report);
    // The forker is gone: its children die with it, and every lane they held ends here.
    void forkerLost();
    // Takes back every request the forker has not answered yet whose child has not started:
    // that child never records (it exits when it finds its claim taken), its lane ends here.
    void cancelPending();
    // Reaps the children that have exited; with `wait`, all of them: SIGKILL for any still
    // there after `graceNs`, and any still there `killGraceNs` later are given up on.
    void reap(bool wait, std::uint64_t graceNs, std::uint64_t killGraceNs);
    void giveUp();
    void finished(const Child &child, int status);
    // Ends a lane whose child's exit status is unknown, by what the lane itself recorded.
    void endedWithoutStatus(const Child &child);

    ConnectionForkerLink m_forker;
    bool m_forkerGone = false;
    std::uint32_t m_nextRequest = 0;
    std::int32_t m_nextClaim = 0;
    mutable std::mutex m_mutex; // guards m_children and m_forkerPid against the sampling thread
    std::vector<Child> m_children;
    pid_t m_forkerPid = 0;
    std::uint64_t m_leftBehind = 0;
};

} // namespace conlab
