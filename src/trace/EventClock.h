#pragma once

#include "Clock.h"

#include <cstdint>
#include <string_view>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace conlab {

// Which clock a run's workers stamp their events with. Stored in the arena header (so that
// worker processes stamp as the runner chose) and named in the trace header.
enum class ClockKind : std::uint32_t {
    Monotonic = 0, // clock_gettime(CLOCK_MONOTONIC) itself
    Tsc = 1,       // the time-stamp counter, converted by the collector
};

// The stamp a worker puts on an event. Reading CLOCK_MONOTONIC costs about 25 ns, most of
// the cost of recording an event; reading the TSC costs a third of that. So where the TSC is
// trustworthy, events leave the worker with raw ticks, tagged by the top bit, and the
// collector (StampConverter) turns them into CLOCK_MONOTONIC ns before anyone else sees them.
// An untagged stamp is CLOCK_MONOTONIC ns already (recordAt() callers, samplers), so a ring
// may hold both.
class EventClock
{
public:
    // Ticks since reset stay far below 2^63 (a century at 3 GHz), so the bit is free.
    static constexpr std::uint64_t kTicksTag = std::uint64_t(1) << 63;

    // The run's choice, made once by the runner: the TSC only where it is constant and
    // nonstop and the kernel itself trusts it; CONLAB_CLOCK=monotonic forces the fallback.
    static ClockKind choose();
    static bool tscUsable();

    // Per process: the runner before its workers start, a worker process from the arena.
    static void use(ClockKind kind) { s_ticks = kind == ClockKind::Tsc; }
    static ClockKind kind() { return s_ticks ? ClockKind::Tsc : ClockKind::Monotonic; }

    static std::uint64_t now() { return s_ticks ? readTicks() | kTicksTag : monotonicNs(); }
    static bool isTicks(std::uint64_t stamp) { return (stamp & kTicksTag) != 0; }
    static std::uint64_t ticksOf(std::uint64_t stamp) { return stamp & ~kTicksTag; }

    // Ordered like the vDSO's own read (LFENCE first): a plain RDTSC may execute before the
    // loads and stores in front of it, and stamps taken inside a critical section must not
    // leak out of it, or a release could look later than the next acquire.
    static std::uint64_t readTicks()
    {
#if defined(__x86_64__)
        _mm_lfence();
        return __rdtsc();
#else
        return 0;
#endif
    }

    static const char *name(ClockKind kind);
    static bool parse(std::string_view name, ClockKind &kind);

private:
    inline static bool s_ticks = false;
};

} // namespace conlab
