#pragma once

#include <cstdint>
#include <time.h>

namespace conlab {

// CLOCK_MONOTONIC is shared by every process on the machine, so timestamps taken in worker
// processes and in the runner compare directly.
inline std::uint64_t monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000ull + std::uint64_t(ts.tv_nsec);
}

} // namespace conlab
