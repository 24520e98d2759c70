#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// Lays the CPU time the kernel counted for each thread during one sampling window out inside
// that window. The counters say how much each thread ran, not when: each share takes the
// earliest time a core is free while its thread was runnable, core after core, so no core is
// ever drawn running two threads at once and no thread runs while asleep. Time that does not
// fit is carried into the next window rather than dropped.
class WindowPacking
{
public:
    struct Span
    {
        std::uint64_t startNs = 0;
        std::uint64_t endNs = 0;
        std::uint64_t length() const { return endNs > startNs ? endNs - startNs : 0; }
        bool operator==(const Span &) const = default;
    };
    struct Thread
    {
        std::uint64_t runNs = 0;     // counted this window, plus what earlier ones carried
        bool lastWindow = false;     // the thread ends in this window: placed before the others
        std::vector<Span> runnable;  // inside the window, in order, not overlapping
        std::vector<Span> running;   // out: in order, inside `runnable`
        std::uint64_t carriedNs = 0; // out: what did not fit
    };

    // Packs `threads` into [startNs, endNs) on `cores` cores: those in their last window
    // first, then the rest, each group starting with thread `first` (rotated each window so
    // that no thread is always drawn first).
    static void pack(std::uint64_t startNs, std::uint64_t endNs, std::uint32_t cores,
                     std::vector<Thread> &threads, std::size_t first);

    static std::uint64_t total(const std::vector<Span> &spans);
};

} // namespace conlab
