#pragma once

#include "EchoServer.h"

#include <unordered_map>
#include <vector>

namespace conlab {

// One thread, one epoll set: the listener, every connection (non-blocking) and the stop
// eventfd. Each readiness is served with as many reads as there is data; a reply the peer has
// no room for waits in the connection's own buffer, and the connection is read again only once
// that buffer has been sent (EPOLLOUT), so a slow reader holds back only itself.
class EpollServer : public EchoServer
{
public:
    explicit EpollServer(Options options);
    ~EpollServer() override;

    bool run(WorkerContext &lane) override;

private:
    struct Connection
    {
        std::vector<char> pending; // echo bytes not yet accepted by the socket
        std::size_t offset = 0;
    };

    bool acceptAll();
    // Reads and echoes; false once the connection is closed.
    bool readable(int fd, Connection &connection);
    bool writable(int fd, Connection &connection);
    bool watch(int fd, bool forOutput);
    void closeConnection(int fd);

    int m_epoll = -1;
    std::unordered_map<int, Connection> m_connections;
    std::vector<char> m_buffer;
};

} // namespace conlab
