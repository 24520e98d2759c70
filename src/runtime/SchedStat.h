#pragma once

#include <cstdint>
#include <string_view>
#include <sys/types.h>

namespace conlab {

// The kernel's own accounting of one thread: /proc/<pid>/task/<tid>/schedstat (time on a CPU,
// time waiting on a run queue, slices) and the CPU it last ran on (field 39 of .../stat).
// A running thread's on-CPU time is brought up to date only at timer ticks and context
// switches, and its run-queue wait only when it is dispatched: a reading is exact at those
// moments and may lag by up to a tick in between.
struct SchedStat
{
    std::uint64_t onCpuNs = 0;
    std::uint64_t runDelayNs = 0;
    std::uint64_t slices = 0;
    int processor = -1;

    // "on-cpu run-delay slices\n"
    static bool parse(std::string_view text, SchedStat &out);
    // The CPU field of a /proc stat line; the command name may hold spaces and parentheses.
    static int parseProcessor(std::string_view statLine);
    // Reads the thread `tid` of this process. False if it is gone or schedstat is off.
    static bool read(pid_t tid, SchedStat &out);
};

} // namespace conlab
