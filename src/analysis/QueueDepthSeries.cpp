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
            const auto at =
                std::upper_bound(m_points.begin(), m_points.end(), e.timeNs,
                                 [](std::uint64_t t, const Point &p) { return t < p.timeNs; });
            m_points.insert(at, point);
        }
        m_maxDepth = std::max(m_maxDepth, e.value);
        added = true;
    }
    return added;
}

} // namespace conlab
