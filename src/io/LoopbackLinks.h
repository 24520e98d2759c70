#pragma once

#include <string>
#include <vector>

namespace conlab {

// Connected TCP pairs on 127.0.0.1 with ephemeral ports: the sender's end and the
// receiver's end of each. Nothing binds beyond loopback; the destructor closes every socket.
class LoopbackLinks
{
public:
    struct Link
    {
        int sender = -1;
        int receiver = -1;
    };

    LoopbackLinks() = default;
    ~LoopbackLinks();
    LoopbackLinks(const LoopbackLinks &) = delete;
    LoopbackLinks &operator=(const LoopbackLinks &) = delete;

    bool open(int count, std::string *error);
    // Ends every transfer at once: calls blocked on any of the sockets return (a read sees
    // end of stream), while the descriptors stay valid for threads still holding them.
    void shutdownAll();
    void close();
    const std::vector<Link> &links() const { return m_links; }

private:
    std::vector<Link> m_links;
};

} // namespace conlab
