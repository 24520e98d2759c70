#include "TimeWindow.h"

#include <algorithm>
#include <cmath>

namespace conlab {

TimeWindow::TimeWindow(double startNs, double endNs)
    : m_startNs(startNs), m_endNs(std::max(endNs, startNs + 1.0))
{
}

double TimeWindow::xForTime(double ns, const QRect &plot) const
{
    return plot.left() + (ns - m_startNs) * plot.width() / (m_endNs - m_startNs);
}

double TimeWindow::timeForX(double x, const QRect &plot) const
{
    return m_startNs + (x - plot.left()) * (m_endNs - m_startNs) / std::max(1, plot.width());
}

double TimeWindow::leftX(double startNs, const QRect &plot) const
{
    return std::max(xForTime(startNs, plot), double(plot.left() - 1));
}

double TimeWindow::rightX(double endNs, const QRect &plot) const
{
    return std::min(xForTime(endNs, plot), double(plot.right() + 1));
}

QRect TimeWindow::bar(double startNs, double endNs, const QRect &lane, int minWidth) const
{
    const int left = int(std::lround(leftX(startNs, lane)));
    const int right = std::max(left + minWidth, int(std::lround(rightX(endNs, lane))));
    return QRect(left, lane.top(), right - left, lane.height());
}

} // namespace conlab
