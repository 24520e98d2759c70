#pragma once

#include "EchoServer.h"

#include <mutex>
#include <sys/types.h>
#include <vector>

namespace conlab {

class IoLane;

// fork() per accepted connection, as the tutorials do: the child echoes on its socket with
// blocking calls and exits when the client closes. Forking a threaded process is safe here
// because the child only makes system calls and writes events into the shared arena until it
// _exit()s. It closes every descriptor but its connection (a copy of a client's socket would
// keep that connection open), dies with the acceptor thread (PR_SET_PDEATHSIG), and stays in
// the run's process group. Unlike the tutorials, the acceptor keeps its copy of each
// connection until the child is reaped, so Stop can shut every connection down from here.
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
        pid_t pid = 0;
        int fd = -1;
        WorkerContext *lane = nullptr;
    };

    // Accepts and forks for every pending connection, until none is left or the run or the
    // server is stopping.
    bool acceptAll(const IoLane &lane);
    [[noreturn]] void serveInChild(int fd, WorkerContext *lane, pid_t parent);
    // Reaps the children that have exited; with `wait`, all of them: SIGKILL for any still
    // there after `graceNs`, and any still there `killGraceNs` later are given up on.
    void reap(bool wait, std::uint64_t graceNs, std::uint64_t killGraceNs);
    void finished(const Child &child, int status);

    mutable std::mutex m_mutex; // guards m_children against the sampling thread
    std::vector<Child> m_children;
    std::vector<char> m_buffer; // the children's copy-on-write buffer: no allocation after fork
    std::uint64_t m_leftBehind = 0;
};

} // namespace conlab
