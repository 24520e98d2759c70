#include "StateColumns.h"

#include "LaneFill.h"
#include "StatePalette.h"
#include "TimeWindow.h"
#include "analysis/StateTimeline.h"

#include <algorithm>
#include <cmath>

namespace conlab {

StateColumns::StateColumns(LaneFill &fill, const StateTimeline &timeline, std::size_t lane,
                           const QRect &bounds, const TimeWindow &window)
    : m_fill(fill), m_timeline(timeline), m_lane(lane), m_bounds(bounds), m_window(window),
      m_origin(double(timeline.meta().startNs)), m_firstNs(m_origin + window.startNs()),
      m_nsPerPixel((window.endNs() - window.startNs()) / std::max(1, bounds.width()))
{
    for (std::size_t kind = 0; kind < StateCoverage::kKinds; ++kind)
        m_colors[kind] =
            StatePalette::color(StatePalette::categoryOf(StateCoverage::Kind(kind))).rgb();
}

std::uint64_t StateColumns::timeAt(int x) const
{
    // Truncation is floor here: only positive times are kept.
    const double ns = m_firstNs + (x - m_bounds.left()) * m_nsPerPixel;
    return ns <= 0 ? 0 : std::uint64_t(ns);
}

bool StateColumns::hasBar(const StateInterval &interval) const
{
    if (interval.state == WorkerState::Terminated)
        return true;
    const double x0 = m_window.leftX(double(interval.startNs) - m_origin, m_bounds);
    const double x1 = m_window.rightX(double(interval.endNs) - m_origin, m_bounds);
    return x1 - x0 >= 1.0;
}

std::size_t StateColumns::paintFrom(int column)
{
    const auto &intervals = m_timeline.lane(m_lane).intervals;
    column = std::max(column, m_bounds.left() - 1);
    std::uint64_t from = timeAt(column);
    std::uint64_t to = timeAt(column + 1);
    std::size_t at = m_timeline.firstIntervalEndingAfter(m_lane, from);
    bool atHasBar = at < intervals.size() && hasBar(intervals[at]);
    StateCoverage::Totals before = m_timeline.timeBefore(m_lane, at, from);
    for (;; ++column) {
        if (column > m_bounds.right())
            return intervals.size();
        m_timeline.prefetch(m_lane, timeAt(column + 3), at);
        const std::size_t next = m_timeline.firstIntervalEndingAfter(m_lane, to, at);
        const bool nextHasBar =
            next == at ? atHasBar : next < intervals.size() && hasBar(intervals[next]);
        const StateCoverage::Totals upTo = m_timeline.timeBefore(m_lane, next, to);
        StateCoverage::Totals inColumn;
        for (std::size_t kind = 0; kind < inColumn.size(); ++kind)
            inColumn[kind] = upTo[kind] - std::min(upTo[kind], before[kind]);
        // A bar reaching into the column shows itself; the column shows what is too brief
        // to, so a moment of "ready" between two long bars is not outvoted by them.
        const auto leaveOut = [&](const StateInterval &bar) {
            const std::uint64_t start = std::max(bar.startNs, from);
            const std::uint64_t end = std::min(bar.endNs, to);
            std::uint64_t &time = inColumn[std::size_t(StateCoverage::kindOf(bar))];
            if (end > start)
                time -= std::min(time, end - start);
        };
        if (atHasBar)
            leaveOut(intervals[at]);
        if (nextHasBar && next != at)
            leaveOut(intervals[next]);
        add(column, inColumn);
        before = upTo;
        at = next;
        atHasBar = nextHasBar;
        from = to;
        to = timeAt(column + 2);
        if (next >= intervals.size())
            return next;
        // The interval reaching into the next column: more columns if it is narrow too.
        if (nextHasBar || double(intervals[next].startNs) - m_origin > m_window.endNs())
            return next;
    }
}

void StateColumns::add(int column, const StateCoverage::Totals &totals)
{
    Look look;
    StateCoverage::Kind first{};
    StateCoverage::Kind second{};
    bool mixed = false;
    if (StateCoverage::dominant(totals, first, second, mixed)) {
        look.first = int(first);
        if (mixed) {
            std::uint64_t all = 0;
            for (std::size_t kind = 0; kind < std::size_t(StateCoverage::Kind::Terminated); ++kind)
                all += totals[kind];
            const double share = double(totals[std::size_t(second)]) / double(all);
            look.second = int(second);
            look.markHeight = std::max(kMixMark, int(share * m_bounds.height() + 0.5));
        }
    }
    if (m_runStart >= 0 && look == m_runLook && column == m_runEnd + 1) {
        m_runEnd = column;
        return;
    }
    flush();
    m_runStart = m_runEnd = column;
    m_runLook = look;
}

void StateColumns::flush()
{
    if (m_runStart < 0)
        return;
    if (m_runLook.first >= 0) {
        const int width = m_runEnd - m_runStart + 1;
        const int mark = m_runLook.second >= 0 ? m_runLook.markHeight : 0;
        m_fill.fill(QRect(m_runStart, m_bounds.top(), width, m_bounds.height() - mark),
                    m_colors[std::size_t(m_runLook.first)]);
        if (mark > 0)
            m_fill.fill(QRect(m_runStart, m_bounds.bottom() + 1 - mark, width, mark),
                        m_colors[std::size_t(m_runLook.second)]);
    }
    m_runStart = -1;
}

} // namespace conlab
