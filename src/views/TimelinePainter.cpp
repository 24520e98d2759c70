#include "TimelinePainter.h"

#include "TimeAxis.h"
#include "analysis/RunRecording.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

namespace conlab {

namespace {

constexpr int kLegendSwatch = 12;
constexpr int kLegendSpacing = 18;
constexpr int kTerminatedThickness = 3;

QColor textColorOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? Qt::black : Qt::white;
}

} // namespace

TimelinePainter::TimelinePainter(const RunRecording &recording, const QFont &font,
                                 const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette)
{
}

void TimelinePainter::setRange(double startNs, double endNs)
{
    m_startNs = startNs;
    m_endNs = std::max(endNs, startNs + 1.0);
}

int TimelinePainter::laneCount() const
{
    return int(m_recording.timeline().laneCount());
}

int TimelinePainter::labelWidth() const
{
    const QFontMetrics metrics(m_font);
    int widest = metrics.horizontalAdvance(QStringLiteral("producer-10  pid 4000000"));
    for (int lane = 0; lane < laneCount(); ++lane)
        widest = std::max(widest, metrics.horizontalAdvance(laneLabel(lane)));
    return widest + 16;
}

int TimelinePainter::laneAt(int y) const
{
    if (y < 0)
        return -1;
    const int lane = (y - kLaneGap / 2) / (kLaneHeight + kLaneGap);
    return lane >= 0 && lane < laneCount() ? lane : -1;
}

QString TimelinePainter::laneLabel(int lane) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const StateTimeline::Lane &info = timeline.lane(std::size_t(lane));
    const QString name = QString::fromStdString(timeline.meta().workerName(info.worker));
    // Threads share their process' pid, so a thread is named by its tid and a process by pid.
    const bool process = lane > 0 && info.pid != 0 && info.pid != timeline.lane(0).pid;
    if (lane == 0 && info.pid != 0)
        return QStringLiteral("%1  pid %2").arg(name).arg(info.pid);
    if (process)
        return QStringLiteral("%1  pid %2").arg(name).arg(info.pid);
    if (info.tid != 0)
        return QStringLiteral("%1  tid %2").arg(name).arg(info.tid);
    return name;
}

double TimelinePainter::xForTime(double ns, const QRect &plot) const
{
    return plot.left() + (ns - m_startNs) * plot.width() / (m_endNs - m_startNs);
}

double TimelinePainter::timeForX(double x, const QRect &plot) const
{
    return m_startNs + (x - plot.left()) * (m_endNs - m_startNs) / std::max(1, plot.width());
}

void TimelinePainter::paintAxis(QPainter &painter, const QRect &axis) const
{
    painter.save();
    painter.setFont(m_font);
    painter.setPen(m_palette.color(QPalette::WindowText));
    painter.drawLine(axis.bottomLeft(), axis.bottomRight());
    const QFontMetrics metrics(m_font);
    for (const TimeAxis::Tick &tick : TimeAxis::ticks(m_startNs, m_endNs, axis.width())) {
        const int x = int(std::lround(xForTime(tick.timeNs, axis)));
        painter.drawLine(x, axis.bottom() - 5, x, axis.bottom());
        const int width = metrics.horizontalAdvance(tick.label);
        const int left = std::clamp(x - width / 2, axis.left(), axis.right() - width);
        painter.drawText(QPoint(left, axis.bottom() - 8), tick.label);
    }
    painter.restore();
}

void TimelinePainter::paintLanes(QPainter &painter, const QRect &plot, int scrollY) const
{
    painter.save();
    painter.setClipRect(plot);
    painter.setFont(m_font);
    // Grid lines at the ticks help to read times off lanes far from the axis.
    QColor grid = m_palette.color(QPalette::Mid);
    grid.setAlpha(90);
    painter.setPen(QPen(grid, 1, Qt::DotLine));
    for (const TimeAxis::Tick &tick : TimeAxis::ticks(m_startNs, m_endNs, plot.width())) {
        const int x = int(std::lround(xForTime(tick.timeNs, plot)));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    const int firstLane = std::max(0, laneAt(scrollY) - 1);
    for (int lane = firstLane; lane < laneCount(); ++lane) {
        const int top = plot.top() - scrollY + laneTop(lane);
        if (top > plot.bottom())
            break;
        if (lane == m_highlightedLane) {
            QColor band = m_palette.color(QPalette::Highlight);
            band.setAlpha(40);
            painter.fillRect(
                QRect(plot.left(), top - kLaneGap / 2, plot.width(), kLaneHeight + kLaneGap), band);
        }
        paintLane(painter, lane, plot, top);
    }
    if (m_nowNs >= m_startNs && m_nowNs <= m_endNs) {
        const int x = int(std::lround(xForTime(m_nowNs, plot)));
        painter.setPen(QPen(m_palette.color(QPalette::WindowText), 1, Qt::DashLine));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    painter.restore();
}

void TimelinePainter::paintLane(QPainter &painter, int lane, const QRect &plot, int top) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const auto &intervals = timeline.lane(std::size_t(lane)).intervals;
    const double origin = double(timeline.meta().startNs);
    const QFontMetrics metrics(m_font);
    std::size_t index =
        timeline.firstIntervalEndingAfter(std::size_t(lane), std::uint64_t(origin + m_startNs));

    // Intervals narrower than a pixel are merged: each pixel column shows the state that
    // covered most of it, so a zoomed-out busy lane stays truthful and cheap to draw.
    int pendingColumn = std::numeric_limits<int>::min();
    double pendingCover = 0;
    QColor pendingColor;
    auto flush = [&] {
        if (pendingCover > 0)
            painter.fillRect(QRect(pendingColumn, top, 1, kLaneHeight), pendingColor);
        pendingCover = 0;
    };

    for (; index < intervals.size(); ++index) {
        const StateInterval &interval = intervals[index];
        const double start = double(interval.startNs) - origin;
        if (start > m_endNs)
            break;
        const double x0 = std::max(xForTime(start, plot), double(plot.left() - 1));
        const double x1 =
            std::min(xForTime(double(interval.endNs) - origin, plot), double(plot.right() + 1));
        const StatePalette::Category category = StatePalette::categoryOf(interval);
        const QColor color = StatePalette::color(category);

        if (interval.state == WorkerState::Terminated) {
            flush();
            // A thin line along the lane's foot, with the exit cause written above it.
            const int left = int(std::lround(x0));
            const int lineTop = top + kLaneHeight - kTerminatedThickness;
            painter.fillRect(QRect(left, lineTop, std::max(2, int(std::lround(x1)) - left),
                                   kTerminatedThickness),
                             color);
            painter.fillRect(QRect(left, top, 2, kLaneHeight), color);
            const QString text = StatePalette::exitText(interval.exitCause, interval.exitArg);
            painter.setPen(m_palette.color(QPalette::WindowText));
            painter.drawText(QRect(left + 5, top, std::max(0, plot.right() - left - 5),
                                   kLaneHeight - kTerminatedThickness),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            continue;
        }
        if (x1 - x0 < 1.0) {
            const int column = int(std::floor(x0));
            if (column != pendingColumn) {
                flush();
                pendingColumn = column;
            }
            if (x1 - x0 > pendingCover || pendingCover == 0) {
                pendingCover = std::max(x1 - x0, 1e-9);
                pendingColor = color;
            }
            continue;
        }
        flush();
        const int left = int(std::lround(x0));
        const int right = std::max(left + 1, int(std::lround(x1)));
        const QRect segment(left, top, right - left, kLaneHeight);
        painter.fillRect(segment, color);
        if (interval.state == WorkerState::Blocked) {
            const QString text = StatePalette::reasonName(interval.reason);
            if (metrics.horizontalAdvance(text) + 8 <= segment.width()) {
                painter.setPen(textColorOn(color));
                painter.drawText(segment, Qt::AlignCenter, text);
            }
        }
    }
    flush();
}

void TimelinePainter::paintLabels(QPainter &painter, const QRect &labels, int scrollY) const
{
    painter.save();
    painter.setClipRect(labels);
    painter.setFont(m_font);
    for (int lane = 0; lane < laneCount(); ++lane) {
        const int top = labels.top() - scrollY + laneTop(lane);
        if (top > labels.bottom())
            break;
        if (top + kLaneHeight < labels.top())
            continue;
        const QRect row(labels.left() + 6, top, labels.width() - 10, kLaneHeight);
        QFont font = m_font;
        font.setBold(lane == m_highlightedLane);
        painter.setFont(font);
        painter.setPen(m_palette.color(QPalette::WindowText));
        painter.drawText(row, Qt::AlignVCenter | Qt::AlignLeft, laneLabel(lane));
    }
    painter.restore();
}

int TimelinePainter::legendHeight(int width) const
{
    const QFontMetrics metrics(m_font);
    const int rowHeight = std::max(kLegendSwatch, metrics.height()) + 6;
    int rows = 1;
    int x = 0;
    for (const StatePalette::Category category : StatePalette::legendOrder()) {
        const int item = kLegendSwatch + 6 +
                         metrics.horizontalAdvance(StatePalette::label(category)) + kLegendSpacing;
        if (x > 0 && x + item > width) {
            ++rows;
            x = 0;
        }
        x += item;
    }
    return rows * rowHeight + 4;
}

void TimelinePainter::paintLegend(QPainter &painter, const QRect &area) const
{
    painter.save();
    painter.setFont(m_font);
    const QFontMetrics metrics(m_font);
    const int rowHeight = std::max(kLegendSwatch, metrics.height()) + 6;
    int x = area.left();
    int y = area.top() + 2;
    for (const StatePalette::Category category : StatePalette::legendOrder()) {
        const QString text = StatePalette::label(category);
        const int item = kLegendSwatch + 6 + metrics.horizontalAdvance(text) + kLegendSpacing;
        if (x > area.left() && x + item > area.right()) {
            x = area.left();
            y += rowHeight;
        }
        const QRect swatch(x, y + (rowHeight - kLegendSwatch) / 2, kLegendSwatch, kLegendSwatch);
        if (category == StatePalette::Category::Terminated) {
            painter.fillRect(
                QRect(swatch.left(), swatch.center().y() - 1, swatch.width(), kTerminatedThickness),
                StatePalette::color(category));
        } else {
            painter.fillRect(swatch, StatePalette::color(category));
            painter.setPen(m_palette.color(QPalette::Mid));
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
        }
        painter.setPen(m_palette.color(QPalette::WindowText));
        painter.drawText(QRect(swatch.right() + 6, y, item, rowHeight), Qt::AlignVCenter, text);
        x += item;
    }
    painter.restore();
}

} // namespace conlab
