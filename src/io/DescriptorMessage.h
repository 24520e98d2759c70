#pragma once

#include <cstddef>
#include <sys/types.h>

namespace conlab {

// One datagram of a unix socket carrying a record and one file descriptor (SCM_RIGHTS): how the
// acceptor hands a connection to its connection forker.
class DescriptorMessage
{
public:
    // Sends `size` bytes of `data` with `fd` attached; sendmsg's result (errno kept).
    static ssize_t send(int socket, const void *data, std::size_t size, int fd, int flags);
    // Receives into `data` (at most `size` bytes); `fd` gets the descriptor that came with it
    // (close-on-exec), or -1. recvmsg's result (errno kept).
    static ssize_t receive(int socket, void *data, std::size_t size, int &fd, int flags);
};

} // namespace conlab
