#pragma once

#include "EchoServer.h"

#include <atomic>
#include <list>
#include <thread>

namespace conlab {

// One thread per accepted connection, each blocking in recv() and send() on its own socket, as
// the tutorials write it. The acceptor (the server's lane) waits in poll() beside the stop
// eventfd so Stop can end it, and shuts every connection down when it stops, which ends the
// threads blocked on them.
class ThreadPerConnectionServer : public EchoServer
{
public:
    explicit ThreadPerConnectionServer(Options options);
    ~ThreadPerConnectionServer() override;

    bool run(WorkerContext &lane) override;

private:
    struct Handler
    {
        int fd = -1; // closed by the acceptor once the thread is joined, never by the thread
        WorkerContext *lane = nullptr;
        std::atomic<bool> done{false};
        std::thread thread;
    };

    void serve(Handler &handler);
    bool acceptAll();
    void reapDone();
    void endAll();

    std::list<Handler> m_handlers;
};

} // namespace conlab
