#pragma once

#include "ProcessMutex.h"
#include "WaitWord.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// A flag workers wait on until somebody sets it (Python's threading.Event, shared by
// processes too). Waits may time out; every set, clear and end of a wait is recorded.
class SharedEvent
{
public:
    enum class Result { Set, TimedOut, Stopped };

    explicit SharedEvent(std::uint32_t id) : m_id(id) {}

    // timeoutNs = 0 waits as long as it takes.
    Result wait(WorkerContext &worker, std::uint64_t timeoutNs);
    void set(WorkerContext &worker);
    void clear(WorkerContext &worker);
    bool isSet() const { return m_set.load(std::memory_order_acquire) != 0; }

    std::uint32_t id() const { return m_id; }

private:
    ProcessMutex m_state;
    std::atomic<std::uint32_t> m_set{0};
    WaitWord m_changed;
    std::uint32_t m_id;
};

} // namespace conlab
