#include "StateCoverage.h"

#include <algorithm>

namespace conlab {

StateCoverage::Kind StateCoverage::kindOf(const StateInterval &interval)
{
    switch (interval.state) {
    case WorkerState::New:
        return Kind::New;
    case WorkerState::Ready:
        return Kind::Ready;
    case WorkerState::Running:
        return Kind::Running;
    case WorkerState::Terminated:
        return Kind::Terminated;
    case WorkerState::Blocked:
        break;
    }
    switch (interval.reason) {
    case BlockReason::QueueFull:
    case BlockReason::QueueEmpty:
    case BlockReason::QueueJoin:
    case BlockReason::PipeFull:
    case BlockReason::PipeEmpty:
        return Kind::BlockedQueue;
    case BlockReason::Join:
    case BlockReason::Result:
    case BlockReason::Sleep:
    case BlockReason::Io:
    case BlockReason::Switch:
        return Kind::Waiting;
    case BlockReason::None:
    case BlockReason::Lock:
    case BlockReason::Semaphore:
    case BlockReason::Event:
        break;
    }
    return Kind::BlockedSync;
}

bool StateCoverage::dominant(const Totals &totals, Kind &first, Kind &second, bool &hasSecond)
{
    std::size_t best = kKinds;
    std::size_t next = kKinds;
    for (std::size_t kind = 0; kind < std::size_t(Kind::Terminated); ++kind) {
        if (totals[kind] == 0)
            continue;
        if (best == kKinds || totals[kind] > totals[best]) {
            next = best;
            best = kind;
        } else if (next == kKinds || totals[kind] > totals[next]) {
            next = kind;
        }
    }
    hasSecond = next != kKinds;
    if (best == kKinds)
        return false;
    first = Kind(best);
    if (hasSecond)
        second = Kind(next);
    return true;
}

StateCoverage::StateCoverage() : m_marks(1, Totals{}) {}

void StateCoverage::update(const std::vector<StateInterval> &intervals)
{
    // Only the last interval can be open; every one before it is closed for good.
    const std::size_t closed =
        intervals.size() - (!intervals.empty() && intervals.back().open ? 1 : 0);
    while (m_marks.size() * kStride <= closed) {
        Totals totals = m_marks.back();
        const std::size_t from = (m_marks.size() - 1) * kStride;
        for (std::size_t i = from; i < from + kStride; ++i)
            totals[std::size_t(kindOf(intervals[i]))] += intervals[i].endNs - intervals[i].startNs;
        m_marks.push_back(totals);
        m_strideEnds.push_back(intervals[from + kStride - 1].endNs);
    }
}

std::size_t StateCoverage::find(const std::vector<StateInterval> &intervals, std::uint64_t timeNs,
                                std::size_t near) const
{
    const std::size_t stride = strideOf(timeNs, near);
    std::size_t index = stride * kStride;
    if (stride < m_strideEnds.size()) {
        // A closed stride: a binary search reads fewer of its intervals than a walk.
        const auto it = std::partition_point(
            intervals.begin() + std::ptrdiff_t(index),
            intervals.begin() + std::ptrdiff_t(index + kStride),
            [timeNs](const StateInterval &interval) { return interval.endNs <= timeNs; });
        return std::size_t(it - intervals.begin());
    }
    while (index < intervals.size() && intervals[index].endNs <= timeNs && !intervals[index].open)
        ++index;
    return index;
}

void StateCoverage::prefetch(const std::vector<StateInterval> &intervals, std::uint64_t timeNs,
                             std::size_t near) const
{
    const std::size_t stride = strideOf(timeNs, near);
    if (stride + 1 >= m_marks.size())
        return;
    __builtin_prefetch(&m_marks[stride]);
    const char *from = reinterpret_cast<const char *>(&intervals[stride * kStride]);
    const char *to = reinterpret_cast<const char *>(&intervals[stride * kStride + kStride - 1]);
    for (const char *line = from; line <= to; line += 64)
        __builtin_prefetch(line);
}

std::size_t StateCoverage::strideOf(std::uint64_t timeNs, std::size_t near) const
{
    // Ends never decrease along a lane, so the first stride whose last interval ends after
    // `timeNs` holds the answer; past every closed stride, it is in the rest.
    const auto endsBy = [timeNs](std::uint64_t end) {
        return end <= timeNs;
    };
    const std::size_t strides = m_strideEnds.size();
    std::size_t stride = 0;
    if (near == kNowhere || strides == 0) {
        stride =
            std::size_t(std::partition_point(m_strideEnds.begin(), m_strideEnds.end(), endsBy) -
                        m_strideEnds.begin());
    } else {
        // Galloping from `near`'s stride, forwards or backwards, then a binary search in the
        // last step: the answer is the first stride for which endsBy is false.
        std::size_t low = 0;
        std::size_t high = strides;
        const std::size_t start = std::min(near / kStride, strides - 1);
        if (endsBy(m_strideEnds[start])) {
            low = start + 1;
            for (std::size_t step = 1; low + step - 1 < strides; step *= 2) {
                if (!endsBy(m_strideEnds[low + step - 1])) {
                    high = low + step - 1;
                    break;
                }
                low += step;
            }
        } else {
            high = start;
            for (std::size_t step = 1; high >= step; step *= 2) {
                if (endsBy(m_strideEnds[high - step])) {
                    low = high - step + 1;
                    break;
                }
                high -= step;
            }
        }
        stride =
            std::size_t(std::partition_point(m_strideEnds.begin() + std::ptrdiff_t(low),
                                             m_strideEnds.begin() + std::ptrdiff_t(high), endsBy) -
                        m_strideEnds.begin());
    }
    return stride;
}

StateCoverage::Totals StateCoverage::before(const std::vector<StateInterval> &intervals,
                                            std::size_t index, std::uint64_t timeNs) const
{
    const std::size_t mark = std::min(index / kStride, m_marks.size() - 1);
    Totals totals;
    if (mark + 1 < m_marks.size() && index - mark * kStride > kStride / 2) {
        // Nearer the next mark: taken back from it, reading the fewer intervals.
        totals = m_marks[mark + 1];
        for (std::size_t i = index; i < (mark + 1) * kStride; ++i)
            totals[std::size_t(kindOf(intervals[i]))] -= intervals[i].endNs - intervals[i].startNs;
    } else {
        totals = m_marks[mark];
        for (std::size_t i = mark * kStride; i < index; ++i)
            totals[std::size_t(kindOf(intervals[i]))] += intervals[i].endNs - intervals[i].startNs;
    }
    if (index < intervals.size() && timeNs > intervals[index].startNs) {
        const StateInterval &at = intervals[index];
        totals[std::size_t(kindOf(at))] += std::min(timeNs, at.endNs) - at.startNs;
    }
    return totals;
}

} // namespace conlab
