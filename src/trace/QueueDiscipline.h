#pragma once

#include <cstdint>
#include <string_view>

namespace conlab {

// Which item a queue's get takes: the oldest (FIFO), the newest (LIFO), or the one of
// lowest priority number, the oldest among equals, as Python's queue module orders them. The
// priority is the item id's bits from kPriorityShift up. Shared by the queue that obeys it
// and the trace checker that verifies it.
class QueueDiscipline
{
public:
    enum class Order { Fifo, Lifo, Priority };
    static constexpr int kPriorityShift = 40;

    // "fifo", "lifo", "priority"; anything else is FIFO.
    static Order fromName(std::string_view name);
    static const char *name(Order order);
    // The index (0 = oldest) of the item a get takes from `items`, oldest first.
    static std::uint32_t pick(Order order, const std::int64_t *items, std::uint32_t count);
    static std::int64_t priorityOf(std::int64_t item) { return item >> kPriorityShift; }
};

} // namespace conlab
