#pragma once

#include "EchoServer.h"

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
};

} // namespace conlab
