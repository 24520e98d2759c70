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
    // The depth at `timeNs`: the last change at or before it, 0 before the first.
    std::uint32_t depthAt(std::uint64_t timeNs) const;
    // The step line from `fromNs` to `toNs`, as vertices to join, drawn at a resolution of
    // `columns` equal slices of that time: a slice with changes is one vertical stroke (from
    // the depth it entered with through its lowest and highest to its last, at the time of its
    // first change), so a line of millions of puts and gets costs what the pixels cost; a
    // slice with one change is that change, exactly.
    std::vector<Point> stepLine(std::uint64_t fromNs, std::uint64_t toNs, int columns) const;

private:
    // The first point later than `timeNs` (where a point at `timeNs` goes in order).
    std::vector<Point>::const_iterator firstAfter(std::uint64_t timeNs) const;

    std::uint32_t m_queue;
    std::vector<Point> m_points;
    std::uint32_t m_maxDepth = 0;
};

} // namespace conlab
