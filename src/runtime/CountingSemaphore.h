#pragma once

#include "ProcessMutex.h"
#include "WaitWord.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// At most `limit` holders inside at once; the rest block (reason semaphore). Recorded with
// the number inside after each acquire and release. Lives in the arena.
class CountingSemaphore
{
public:
    enum class Result { Acquired, Stopped };

    CountingSemaphore(std::uint32_t id, std::uint32_t limit);

    Result acquire(WorkerContext &worker);
    void release(WorkerContext &worker);

    std::uint32_t id() const { return m_id; }
    std::uint32_t limit() const { return m_limit; }

private:
    ProcessMutex m_state;
    WaitWord m_released;
    std::uint32_t m_id;
    std::uint32_t m_limit;
    std::uint32_t m_inside = 0;
};

} // namespace conlab
