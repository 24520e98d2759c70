#pragma once

#include "EchoServer.h"
#include "trace/Event.h"

#include <cstdint>
#include <vector>

namespace conlab {

// One thread, one coroutine per connection, on a Boost.Asio event loop: each connection's
// coroutine reads and echoes as if it blocked (co_await), and the loop runs whichever is
// ready. The acceptor is a coroutine too, and so is a watcher of the stop eventfd, which on
// Stop cancels every pending wait so that each coroutine ends by itself.
class CoroutineServer : public EchoServer
{
public:
    explicit CoroutineServer(Options options);
    ~CoroutineServer() override;

    bool run(WorkerContext &lane) override;

    // Ends coroutine lanes no connection used (never begun) on behalf of `host`, with `cause`:
    // every lane of a run ends, whether its design ran or not.
    static void endUnusedLanes(WorkerContext &host, const std::vector<std::uint32_t> &lanes,
                               ExitCause cause);
};

} // namespace conlab
