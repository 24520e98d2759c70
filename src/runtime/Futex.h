#pragma once

#include <atomic>
#include <cstdint>

namespace conlab {

// Shared (not process-private) futex operations: the words live in the arena, mapped by
// several processes. A wait returns on a wake, a value change, a signal or the timeout;
// callers always re-check their condition.
void futexWait(std::atomic<std::uint32_t> &word, std::uint32_t expected, int timeoutMs);
void futexWakeAll(std::atomic<std::uint32_t> &word);

// Bumps the word and wakes everyone waiting on its old value.
inline void futexBumpAndWake(std::atomic<std::uint32_t> &word)
{
    word.fetch_add(1, std::memory_order_release);
    futexWakeAll(word);
}

} // namespace conlab
