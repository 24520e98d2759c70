#pragma once

#include "EchoServer.h"

#include <memory>
#include <vector>

namespace conlab {

// One thread and one io_uring: an accept, one recv or send per connection, and a poll on the
// stop eventfd are always in flight; the thread submits the next operation for each
// completion it reaps (recv done -> send those bytes; send done -> recv again). It waits only
// in io_uring_wait_cqe, and makes no read or write system call of its own.
class IoUringServer : public EchoServer
{
public:
    explicit IoUringServer(Options options);
    ~IoUringServer() override;

    // Whether this build has liburing and the kernel lets a ring be set up (containers often
    // forbid io_uring); probed once per process. If not, `why` says which.
    static bool available(std::string *why);

    bool run(WorkerContext &lane) override;

private:
    struct Ring;
    struct Connection;

    bool submitAccept();
    bool submitRecv(std::size_t index);
    bool submitSend(std::size_t index);
    void closeConnection(std::size_t index);
    // Ends what is in flight: cancels the accept and the stop poll, shuts the connections
    // down, and reaps completions until none is outstanding (or a bound passes).
    void drain();

    std::unique_ptr<Ring> m_ring;
    std::vector<std::unique_ptr<Connection>> m_connections; // by index; null once closed
    std::size_t m_inFlight = 0;
    bool m_accepting = false;
    bool m_stopPolled = false;
};

} // namespace conlab
