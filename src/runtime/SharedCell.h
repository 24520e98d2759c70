#pragma once

#include <atomic>
#include <cstdint>

namespace conlab {

class WorkerContext;

// One shared integer (a counter, a ticket stock) whose reads and writes are recorded, so a
// lost update is visible in the trace: two reads of the same value followed by two writes.
// The accesses are deliberately separate; a scenario adds a lock around them or not.
class SharedCell
{
public:
    SharedCell(std::uint32_t id, std::int64_t initial) : m_id(id), m_value(initial) {}

    std::int64_t read(WorkerContext &worker);
    void write(WorkerContext &worker, std::int64_t value);
    // An indivisible read-modify-write, for bookkeeping that must not race.
    std::int64_t add(WorkerContext &worker, std::int64_t delta);

    std::uint32_t id() const { return m_id; }
    std::int64_t peek() const { return m_value.load(std::memory_order_acquire); }

private:
    std::uint32_t m_id;
    std::atomic<std::int64_t> m_value;
};

} // namespace conlab
