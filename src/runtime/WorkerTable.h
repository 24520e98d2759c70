#pragma once

#include <atomic>
#include <cstdint>

namespace conlab {

// Per-worker flags shared by every process of a run: who has ended (so others can join),
// who has been asked to end early (daemons), and the OS ids for the lanes.
class WorkerTable
{
public:
    // A thousand workers and main: shared-counter and start-cost draw that many lanes.
    static constexpr std::uint32_t kMaxWorkers = 1024;

    struct Slot
    {
        std::atomic<std::uint32_t> terminated{0};
        std::atomic<std::uint32_t> cancel{0};
        // Set by the runner's deadlock detector: the worker's current lock wait must fail.
        std::atomic<std::uint32_t> abortWait{0};
        std::atomic<std::int32_t> pid{0};
        std::atomic<std::int32_t> tid{0};
    };

    Slot &slot(std::uint32_t worker) { return m_slots[worker]; }
    std::atomic<std::uint32_t> &startedCount() { return m_started; }
    bool isTerminated(std::uint32_t worker) const
    {
        return m_slots[worker].terminated.load(std::memory_order_acquire) != 0;
    }
    void markTerminated(std::uint32_t worker);
    void cancel(std::uint32_t worker);
    void abortWait(std::uint32_t worker);
    // True once, for a worker whose wait was aborted; clears the request.
    bool takeAbortWait(std::uint32_t worker);

private:
    Slot m_slots[kMaxWorkers];
    std::atomic<std::uint32_t> m_started{0};
};

} // namespace conlab
