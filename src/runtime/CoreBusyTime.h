#pragma once

#include <cstdint>
#include <sched.h>
#include <string_view>

namespace conlab {

// How long a set of cores was busy, from the kernel's per-CPU counters in /proc/stat: user,
// nice, system, irq, softirq and steal time (idle and IO wait are not busy). The counters
// advance in clock ticks (USER_HZ, usually 100 a second), so a difference is good to a tick
// per core. The kernel lesson subtracts its own threads' time to say how much of its cores
// other programs took.
struct CoreBusyTime
{
    // The busy ns of the cores in `cpus`, from the text of /proc/stat. False if a core of the
    // set has no line or a line is malformed.
    static bool parse(std::string_view procStat, const cpu_set_t &cpus, long ticksPerSecond,
                      std::uint64_t &busyNs);
    // The same, read now. False if /proc/stat cannot be read.
    static bool read(const cpu_set_t &cpus, std::uint64_t &busyNs);
};

} // namespace conlab
