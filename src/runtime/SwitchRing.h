#pragma once

#include <cstdint>
#include <sys/types.h>

namespace conlab {

// Whether another thread was switched onto or off a CPU since a mark, read from shared memory
// without a system call: the kernel's perf ring of context-switch records for that thread
// (a software event that counts nothing, so no hardware counter and no kernel profiling is
// asked for). Where perf events are not allowed (kernel.perf_event_paranoid 3, Debian's
// default, without CAP_PERFMON) or the ring cannot be mapped, valid() is false and the
// caller reads the thread's counters as before.
class SwitchRing
{
public:
    explicit SwitchRing(pid_t tid);
    ~SwitchRing();
    SwitchRing(const SwitchRing &) = delete;
    SwitchRing &operator=(const SwitchRing &) = delete;

    bool valid() const { return m_page != nullptr; }
    // Where the kernel's writing stands: it moves with every switch in or out. The records
    // themselves are never read; marking frees the ring, so that the next switch always fits
    // and is seen even when a burst filled it.
    std::uint64_t mark();
    // Whether a switch happened since `mark` (a value mark() returned).
    bool switchedSince(std::uint64_t mark) const;

private:
    int m_fd = -1;
    void *m_page = nullptr;
    std::size_t m_length = 0;
};

} // namespace conlab
