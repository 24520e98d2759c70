#include "QueueDiscipline.h"

namespace conlab {

QueueDiscipline::Order QueueDiscipline::fromName(std::string_view name)
{
    if (name == "lifo")
        return Order::Lifo;
    if (name == "priority")
        return Order::Priority;
    return Order::Fifo;
}

const char *QueueDiscipline::name(Order order)
{
    switch (order) {
    case Order::Fifo:
        return "fifo";
    case Order::Lifo:
        return "lifo";
    case Order::Priority:
        return "priority";
    }
    return "fifo";
}

std::uint32_t QueueDiscipline::pick(Order order, const std::int64_t *items, std::uint32_t count)
{
    if (count == 0 || order == Order::Fifo)
        return 0;
    if (order == Order::Lifo)
        return count - 1;
    std::uint32_t best = 0;
    for (std::uint32_t i = 1; i < count; ++i)
        if (priorityOf(items[i]) < priorityOf(items[best]))
            best = i;
    return best;
}

} // namespace conlab
