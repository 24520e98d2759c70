#pragma once

#include "trace/Event.h"

#include <cstdint>
#include <string_view>

namespace conlab {

// Why a thread of a watched program waits, told from outside: from the system call it sleeps
// in (/proc/<pid>/task/<tid>/syscall: its number and first argument), else from the kernel
// function it sleeps in (.../wchan). The lab's own primitives know their reason; a foreign
// program's wait is only as precise as these two readings.
class BlockedCall
{
public:
    enum class Wait : std::uint8_t {
        LockOrCondition, // futex: a lock, a condition variable, a semaphore, a join of a thread
        Pipe,            // a read on a pipe (or FIFO)
        Socket,          // a read or receive on a socket
        FileOrTerminal,  // a read on anything else: a terminal, a file, a device
        Multiplexing,    // poll, select, epoll_wait: waiting on many descriptors at once
        Sleep,           // nanosleep, clock_nanosleep
        JoinChild,       // wait4, waitid: waiting for a child process to end
        Accept,          // accept, accept4: waiting for a connection
        OtherCall,       // any other system call
        Stopped,         // stopped by a signal (SIGSTOP) or a debugger
        Unknown,         // neither the system call nor wchan could be read
    };
    static constexpr int kWaitCount = int(Wait::Unknown) + 1;

    // The wait of system call `number`; `fdTarget` is where its first argument points
    // (readlink of /proc/<pid>/fd/<arg0>: "pipe:[123]", "socket:[456]", a path) for the calls
    // that read from a descriptor, empty otherwise.
    static Wait fromSyscall(long number, std::string_view fdTarget);
    // Whether the first argument of `number` is a descriptor to look up for fromSyscall.
    static bool readsDescriptor(long number);
    // The wait a kernel function name from wchan suggests ("futex_wait_queue", "pipe_read",
    // "do_sys_poll", ...); Unknown for "0" or an empty reading.
    static Wait fromWchan(std::string_view function);

    // How a wait is drawn: the lab's block reason, and a short name for it.
    static BlockReason reason(Wait wait);
    static const char *name(Wait wait);
};

} // namespace conlab
