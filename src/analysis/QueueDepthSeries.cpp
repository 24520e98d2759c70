#include "QueueDepthSeries.h"

#include <algorithm>

namespace conlab {

void QueueDepthSeries::reset(std::uint32_t queue)
{
    m_queue = queue;
    m_points.clear();
    m_maxDepth = 0;
}

bool QueueDepthSeries::append(const Event *events, std::size_t count)
{
    bool added = false;
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        // A pipe's writes and reads carry the bytes in it the same way a queue's puts and gets
        // carry its depth.
        // A semaphore's acquires and releases carry how many are inside.
        const bool moves = e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet ||
                           e.kind == EventKind::PipeWrite || e.kind == EventKind::PipeRead ||
                           e.kind == EventKind::SemAcquired || e.kind == EventKind::SemReleased;
        if (!moves || e.object != m_queue)
            continue;
        const Point point{e.timeNs, e.value};
        if (m_points.empty() || m_points.back().timeNs <= e.timeNs) {
            m_points.push_back(point);
        } else {
            m_points.insert(firstAfter(e.timeNs), point);
        }
        m_maxDepth = std::max(m_maxDepth, e.value);
        added = true;
    }
    return added;
}

std::vector<QueueDepthSeries::Point>::const_iterator
QueueDepthSeries::firstAfter(std::uint64_t timeNs) const
{
    return std::upper_bound(m_points.begin(), m_points.end(), timeNs,
                            [](std::uint64_t t, const Point &p) { return t < p.timeNs; });
}

std::uint32_t QueueDepthSeries::depthAt(std::uint64_t timeNs) const
{
    const auto after = firstAfter(timeNs);
    return after == m_points.begin() ? 0 : std::prev(after)->depth;
}

std::vector<QueueDepthSeries::Point>
QueueDepthSeries::stepLine(std::uint64_t fromNs, std::uint64_t toNs, int columns) const
{
    std::vector<Point> line;
    if (toNs < fromNs)
        return line;
    const auto add = [&line](std::uint64_t timeNs, std::uint32_t depth) {
        if (line.empty() || line.back().timeNs != timeNs || line.back().depth != depth)
            line.push_back({timeNs, depth});
    };
    auto it = firstAfter(fromNs);
    std::uint32_t depth = depthAt(fromNs);
    add(fromNs, depth);
    const double slice = double(toNs - fromNs) / double(std::max(columns, 1));
    const auto columnOf = [&](std::uint64_t timeNs) {
        return slice > 0 ? std::int64_t(double(timeNs - fromNs) / slice) : std::int64_t(0);
    };
    const auto end = m_points.end();
    while (it != end && it->timeNs <= toNs) {
        const std::int64_t column = columnOf(it->timeNs);
        const std::uint64_t at = it->timeNs;
        std::uint32_t lowest = it->depth;
        std::uint32_t highest = it->depth;
        std::uint32_t last = it->depth;
        for (++it; it != end && it->timeNs <= toNs && columnOf(it->timeNs) == column; ++it) {
            lowest = std::min(lowest, it->depth);
            highest = std::max(highest, it->depth);
            last = it->depth;
        }
        add(at, depth);
        add(at, lowest);
        add(at, highest);
        add(at, last);
        depth = last;
    }
    add(toNs, depth);
    return line;
}

} // namespace conlab
