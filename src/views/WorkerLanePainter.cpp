#include "WorkerLanePainter.h"

#include "LaneFill.h"
#include "StateColumns.h"
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
constexpr int kExitTextGap = 5;    // from the lane's end to its exit cause
constexpr int kNarrowestText = 12; // no label's text and margin fit in fewer pixels

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
    : m_recording(recording), m_font(font), m_textWidths(font), m_palette(palette)
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
    const int top = bounds.top();
    const int height = bounds.height();
    const bool coroutines = !coroutineLanes(lane).empty();
    const bool handler = isHandlerLane(lane);
    const auto notStartedYet = [handler](const StateInterval &interval) {
        return handler && interval.state == WorkerState::New;
    };

    // First the bars' fills, in time order; stretches of intervals narrower than a pixel are
    // drawn a column at a time from the lane's summary, so a zoomed-out busy lane costs its
    // width, not its intervals. What goes on top of a bar (its words, a coroutine's marks,
    // the hatching of a turn, a lane's end) comes after, for the bars that have any.
    std::vector<std::size_t> decorated;
    {
        LaneFill fill(painter, bounds, m_strip);
        StateColumns columns(fill, timeline, std::size_t(lane), bounds, window);
        for (std::size_t index = timeline.firstIntervalEndingAfter(
                 std::size_t(lane), std::uint64_t(origin + window.startNs()));
             index < intervals.size(); ++index) {
            const StateInterval &interval = intervals[index];
            const double start = double(interval.startNs) - origin;
            if (start > window.endNs())
                break;
            const double end = double(interval.endNs) - origin;
            const double x0 = window.leftX(start, bounds);
            const double x1 = window.rightX(end, bounds);
            if (x1 - x0 < 1.0 && interval.state != WorkerState::Terminated) {
                // Resumes at the first interval wide enough for a bar of its own; `index`
                // moves forward, since this one is narrow and so never that interval.
                index = columns.paintFrom(int(std::floor(x0))) - 1;
                continue;
            }
            columns.flush();
            if (interval.state == WorkerState::Terminated || waitsForItsTurn(interval) ||
                notStartedYet(interval)) {
                decorated.push_back(index);
                continue;
            }
            const QRect segment = window.bar(start, end, bounds, 1);
            fill.fill(segment, StatePalette::color(StatePalette::categoryOf(interval)).rgb());
            // No text fits a bar narrower than this; such bars (most of them, zoomed out)
            // skip making and measuring theirs.
            const bool roomForText = segment.width() >= kNarrowestText;
            if ((interval.state == WorkerState::Running &&
                 (coroutines || (interval.object > 0 && roomForText))) ||
                (interval.state == WorkerState::Blocked && roomForText))
                decorated.push_back(index);
        }
    }

    for (const std::size_t index : decorated) {
        const StateInterval &interval = intervals[index];
        const double start = double(interval.startNs) - origin;
        const double end = double(interval.endNs) - origin;
        const QColor color = StatePalette::color(StatePalette::categoryOf(interval));
        if (interval.state == WorkerState::Terminated) {
            // A thin line along the lane's foot, with the exit cause written above it.
            const double x0 = window.leftX(start, bounds);
            const double x1 = window.rightX(end, bounds);
            const int left = int(std::lround(x0));
            const int lineTop = top + height - kTerminatedThickness;
            painter.fillRect(QRect(left, lineTop, std::max(2, int(std::lround(x1)) - left),
                                   kTerminatedThickness),
                             color);
            painter.fillRect(QRect(left, top, 2, height), color);
            const QString text = StatePalette::exitText(interval.exitCause, interval.exitArg);
            const int textLeft = firstClearX(left + kExitTextGap, textWidth(text), keepClear);
            painter.setPen(m_palette.color(QPalette::WindowText));
            painter.drawText(QRect(textLeft, top, std::max(0, bounds.right() - textLeft),
                                   height - kTerminatedThickness),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            continue;
        }
        const QRect segment = window.bar(start, end, bounds, 1);
        const bool roomForText = segment.width() >= kNarrowestText;
        if (notStartedYet(interval)) {
            // An empty lane in a dotted outline: nothing runs there yet, in no state.
            painter.setPen(QPen(m_palette.color(QPalette::Mid), 1, Qt::DotLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(segment.adjusted(0, 0, -1, -1));
            if (!roomForText)
                continue;
            const QString text = QCoreApplication::translate("TimelinePainter", "not started yet");
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (textWidth(text) + 8 <= room.width()) {
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
            if (!roomForText)
                continue;
            const QString text =
                QCoreApplication::translate("TimelinePainter", "waits for its turn");
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (textWidth(text) + 8 <= room.width()) {
                painter.setPen(m_palette.color(QPalette::WindowText));
                painter.drawText(room, Qt::AlignCenter, text);
            }
            continue;
        }
        if (interval.state == WorkerState::Running) {
            if (coroutines)
                paintCoroutinesRun(painter, lane, bounds, segment, window);
            if (interval.object > 0 && roomForText) {
                const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
                QString text = levelText(interval, false);
                if (textWidth(text) + 8 > room.width())
                    text = levelText(interval, true);
                if (textWidth(text) + 4 <= room.width()) {
                    painter.setPen(textColorOn(color));
                    painter.drawText(room, Qt::AlignCenter, text);
                }
            }
        }
        if (interval.state == WorkerState::Blocked && roomForText) {
            const QString &text = reasonText(interval.reason);
            const QRect room = keepClear.isEmpty() ? segment : widestFree(segment, keepClear);
            if (textWidth(text) + 8 <= room.width()) {
                painter.setPen(textColorOn(color));
                painter.drawText(room, Qt::AlignCenter, text);
            }
        }
    }
}

int WorkerLanePainter::textWidth(const QString &text) const
{
    return m_textWidths.width(text);
}

const QString &WorkerLanePainter::reasonText(BlockReason reason) const
{
    auto it = m_reasonTexts.constFind(int(reason));
    if (it == m_reasonTexts.constEnd())
        it = m_reasonTexts.insert(int(reason), StatePalette::reasonName(reason));
    return *it;
}

const std::vector<std::size_t> &WorkerLanePainter::coroutineLanes(int lane) const
{
    const StateTimeline &timeline = m_recording.timeline();
    if (!m_coroutineLanesFound) {
        m_coroutineLanesFound = true;
        m_coroutineLanes.assign(timeline.laneCount(), {});
        for (std::size_t child = 0; child < timeline.laneCount(); ++child) {
            const WorkerInfo *info = timeline.meta().worker(timeline.lane(child).worker);
            if (!info || info->parent < 0 || info->role != "coroutine")
                continue;
            const int host = timeline.laneOf(std::uint32_t(info->parent));
            if (host >= 0)
                m_coroutineLanes[std::size_t(host)].push_back(child);
        }
    }
    static const std::vector<std::size_t> none;
    return std::size_t(lane) < m_coroutineLanes.size() ? m_coroutineLanes[std::size_t(lane)] : none;
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

bool WorkerLanePainter::hasDenseLane() const
{
    // About the plot's width on a laptop: past it, the whole run's view draws mixed columns.
    constexpr std::size_t kDenseIntervals = 800;
    const StateTimeline &timeline = m_recording.timeline();
    for (std::size_t lane = 0; lane < timeline.laneCount(); ++lane)
        if (timeline.lane(lane).intervals.size() > kDenseIntervals)
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
    const double origin = double(meta.startNs);
    const QColor running = StatePalette::color(StatePalette::Category::Running);
    // Only what can reach into the bar, a pixel either side for rounding.
    const double from = std::max(window.startNs(), window.timeForX(segment.left() - 1, bounds));
    const double to = std::min(window.endNs(), window.timeForX(segment.right() + 2, bounds));
    for (const std::size_t child : coroutineLanes(lane)) {
        const WorkerInfo *info = meta.worker(timeline.lane(child).worker);
        const auto &intervals = timeline.lane(child).intervals;
        for (std::size_t i = timeline.firstIntervalEndingAfter(
                 child, std::uint64_t(origin + std::max(0.0, from)));
             i < intervals.size(); ++i) {
            const StateInterval &interval = intervals[i];
            const double start = double(interval.startNs) - origin;
            if (start > to)
                break;
            if (interval.state != WorkerState::Running)
                continue;
            const QRect part =
                window.bar(start, double(interval.endNs) - origin, bounds, 1).intersected(segment);
            if (part.width() < 3)
                continue;
            painter.fillRect(QRect(part.left(), part.top(), 1, part.height()), running.darker(170));
            const QString name = QString::fromStdString(info->name);
            if (textWidth(name) + 8 <= part.width()) {
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
    if (hasDenseLane())
        items.append(
            {LegendItem::Shape::FootStrip, StatePalette::color(StatePalette::Category::Running),
             QCoreApplication::translate("TimelinePainter",
                                         "zoomed out, a pixel shows the state that took most "
                                         "of its time; a strip at its foot, the next one")});
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
