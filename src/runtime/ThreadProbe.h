#pragma once

#include "SchedStat.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace conlab {

// One thread of another process as /proc/<pid>/task/<tid> shows it. The files read on every
// sample stay open and are read again with pread at offset 0 (the kernel regenerates them),
// which costs a third of opening them anew.
class ThreadProbe
{
public:
    // What .../stat says: the state letter (R running or runnable, S sleeping, D in an
    // uninterruptible wait, T/t stopped, Z zombie, ...), the parent process, the command name,
    // and, for a zombie, its wait status (field 52, readable by the same user).
    struct Status
    {
        char state = '?';
        pid_t ppid = 0;
        std::string comm;
        int exitStatus = 0;
    };
    // What .../syscall says.
    struct Call
    {
        enum class Kind { InCall, Running, NotInCall, Denied, Gone };
        Kind kind = Kind::Gone;
        long number = -1;
        std::uint64_t arguments[6] = {};
    };

    ThreadProbe(pid_t pid, pid_t tid);
    ~ThreadProbe();
    ThreadProbe(const ThreadProbe &) = delete;
    ThreadProbe &operator=(const ThreadProbe &) = delete;

    pid_t pid() const { return m_pid; }
    pid_t tid() const { return m_tid; }
    // False once the thread is gone (or never was).
    bool readSchedStat(SchedStat &out);
    bool readStatus(Status &out);
    Call readCall();
    // The kernel function the thread sleeps in; empty where it may not be read.
    std::string readWchan();
    // Where descriptor `fd` of the process points ("pipe:[12]", "socket:[34]", a path).
    std::string descriptorTarget(std::uint64_t fd) const;

    static bool parseStatus(std::string_view statLine, Status &out);
    static Call parseCall(std::string_view text);

private:
    std::string_view readFile(int &fd, const char *name, char *buffer, std::size_t size);

    pid_t m_pid;
    pid_t m_tid;
    int m_schedstat = -1;
    int m_stat = -1;
    int m_syscall = -1;
};

} // namespace conlab
