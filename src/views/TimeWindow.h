#pragma once

#include <QRect>

namespace conlab {

// The stretch of a run a timeline shows (ns from the run's start) and how it maps onto a
// plot's x axis. Every row kind clips and rounds its bars here, so that bars of different
// rows which start at the same instant share the same pixel column.
class TimeWindow
{
public:
    TimeWindow() = default;
    // An empty or reversed window is widened to 1 ns: the mapping divides by its length.
    TimeWindow(double startNs, double endNs);

    double startNs() const { return m_startNs; }
    double endNs() const { return m_endNs; }
    bool contains(double ns) const { return ns >= m_startNs && ns <= m_endNs; }
    bool overlaps(double startNs, double endNs) const
    {
        return !(endNs < m_startNs || startNs > m_endNs);
    }

    double xForTime(double ns, const QRect &plot) const;
    double timeForX(double x, const QRect &plot) const;
    // A bar's left and right edge, held a pixel outside the plot: a bar cut off by the
    // window's edge must not show an edge of its own there.
    double leftX(double startNs, const QRect &plot) const;
    double rightX(double endNs, const QRect &plot) const;
    // The bar for [startNs, endNs] across `lane`'s height, at least `minWidth` pixels wide so
    // that brief intervals stay visible when zoomed out.
    QRect bar(double startNs, double endNs, const QRect &lane, int minWidth) const;

private:
    double m_startNs = 0;
    double m_endNs = 1e9;
};

} // namespace conlab
