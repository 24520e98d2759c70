#include "DescriptorMessage.h"

#include <cstring>
#include <sys/socket.h>
#include <sys/uio.h>

namespace conlab {

namespace {
// Room for one descriptor's control message, aligned as the kernel wants it.
struct ControlSpace
{
    alignas(cmsghdr) char bytes[CMSG_SPACE(sizeof(int))] = {};
};

msghdr messageOf(iovec &data, ControlSpace &control)
{
    msghdr message = {};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    return message;
}
} // namespace

ssize_t DescriptorMessage::send(int socket, const void *data, std::size_t size, int fd, int flags)
{
    iovec part = {const_cast<void *>(data), size};
    ControlSpace control;
    msghdr message = messageOf(part, control);
    cmsghdr *c = CMSG_FIRSTHDR(&message);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return sendmsg(socket, &message, flags);
}

ssize_t DescriptorMessage::receive(int socket, void *data, std::size_t size, int &fd, int flags)
{
    iovec part = {data, size};
    ControlSpace control;
    msghdr message = messageOf(part, control);
    const ssize_t n = recvmsg(socket, &message, flags | MSG_CMSG_CLOEXEC);
    fd = -1;
    for (cmsghdr *c = CMSG_FIRSTHDR(&message); n >= 0 && c; c = CMSG_NXTHDR(&message, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return n;
}

} // namespace conlab
