#pragma once

#include "trace/Event.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// Depth of one queue over time, from its put and get events (each carries the depth it
// left); likewise the bytes in a pipe and the holders inside a semaphore. Kept sorted by time even
// when live batches arrive slightly out of order.
class QueueDepthSeries
{
public:
    struct Point
    {
        std::uint64_t timeNs;
        std::uint32_t depth;
    };

    explicit QueueDepthSeries(std::uint32_t queue = 0) : m_queue(queue) {}
    void reset(std::uint32_t queue);
    // Returns true if any point was added.
    bool append(const Event *events, std::size_t count);

    std::uint32_t queue() const { return m_queue; }
    const std::vector<Point> &points() const { return m_points; }
    std::uint32_t maxDepth() const { return m_maxDepth; }

private:
    std::uint32_t m_queue;
    std::vector<Point> m_points;
    std::uint32_t m_maxDepth = 0;
};

} // namespace conlab
