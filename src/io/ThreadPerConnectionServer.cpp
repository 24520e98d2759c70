#include "ThreadPerConnectionServer.h"

#include "HandlerLanes.h"
#include "IoLane.h"
#include "runtime/WorkerContext.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace conlab {

ThreadPerConnectionServer::ThreadPerConnectionServer(Options options)
    : EchoServer(Design::ThreadPerConnection, options)
{
}

ThreadPerConnectionServer::~ThreadPerConnectionServer()
{
    endAll();
}

void ThreadPerConnectionServer::serve(Handler &handler)
{
    IoLane lane(handler.lane, m_options.socketsObject);
    if (handler.lane)
        handler.lane->started(); // the lane is this thread from here on
    std::vector<char> buffer(kBufferBytes);
    if (lane.run())
        echoBlocking(handler.fd, lane, buffer.data(), buffer.size());
    lane.finish();
    if (handler.lane)
        m_options.lanes->ended(handler.lane);
    handler.done.store(true, std::memory_order_release);
}

bool ThreadPerConnectionServer::acceptAll()
{
    for (;;) {
        bool failed = false;
        const int fd = acceptNext(false, &failed);
        if (fd < 0)
            return !failed;
        Handler &handler = m_handlers.emplace_back();
        handler.fd = fd;
        handler.lane = m_options.lanes ? m_options.lanes->claim() : nullptr;
        try {
            handler.thread = std::thread([this, &handler] { serve(handler); });
            m_workers.fetch_add(1);
        } catch (const std::system_error &e) {
            // Out of threads: this client gets no echo, which its check counts as missing.
            fail("creating a thread for a connection", e.code().value());
            if (handler.lane)
                m_options.lanes->abandon(handler.lane, ExitCause::Failed, e.code().value());
            ::close(fd);
            m_handlers.pop_back();
        }
    }
}

void ThreadPerConnectionServer::reapDone()
{
    for (auto it = m_handlers.begin(); it != m_handlers.end();) {
        if (!it->done.load(std::memory_order_acquire)) {
            ++it;
            continue;
        }
        it->thread.join();
        ::close(it->fd);
        it = m_handlers.erase(it);
    }
}

void ThreadPerConnectionServer::endAll()
{
    // A thread blocked in recv() or send() returns once its socket is shut down.
    for (Handler &handler : m_handlers)
        ::shutdown(handler.fd, SHUT_RDWR);
    for (Handler &handler : m_handlers) {
        if (handler.thread.joinable())
            handler.thread.join();
        ::close(handler.fd);
    }
    m_handlers.clear();
}

bool ThreadPerConnectionServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    ok = ok && setListenerNonBlocking();
    while (ok && !stopRequested()) {
        reapDone();
        pollfd fds[2] = {{m_options.listener, POLLIN, 0}, {stopFd(), POLLIN, 0}};
        const int ready = lane.waitReady([&](int timeoutMs) { return ::poll(fds, 2, timeoutMs); });
        if (ready == 0)
            break; // the run is stopping
        if (ready < 0) {
            fail("poll", errno);
            ok = false;
            break;
        }
        if (fds[1].revents)
            break;
        if (fds[0].revents)
            ok = acceptAll();
    }
    endAll();
    return ok;
}

} // namespace conlab
