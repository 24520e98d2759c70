#pragma once

#include <atomic>
#include <cstdint>

namespace conlab {

// Per-worker flags shared by every process of a run: who has ended (so others can join),
// who has been asked to end early (daemons), and the OS ids for the lanes.
class WorkerTable
{
public:
    static constexpr std::uint32_t kMaxWorkers = 128;

    struct Slot
    {
        std::atomic<std::uint32_t> terminated{0};
        std::atomic<std::uint32_t> cancel{0};
        std::atomic<std::int32_t> pid{0};
        std::atomic<std::int32_t> tid{0};
    };

    Slot &slot(std::uint32_t worker) { return m_slots[worker]; }
    bool isTerminated(std::uint32_t worker) const
    {
        return m_slots[worker].terminated.load(std::memory_order_acquire) != 0;
    }
    void markTerminated(std::uint32_t worker);
    void cancel(std::uint32_t worker);

private:
    Slot m_slots[kMaxWorkers];
};

} // namespace conlab
