#include "WorkerLanePainter.h"

#include "StatePalette.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

// Strings are translated under "TimelinePainter", like every other string the timeline shows.

namespace conlab {

namespace {

constexpr int kTerminatedThickness = 3;

QColor textColorOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? Qt::black : Qt::white;
}

} // namespace

WorkerLanePainter::WorkerLanePainter(const RunRecording &recording, const QFont &font,
                                     const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette)
{
}

int WorkerLanePainter::count() const
{
    return int(m_recording.timeline().laneCount());
}

QString WorkerLanePainter::label(int lane) const
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

void WorkerLanePainter::paint(QPainter &painter, int lane, const QRect &bounds,
                              const TimeWindow &window) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const auto &intervals = timeline.lane(std::size_t(lane)).intervals;
    const double origin = double(timeline.meta().startNs);
    const QFontMetrics metrics(m_font);
    const int top = bounds.top();
    const int height = bounds.height();
    std::size_t index = timeline.firstIntervalEndingAfter(std::size_t(lane),
                                                          std::uint64_t(origin + window.startNs()));

    // Intervals narrower than a pixel are merged: each pixel column shows the state that
    // covered most of it, so a zoomed-out busy lane stays truthful and cheap to draw; runs of
    // columns of one colour are filled at once.
    constexpr std::size_t kCategories = std::size_t(StatePalette::Category::Terminated) + 1;
    std::array<double, kCategories> cover{};
    bool pending = false;
    int pendingColumn = std::numeric_limits<int>::min();
    int runStart = -1;
    int runEnd = -1;
    QRgb runColor = 0;
    auto drawRun = [&] {
        if (runStart >= 0)
            painter.fillRect(QRect(runStart, top, runEnd - runStart + 1, height),
                             QColor::fromRgb(runColor));
        runStart = -1;
    };
    auto flushColumn = [&] {
        if (!pending)
            return;
        std::size_t best = 0;
        for (std::size_t category = 1; category < kCategories; ++category) {
            if (cover[category] > cover[best])
                best = category;
        }
        const QRgb color = StatePalette::color(StatePalette::Category(best)).rgb();
        if (runStart >= 0 && color == runColor && pendingColumn == runEnd + 1) {
            runEnd = pendingColumn;
        } else {
            drawRun();
            runStart = runEnd = pendingColumn;
            runColor = color;
        }
        cover.fill(0);
        pending = false;
    };
    auto flush = [&] {
        flushColumn();
        drawRun();
    };

    for (; index < intervals.size(); ++index) {
        const StateInterval &interval = intervals[index];
        const double start = double(interval.startNs) - origin;
        if (start > window.endNs())
            break;
        const double end = double(interval.endNs) - origin;
        const double x0 = window.leftX(start, bounds);
        const double x1 = window.rightX(end, bounds);
        const StatePalette::Category category = StatePalette::categoryOf(interval);
        if (x1 - x0 < 1.0 && interval.state != WorkerState::Terminated) {
            const int column = int(std::floor(x0));
            if (column != pendingColumn)
                flushColumn();
            pendingColumn = column;
            pending = true;
            cover[std::size_t(category)] += std::max(x1 - x0, 1e-9);
            continue;
        }
        const QColor color = StatePalette::color(category);

        if (interval.state == WorkerState::Terminated) {
            flush();
            // A thin line along the lane's foot, with the exit cause written above it.
            const int left = int(std::lround(x0));
            const int lineTop = top + height - kTerminatedThickness;
            painter.fillRect(QRect(left, lineTop, std::max(2, int(std::lround(x1)) - left),
                                   kTerminatedThickness),
                             color);
            painter.fillRect(QRect(left, top, 2, height), color);
            const QString text = StatePalette::exitText(interval.exitCause, interval.exitArg);
            painter.setPen(m_palette.color(QPalette::WindowText));
            painter.drawText(QRect(left + 5, top, std::max(0, bounds.right() - left - 5),
                                   height - kTerminatedThickness),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            continue;
        }
        flush();
        const QRect segment = window.bar(start, end, bounds, 1);
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

void WorkerLanePainter::addLegendItems(QVector<TimelineLegend::Item> &items) const
{
    using LegendItem = TimelineLegend::Item;
    for (const StatePalette::Category category : StatePalette::legendOrder()) {
        items.append({category == StatePalette::Category::Terminated ? LegendItem::Shape::Line
                                                                     : LegendItem::Shape::Box,
                      StatePalette::color(category), StatePalette::label(category)});
    }
    if (m_recording.meta().sampleNs > 0)
        items.append({LegendItem::Shape::Window, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate(
                          "TimelinePainter", "running / ready: the kernel's schedstat, read every "
                                             "%1 ms; within a reading the order is not known")
                          .arg(double(m_recording.meta().sampleNs) / 1e6)});
}

} // namespace conlab
