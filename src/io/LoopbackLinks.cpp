#include "LoopbackLinks.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace conlab {

LoopbackLinks::~LoopbackLinks()
{
    close();
}

void LoopbackLinks::shutdownAll()
{
    for (const auto &link : m_links) {
        if (link.sender >= 0)
            ::shutdown(link.sender, SHUT_RDWR);
        if (link.receiver >= 0)
            ::shutdown(link.receiver, SHUT_RDWR);
    }
}

void LoopbackLinks::close()
{
    for (auto &link : m_links) {
        if (link.sender >= 0)
            ::close(link.sender);
        if (link.receiver >= 0)
            ::close(link.receiver);
    }
    m_links.clear();
}

bool LoopbackLinks::open(int count, std::string *error)
{
    int listener = -1;
    auto fail = [&](const char *what) {
        if (error)
            *error = std::string(what) + ": " + std::strerror(errno);
        if (listener >= 0)
            ::close(listener);
        close();
        return false;
    };
    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        return fail("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(listener, count) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return fail("listen on 127.0.0.1");
    for (int i = 0; i < count; ++i) {
        Link link;
        link.sender = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (link.sender < 0)
            return fail("socket");
        m_links.push_back(link);
        // No Nagle delay, so a write's time is when its bytes left. Buffer sizes are left to
        // the kernel's autotuning: a fixed SO_SNDBUF/SO_RCVBUF would cap them far below a
        // large payload.
        const int one = 1;
        setsockopt(link.sender, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(link.sender, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            return fail("connect to 127.0.0.1");
        // One connect at a time, so the accepted socket is the peer of the one just made.
        m_links.back().receiver = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (m_links.back().receiver < 0)
            return fail("accept");
    }
    ::close(listener);
    return true;
}

} // namespace conlab
