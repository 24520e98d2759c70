#pragma once

#include "EchoServer.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace conlab {

// A fixed pool of worker threads fed by a dispatcher (the server's lane): the dispatcher
// accepts connections and waits for them in epoll with EPOLLONESHOT, and queues each one that
// becomes readable; a worker takes it, echoes what is there, and re-arms it. So a connection
// is served by whichever worker is free, and pool-size threads serve any number of them.
// A worker waiting for the queue is recorded as waiting for IO: what it waits for is a
// socket's readiness, relayed by the dispatcher.
class ThreadPoolServer : public EchoServer
{
public:
    explicit ThreadPoolServer(Options options);
    ~ThreadPoolServer() override;

    bool run(WorkerContext &lane) override;

private:
    static constexpr int kQuit = -1; // a queue entry that ends one worker

    void work(WorkerContext *laneContext);
    // Takes the next connection; kQuit when the pool is ending.
    int take(IoLane &lane);
    void push(int fd);
    // Echoes what the connection has; false once it is closed (the worker closed it).
    bool serve(int fd, IoLane &lane, char *buffer);
    void closeConnection(int fd);
    bool acceptAll();
    void endPool();

    int m_epoll = -1;
    std::mutex m_mutex; // guards the queue and the set of open connections
    std::condition_variable m_queued;
    std::deque<int> m_queue;
    std::set<int> m_open;
    std::vector<std::thread> m_pool;
};

} // namespace conlab
