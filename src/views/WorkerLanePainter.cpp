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
constexpr int kExitTextGap = 5; // from the lane's end to its exit cause

QColor textColorOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? Qt::black : Qt::white;
}

// The widest part of `segment` that no rectangle in `taken` covers.
QRect widestFree(const QRect &segment, const QVector<QRect> &taken)
{
    QRect best;
    int from = segment.left();
    QVector<QRect> sorted = taken;
    std::sort(sorted.begin(), sorted.end(),
              [](const QRect &a, const QRect &b) { return a.left() < b.left(); });
    const auto consider = [&](int to) {
        if (to - from > best.width())
            best = QRect(from, segment.top(), to - from, segment.height());
    };
    for (const QRect &rect : sorted) {
        if (rect.right() < from || rect.left() > segment.right())
            continue;
        consider(std::min(rect.left() - 1, segment.right()));
        from = std::max(from, rect.right() + 1);
    }
    consider(segment.right());
    return best;
}

// The first x at or after `x` where `width` pixels are clear of everything in `taken`.
int firstClearX(int x, int width, const QVector<QRect> &taken)
{
    for (bool moved = true; moved;) {
        moved = false;
        for (const QRect &rect : taken) {
            if (x <= rect.right() && x + width > rect.left()) {
                x = rect.right() + 4;
                moved = true;
            }
        }
    }
    return x;
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
    // A nested lane (a coroutine in its thread) is indented under the lane that runs it.
    const int depth = std::min(timeline.meta().depth(info.worker), 4);
    const QString name =
        (depth > 0 ? QString(2 * (depth - 1), QLatin1Char(' ')) + QStringLiteral("\u2514 ")
                   : QString()) +
        QString::fromStdString(timeline.meta().workerName(info.worker));
    // Threads share their process' pid, so a thread is named by its tid and a process by pid.
    const bool process =
        lane > 0 && info.pid != 0 && info.pid != timeline.lane(0).pid && depth == 0;
    if (lane == 0 && info.pid != 0)
        return QStringLiteral("%1  pid %2").arg(name).arg(info.pid);
    if (process)
        return QStringLiteral("%1  pid %2").arg(name).arg(info.pid);
    if (info.tid != 0)
        return QStringLiteral("%1  tid %2").arg(name).arg(info.tid);
    return name;
}

void WorkerLanePainter::paint(QPainter &painter, int lane, const QRect &bounds,
                              const TimeWindow &window, const QVector<QRect> &keepClear) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const auto &intervals = timeline.lane(std::size_t(lane)).intervals;
    const double origin = double(timeline.meta().startNs);
    const QFontMetrics metrics(m_font);
    const int top = bounds.top();
    const int height = bounds.height();
    std::size_t index = timeline.firstIntervalEndingAfter(std::size_t(lane),
                                                          std::uint64_t(origin + window.startNs()));
    const bool handler = isHandlerLane(lane);
    const auto notStartedYet = [handler](const StateInterval &interval) {
        return handler && interval.state == WorkerState::New;
    };

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
            // A placeholder narrower than a pixel leaves its column to the states around it.
            if (notStartedYet(interval) || waitsForItsTurn(interval))
                continue;
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
            const int textLeft =
                firstClearX(left + kExitTextGap, metrics.horizontalAdvance(text), keepClear);
            painter.setPen(m_palette.color(QPalette::WindowText));
            painter.drawText(QRect(textLeft, top, std::max(0, bounds.right() - textLeft),
                                   height - kTerminatedThickness),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            continue;
        }
        flush();
        const QRect segment = window.bar(start, end, bounds, 1);
        if (notStartedYet(interval)) {
            // An empty lane in a dotted outline: nothing runs there yet, in no state.
            painter.setPen(QPen(m_palette.color(QPalette::Mid), 1, Qt::DotLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(segment.adjusted(0, 0, -1, -1));
            const QString text = QCoreApplication::translate("TimelinePainter", "not started yet");
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (metrics.horizontalAdvance(text) + 8 <= room.width()) {
                painter.setPen(m_palette.color(QPalette::WindowText));
                painter.drawText(room, Qt::AlignCenter, text);
            }
            continue;
        }
        if (waitsForItsTurn(interval)) {
            // Not yet part of the run's story: outlined and lightly dotted, no state colour.
            painter.fillRect(segment, QBrush(m_palette.color(QPalette::Mid), Qt::Dense6Pattern));
            painter.setPen(m_palette.color(QPalette::Mid));
            painter.drawRect(segment.adjusted(0, 0, -1, -1));
            const QString text =
                QCoreApplication::translate("TimelinePainter", "waits for its turn");
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (metrics.horizontalAdvance(text) + 8 <= room.width()) {
                painter.setPen(m_palette.color(QPalette::WindowText));
                painter.drawText(room, Qt::AlignCenter, text);
            }
            continue;
        }
        painter.fillRect(segment, color);
        if (interval.state == WorkerState::Running) {
            paintCoroutinesRun(painter, lane, bounds, segment, window);
            if (interval.object > 0) {
                const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
                QString text = levelText(interval, false);
                if (metrics.horizontalAdvance(text) + 8 > room.width())
                    text = levelText(interval, true);
                if (metrics.horizontalAdvance(text) + 4 <= room.width()) {
                    painter.setPen(textColorOn(color));
                    painter.drawText(room, Qt::AlignCenter, text);
                }
            }
        }
        if (interval.state == WorkerState::Blocked) {
            const QString text = StatePalette::reasonName(interval.reason);
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (metrics.horizontalAdvance(text) + 8 <= room.width()) {
                painter.setPen(textColorOn(color));
                painter.drawText(room, Qt::AlignCenter, text);
            }
        }
    }
    flush();
}

bool WorkerLanePainter::waitsForItsTurn(const StateInterval &interval) const
{
    if (interval.state != WorkerState::Blocked || interval.reason != BlockReason::Event)
        return false;
    const ObjectInfo *object = m_recording.meta().object(interval.object);
    return object && object->kind == "turn";
}

bool WorkerLanePainter::hasTurns() const
{
    for (const ObjectInfo &object : m_recording.meta().objects)
        if (object.kind == "turn")
            return true;
    return false;
}

QString WorkerLanePainter::describe(int lane, const StateInterval &interval) const
{
    if (interval.state == WorkerState::New && isHandlerLane(lane))
        return QCoreApplication::translate(
            "TimelinePainter", "not started yet: its thread or process does not exist yet");
    return StatePalette::describe(interval, m_recording.meta());
}

bool WorkerLanePainter::isHandlerLane(int lane) const
{
    const WorkerInfo *info =
        m_recording.meta().worker(m_recording.timeline().lane(std::size_t(lane)).worker);
    return info && info->role == "handler";
}

bool WorkerLanePainter::hasHandlerLanes() const
{
    for (int lane = 0; lane < count(); ++lane)
        if (isHandlerLane(lane))
            return true;
    return false;
}

QString WorkerLanePainter::levelText(const StateInterval &interval, bool brief)
{
    const std::uint32_t level = (interval.object & ~std::uint32_t(kRunLifted)) - 1;
    const bool boosted = interval.object & kRunLifted;
    if (brief)
        return boosted ? QCoreApplication::translate("TimelinePainter", "L%1↑").arg(level)
                       : QCoreApplication::translate("TimelinePainter", "L%1").arg(level);
    return boosted ? QCoreApplication::translate("TimelinePainter", "level %1, boosted").arg(level)
                   : QCoreApplication::translate("TimelinePainter", "level %1").arg(level);
}

void WorkerLanePainter::paintCoroutinesRun(QPainter &painter, int lane, const QRect &bounds,
                                           const QRect &segment, const TimeWindow &window) const
{
    // A thread that runs coroutines shows which one it runs: each coroutine's running spans,
    // read from the coroutine's own lane, marked off and named inside the thread's bar.
    const StateTimeline &timeline = m_recording.timeline();
    const TraceMeta &meta = timeline.meta();
    const std::uint32_t host = timeline.lane(std::size_t(lane)).worker;
    const double origin = double(meta.startNs);
    const QFontMetrics metrics(m_font);
    const QColor running = StatePalette::color(StatePalette::Category::Running);
    for (std::size_t child = 0; child < timeline.laneCount(); ++child) {
        const std::uint32_t worker = timeline.lane(child).worker;
        const WorkerInfo *info = meta.worker(worker);
        if (!info || info->parent != std::int32_t(host) || info->role != "coroutine")
            continue;
        const auto &intervals = timeline.lane(child).intervals;
        for (std::size_t i =
                 timeline.firstIntervalEndingAfter(child, std::uint64_t(origin + window.startNs()));
             i < intervals.size(); ++i) {
            const StateInterval &interval = intervals[i];
            const double start = double(interval.startNs) - origin;
            if (start > window.endNs())
                break;
            if (interval.state != WorkerState::Running)
                continue;
            const QRect part =
                window.bar(start, double(interval.endNs) - origin, bounds, 1).intersected(segment);
            if (part.width() < 3)
                continue;
            painter.fillRect(QRect(part.left(), part.top(), 1, part.height()), running.darker(170));
            const QString name = QString::fromStdString(info->name);
            if (metrics.horizontalAdvance(name) + 8 <= part.width()) {
                painter.setPen(textColorOn(running));
                painter.drawText(part, Qt::AlignCenter, name);
            }
        }
    }
}

int WorkerLanePainter::exitTextWidth(int lane, const TimeWindow &window) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const auto &intervals = timeline.lane(std::size_t(lane)).intervals;
    if (intervals.empty() || intervals.back().state != WorkerState::Terminated)
        return 0;
    const StateInterval &end = intervals.back();
    if (!window.contains(double(end.startNs) - double(timeline.meta().startNs)))
        return 0;
    return kExitTextGap + QFontMetrics(m_font).horizontalAdvance(
                              StatePalette::exitText(end.exitCause, end.exitArg));
}

int WorkerLanePainter::widestExitText() const
{
    const QFontMetrics metrics(m_font);
    int widest = 0;
    const StateTimeline &timeline = m_recording.timeline();
    for (std::size_t lane = 0; lane < timeline.laneCount(); ++lane) {
        const auto &intervals = timeline.lane(lane).intervals;
        if (!intervals.empty() && intervals.back().state == WorkerState::Terminated)
            widest = std::max(widest, metrics.horizontalAdvance(StatePalette::exitText(
                                          intervals.back().exitCause, intervals.back().exitArg)));
    }
    return widest > 0 ? widest + kExitTextGap : 0;
}

void WorkerLanePainter::addLegendItems(QVector<TimelineLegend::Item> &items) const
{
    using LegendItem = TimelineLegend::Item;
    for (const StatePalette::Category category : StatePalette::legendOrder()) {
        items.append({category == StatePalette::Category::Terminated ? LegendItem::Shape::Line
                                                                     : LegendItem::Shape::Box,
                      StatePalette::color(category), StatePalette::label(category)});
    }
    if (hasTurns())
        items.append({LegendItem::Shape::Dotted, m_palette.color(QPalette::Mid),
                      QCoreApplication::translate("TimelinePainter",
                                                  "waits for its turn: not yet part of the run")});
    if (hasHandlerLanes())
        items.append(
            {LegendItem::Shape::DottedOutline, m_palette.color(QPalette::Mid),
             QCoreApplication::translate(
                 "TimelinePainter", "not started yet: its thread or process does not exist yet")});
    if (m_recording.meta().param("policy") == "mlfq")
        items.append({LegendItem::Shape::Box, StatePalette::color(StatePalette::Category::Running),
                      QCoreApplication::translate(
                          "TimelinePainter",
                          "level n (Ln): the MLFQ queue it ran from; ↑ a boost lifted it")});
    if (m_recording.meta().sampleNs > 0)
        items.append({LegendItem::Shape::Window, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate(
                          "TimelinePainter", "running / ready: the kernel's schedstat, read every "
                                             "%1 ms; within a reading the order is not known")
                          .arg(double(m_recording.meta().sampleNs) / 1e6)});
}

} // namespace conlab
