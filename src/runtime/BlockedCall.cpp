#include "BlockedCall.h"

#include <sys/syscall.h>

namespace conlab {

bool BlockedCall::readsDescriptor(long number)
{
    switch (number) {
    case SYS_read:
    case SYS_readv:
    case SYS_pread64:
    case SYS_recvfrom:
    case SYS_recvmsg:
#ifdef SYS_recvmmsg
    case SYS_recvmmsg:
#endif
        return true;
    default:
        return false;
    }
}

BlockedCall::Wait BlockedCall::fromSyscall(long number, std::string_view fdTarget)
{
    if (readsDescriptor(number)) {
        if (fdTarget.substr(0, 5) == "pipe:")
            return Wait::Pipe;
        if (fdTarget.substr(0, 7) == "socket:")
            return Wait::Socket;
        return Wait::FileOrTerminal;
    }
    switch (number) {
    case SYS_futex:
#ifdef SYS_futex_waitv
    case SYS_futex_waitv:
#endif
        return Wait::LockOrCondition;
#ifdef SYS_poll
    case SYS_poll:
#endif
#ifdef SYS_select
    case SYS_select:
#endif
#ifdef SYS_epoll_wait
    case SYS_epoll_wait:
#endif
#ifdef SYS_epoll_pwait2
    case SYS_epoll_pwait2:
#endif
    case SYS_ppoll:
    case SYS_pselect6:
    case SYS_epoll_pwait:
        return Wait::Multiplexing;
    case SYS_nanosleep:
    case SYS_clock_nanosleep:
        return Wait::Sleep;
    case SYS_wait4:
    case SYS_waitid:
        return Wait::JoinChild;
    case SYS_accept:
    case SYS_accept4:
        return Wait::Accept;
    default:
        return Wait::OtherCall;
    }
}

BlockedCall::Wait BlockedCall::fromWchan(std::string_view function)
{
    const auto has = [&](std::string_view part) {
        return function.find(part) != std::string_view::npos;
    };
    if (function.empty() || function == "0")
        return Wait::Unknown;
    if (has("futex"))
        return Wait::LockOrCondition;
    if (has("pipe_read") || has("pipe_wait") || has("fifo"))
        return Wait::Pipe;
    if (has("poll") || has("select"))
        return Wait::Multiplexing;
    if (has("nanosleep") || has("hrtimer"))
        return Wait::Sleep;
    if (has("do_wait") || has("kernel_wait"))
        return Wait::JoinChild;
    if (has("accept"))
        return Wait::Accept;
    if (has("sk_wait") || has("recvmsg") || has("unix_stream") || has("unix_dgram") ||
        has("tcp_") || has("udp_"))
        return Wait::Socket;
    if (has("tty") || has("wait_woken"))
        return Wait::FileOrTerminal;
    if (has("do_signal_stop") || has("ptrace_stop"))
        return Wait::Stopped;
    return Wait::OtherCall;
}

BlockReason BlockedCall::reason(Wait wait)
{
    switch (wait) {
    case Wait::LockOrCondition:
        return BlockReason::Lock;
    case Wait::Pipe:
        return BlockReason::PipeEmpty;
    case Wait::Sleep:
        return BlockReason::Sleep;
    case Wait::JoinChild:
        return BlockReason::Join;
    case Wait::Socket:
    case Wait::FileOrTerminal:
    case Wait::Multiplexing:
    case Wait::Accept:
    case Wait::OtherCall:
    case Wait::Stopped:
    case Wait::Unknown:
        break;
    }
    return BlockReason::Io;
}

const char *BlockedCall::name(Wait wait)
{
    switch (wait) {
    case Wait::LockOrCondition:
        return "lock or condition";
    case Wait::Pipe:
        return "pipe";
    case Wait::Socket:
        return "IO (socket)";
    case Wait::FileOrTerminal:
        return "IO (file or terminal)";
    case Wait::Multiplexing:
        return "multiplexing";
    case Wait::Sleep:
        return "sleep";
    case Wait::JoinChild:
        return "join child";
    case Wait::Accept:
        return "accept";
    case Wait::OtherCall:
        return "another system call";
    case Wait::Stopped:
        return "stopped (a signal or a debugger)";
    case Wait::Unknown:
        return "unknown: neither the system call nor wchan may be read";
    }
    return "unknown";
}

} // namespace conlab
