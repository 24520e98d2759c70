#pragma once

#include <cstdint>
#include <string>

namespace conlab {

// What a server costs the machine, read from /proc, and the descriptor limit its clients need.
class ProcessResources
{
public:
    // VmRSS of process `pid` (0: this process) in KiB, from /proc/PID/status; -1 if it is gone.
    // Pages a forked child shares with its parent count in both.
    static std::int64_t residentKib(int pid);
    // Private_Clean + Private_Dirty from /proc/PID/smaps_rollup: the pages only that process
    // maps, which is what a fork really added. -1 if it is gone. Walks its page tables: costly.
    static std::int64_t privateKib(int pid);
    // Sockets among this process's open descriptors.
    static int openSockets();
    // Makes room for `needed` open descriptors: raises the soft RLIMIT_NOFILE to the hard limit
    // when the soft one is lower. False, with a message, if even the hard limit is too low.
    static bool ensureOpenFiles(std::uint64_t needed, std::string *error);
};

} // namespace conlab
