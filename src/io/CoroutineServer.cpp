#include "CoroutineServer.h"

#include "runtime/CoroutineLoop.h"
#include "runtime/WorkerContext.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <cerrno>
#include <list>
#include <memory>
#include <unistd.h>

namespace conlab {

namespace asio = boost::asio;

CoroutineServer::CoroutineServer(Options options) : EchoServer(Design::Coroutines, options) {}

CoroutineServer::~CoroutineServer() = default;

void CoroutineServer::endUnusedLanes(WorkerContext &host, const std::vector<std::uint32_t> &lanes,
                                     ExitCause cause)
{
    for (const std::uint32_t id : lanes) {
        WorkerContext lane = host.nestedLane(id);
        lane.recorder().record(EventKind::WorkerNew, 0, 0, 0, 2);
        lane.exit(cause);
    }
}

bool CoroutineServer::run(WorkerContext &context)
{
    const auto endingCause = [&context] {
        return context.shouldStop() ? context.stopCause() : ExitCause::Normal;
    };
    if (!context.runFree() || !setListenerNonBlocking()) {
        endUnusedLanes(context, m_options.coroutineLanes, endingCause());
        return context.shouldStop();
    }
    m_workers.store(1);
    CoroutineLoop loop(context, context.arena());
    loop.setWaitObject(m_options.socketsObject);
    using Descriptor = CoroutineTask::Descriptor;
    // Asio owns what it wraps: copies of the listener and the stop eventfd, which the base
    // class keeps and closes.
    Descriptor listener(loop.context(), ::dup(m_options.listener));
    Descriptor stopWatch(loop.context(), ::dup(stopFd()));
    std::list<Descriptor> connections; // stable addresses for the coroutines that use them
    std::size_t nextLane = 0;
    const std::uint32_t object = m_options.socketsObject;

    auto echo = [object](Descriptor &connection) {
        return [&connection, object](CoroutineTask &task) -> asio::awaitable<void> {
            std::vector<char> buffer(kBufferBytes);
            for (;;) {
                const std::size_t read =
                    co_await task.readSome(connection, buffer.data(), buffer.size(), object);
                if (read == 0 || !co_await task.writeAll(connection, buffer.data(), read, object))
                    break;
            }
            connection.close();
        };
    };
    loop.spawn(CoroutineTask::kNoLane, [&](CoroutineTask &task) -> asio::awaitable<void> {
        while (co_await task.waitReadable(listener, object)) {
            for (;;) {
                bool failed = false;
                const int fd = acceptNext(true, &failed);
                if (fd < 0) {
                    if (failed)
                        co_return;
                    break;
                }
                connections.emplace_back(loop.context(), fd);
                const std::uint32_t lane = nextLane < m_options.coroutineLanes.size()
                                               ? m_options.coroutineLanes[nextLane++]
                                               : CoroutineTask::kNoLane;
                loop.spawn(lane, echo(connections.back()));
            }
        }
    });
    loop.spawn(CoroutineTask::kNoLane, [&](CoroutineTask &task) -> asio::awaitable<void> {
        co_await task.waitReadable(stopWatch, 0);
        // Serving ends: every wait still pending completes as cancelled, so every coroutine
        // ends by itself, "finished".
        listener.cancel();
        for (Descriptor &connection : connections)
            if (connection.is_open())
                connection.cancel();
    });
    const bool finished = loop.run();
    // Nobody may use a lane after this: the lanes not handed out end here, unused.
    endUnusedLanes(
        context,
        std::vector<std::uint32_t>(m_options.coroutineLanes.begin() + std::ptrdiff_t(nextLane),
                                   m_options.coroutineLanes.end()),
        endingCause());
    return finished || context.shouldStop();
}

} // namespace conlab
