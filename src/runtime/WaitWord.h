#pragma once

#include "Futex.h"
#include "ProcessMutex.h"

#include <atomic>
#include <cstdint>

namespace conlab {

// A futex word and a count of who sleeps on it, both guarded by the owning object's state
// mutex. A change wakes the kernel only when someone sleeps: FUTEX_WAKE is a system call (about
// a microsecond here) even when nobody waits, and most releases, puts and sets have no waiter.
// Lives in the arena with its owner.
class WaitWord
{
public:
    // With `lock` held: sleeps, with it released, until the next change(), the timeout or a
    // signal; relocks. Callers re-check their condition.
    void wait(ProcessMutexLocker &lock, int timeoutMs)
    {
        const std::uint32_t seq = m_word.load(std::memory_order_acquire);
        ++m_sleepers;
        lock.unlock();
        // A change() between the unlock and the sleep moved the word on: the sleep returns.
        futexWait(m_word, seq, timeoutMs);
        lock.relock();
        --m_sleepers;
    }

    // With the owner's state mutex held: wakes every sleeper, if there is one.
    void change()
    {
        m_word.fetch_add(1, std::memory_order_release);
        if (m_sleepers > 0)
            futexWakeAll(m_word);
    }

private:
    std::atomic<std::uint32_t> m_word{0};
    std::uint32_t m_sleepers = 0;
};

} // namespace conlab
