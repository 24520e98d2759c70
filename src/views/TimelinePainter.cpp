#include "TimelinePainter.h"

#include "TimeAxis.h"
#include "TimelineLegend.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace conlab {

namespace {

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

int TimelinePainter::lockLaneCount() const
{
    return int(m_recording.locks().lanes().size());
}

int TimelinePainter::rowCount() const
{
    return ioSectionStart() + (ioLaneCount() > 0 ? 1 + ioLaneCount() : 0);
}

int TimelinePainter::ioSectionStart() const
{
    return lockSectionStart() + (lockLaneCount() > 0 ? 1 + lockLaneCount() : 0);
}

std::vector<std::uint32_t> TimelinePainter::ioReceivers() const
{
    std::vector<std::uint32_t> receivers;
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        if (std::find(receivers.begin(), receivers.end(), round.worker) == receivers.end())
            receivers.push_back(round.worker);
    }
    const StateTimeline &states = m_recording.timeline();
    std::sort(receivers.begin(), receivers.end(), [&states](std::uint32_t a, std::uint32_t b) {
        return states.laneOf(a) < states.laneOf(b);
    });
    return receivers;
}

int TimelinePainter::ioLaneOf(int row) const
{
    const int lane = row - ioSectionStart() - 1;
    return lane >= 0 && lane < ioLaneCount() ? lane : -1;
}

QString TimelinePainter::ioToolTip(int row, double ns) const
{
    const int lane = ioLaneOf(row);
    if (lane < 0)
        return {};
    const std::uint32_t worker = ioReceivers()[std::size_t(lane)];
    const double origin = double(m_recording.meta().startNs);
    const auto at = std::uint64_t(origin + ns);
    QString text = QStringLiteral("<b>%1</b><br>").arg(laneLabel(row).toHtmlEscaped());
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        const std::uint64_t end = std::max(round.copyEndNs, round.waitEndNs());
        if (round.worker != worker || at < round.waitBeginNs || at > end + 1)
            continue;
        text += QCoreApplication::translate(
                    "TimelinePainter",
                    "round %1: waited %2 for data, copied %3 bytes in %4<br>"
                    "failed tries %5, wake-ups %6, system calls %7, CPU while waiting %8<br>"
                    "blocked in the kernel during the wait: %9")
                    .arg(round.round)
                    .arg(TimeAxis::formatDuration(double(round.waitNs())))
                    .arg(round.bytes)
                    .arg(TimeAxis::formatDuration(double(round.copyNs())))
                    .arg(round.attempts)
                    .arg(round.wakeups)
                    .arg(round.syscalls)
                    .arg(TimeAxis::formatDuration(double(round.waitCpuNs)))
                    .arg(TimeAxis::formatDuration(double(round.blockedIoNs)));
        return text;
    }
    return text + QCoreApplication::translate("TimelinePainter", "not in a round");
}

void TimelinePainter::paintIoLane(QPainter &painter, int receiver, const QRect &plot, int top) const
{
    const std::uint32_t worker = ioReceivers()[std::size_t(receiver)];
    const double origin = double(m_recording.meta().startNs);
    const QColor waiting = StatePalette::color(StatePalette::Category::Waiting);
    const QColor copying = StatePalette::color(StatePalette::Category::Copying);
    const auto span = [&](std::uint64_t from, std::uint64_t to, const QColor &color) {
        if (!from || to < from)
            return;
        const double start = double(from) - origin;
        const double end = double(to) - origin;
        if (end < m_startNs || start > m_endNs)
            return;
        const int left = int(std::lround(std::max(xForTime(start, plot), double(plot.left() - 1))));
        const int right = std::max(
            left + 2, int(std::lround(std::min(xForTime(end, plot), double(plot.right() + 1)))));
        painter.fillRect(QRect(left, top, right - left, kLaneHeight), color);
    };
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        if (round.worker != worker)
            continue;
        span(round.waitBeginNs, round.waitEndNs(), waiting);
        span(round.copyBeginNs, round.copyEndNs, copying);
        if (round.arrivalNs) {
            const double x = xForTime(double(round.arrivalNs) - origin, plot);
            if (x >= plot.left() && x <= plot.right()) {
                const QPointF marker[] = {QPointF(x, top + 7), QPointF(x - 5, top - 2),
                                          QPointF(x + 5, top - 2)};
                painter.setPen(Qt::NoPen);
                painter.setBrush(m_palette.color(QPalette::WindowText));
                painter.drawPolygon(marker, 3);
            }
        }
    }
    painter.setPen(QPen(m_palette.color(QPalette::WindowText), 1));
    for (const RunRecording::IoAttempt &attempt : m_recording.ioAttempts()) {
        if (attempt.worker != worker)
            continue;
        const double t = double(attempt.timeNs) - origin;
        if (t < m_startNs || t > m_endNs)
            continue;
        const double x = xForTime(t, plot);
        painter.drawLine(QPointF(x, top + kLaneHeight * 0.55), QPointF(x, top + kLaneHeight));
    }
    painter.restore();
}

int TimelinePainter::cpuLaneCount() const
{
    return m_showCpus ? int(m_recording.meta().cpus) : 0;
}

int TimelinePainter::lockSectionStart() const
{
    return laneCount() + (cpuLaneCount() > 0 ? 1 + cpuLaneCount() : 0);
}

int TimelinePainter::cpuLaneOf(int row) const
{
    const int cpu = row - laneCount() - 1;
    return cpu >= 0 && cpu < cpuLaneCount() ? cpu : -1;
}

const StateInterval *TimelinePainter::runningOn(int cpu, double ns, std::uint32_t *worker) const
{
    const StateTimeline &states = m_recording.timeline();
    const auto at = std::uint64_t(double(states.meta().startNs) + ns);
    for (std::size_t lane = 0; lane < states.laneCount(); ++lane) {
        const StateInterval *interval = states.intervalAt(lane, at);
        if (interval && interval->state == WorkerState::Running && interval->cpu == cpu) {
            *worker = states.lane(lane).worker;
            return interval;
        }
    }
    return nullptr;
}

QString TimelinePainter::cpuToolTip(int row, double ns) const
{
    const int cpu = cpuLaneOf(row);
    if (cpu < 0)
        return {};
    std::uint32_t worker = 0;
    const StateInterval *interval = runningOn(cpu, ns, &worker);
    QString text = QStringLiteral("<b>%1</b><br>").arg(laneLabel(row).toHtmlEscaped());
    if (!interval)
        return text + QCoreApplication::translate("TimelinePainter", "idle");
    const double origin = double(m_recording.meta().startNs);
    return text +
           QCoreApplication::translate("TimelinePainter", "%1 running from %2 for %3")
               .arg(QString::fromStdString(m_recording.meta().workerName(worker)).toHtmlEscaped(),
                    TimeAxis::formatDuration(double(interval->startNs) - origin),
                    TimeAxis::formatDuration(double(interval->endNs - interval->startNs)));
}

void TimelinePainter::paintCpuLane(QPainter &painter, int cpu, const QRect &plot, int top) const
{
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    const QFontMetrics metrics(m_font);
    for (std::size_t lane = 0; lane < states.laneCount(); ++lane) {
        const auto &intervals = states.lane(lane).intervals;
        const std::uint32_t worker = states.lane(lane).worker;
        const QString name = QString::fromStdString(states.meta().workerName(worker));
        for (std::size_t i =
                 states.firstIntervalEndingAfter(lane, std::uint64_t(origin + m_startNs));
             i < intervals.size(); ++i) {
            const StateInterval &interval = intervals[i];
            const double start = double(interval.startNs) - origin;
            if (start > m_endNs)
                break;
            if (interval.state != WorkerState::Running || interval.cpu != cpu)
                continue;
            const int left =
                int(std::lround(std::max(xForTime(start, plot), double(plot.left() - 1))));
            const int right = std::max(
                left + 1, int(std::lround(std::min(xForTime(double(interval.endNs) - origin, plot),
                                                   double(plot.right() + 1)))));
            const QRect segment(left, top, right - left, kLaneHeight);
            painter.fillRect(segment, ownerColor(worker));
            if (metrics.horizontalAdvance(name) + 8 <= segment.width()) {
                painter.setPen(Qt::black);
                painter.drawText(segment, Qt::AlignCenter, name);
            }
        }
    }
}

int TimelinePainter::lockLaneOf(int row) const
{
    const int lock = row - lockSectionStart() - 1;
    return lock >= 0 && lock < lockLaneCount() ? lock : -1;
}

QColor TimelinePainter::ownerColor(std::uint32_t worker)
{
    // Light qualitative colours (ColorBrewer Set3): owners stay apart from the state colours.
    // Its yellows, reds and oranges are left out: they would read as "ready" or "blocked".
    static const QColor colors[] = {QColor(0x8D, 0xD3, 0xC7), QColor(0xBE, 0xBA, 0xDA),
                                    QColor(0x80, 0xB1, 0xD3), QColor(0xFC, 0xCD, 0xE5),
                                    QColor(0xB3, 0xDE, 0x69), QColor(0xD9, 0xD9, 0xD9),
                                    QColor(0xBC, 0x80, 0xBD), QColor(0xCC, 0xEB, 0xC5)};
    return colors[worker % (sizeof colors / sizeof colors[0])];
}

QSet<int> TimelinePainter::relatedRows(int row, double ns) const
{
    QSet<int> rows{row};
    if (const int cpu = cpuLaneOf(row); cpu >= 0) {
        std::uint32_t worker = 0;
        if (runningOn(cpu, ns, &worker))
            rows.insert(m_recording.timeline().laneOf(worker));
        rows.remove(-1);
        return rows;
    }
    const int lock = lockLaneOf(row);
    if (lock < 0)
        return rows;
    const StateTimeline &states = m_recording.timeline();
    const auto at = std::uint64_t(double(states.meta().startNs) + ns);
    const LockTimeline &locks = m_recording.locks();
    if (const LockTimeline::Hold *hold = locks.holdAt(std::size_t(lock), at))
        rows.insert(states.laneOf(hold->owner));
    for (const std::uint32_t waiter :
         LockTimeline::waitersAt(states, locks.lanes()[std::size_t(lock)].lock, at))
        rows.insert(states.laneOf(waiter));
    rows.remove(-1);
    return rows;
}

QString TimelinePainter::lockToolTip(int row, double ns) const
{
    const int lock = lockLaneOf(row);
    if (lock < 0)
        return {};
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    const auto at = std::uint64_t(origin + ns);
    const LockTimeline &locks = m_recording.locks();
    const LockTimeline::Hold *hold = locks.holdAt(std::size_t(lock), at);
    QString text = QStringLiteral("<b>%1</b><br>").arg(laneLabel(row).toHtmlEscaped());
    if (!hold)
        return text + QCoreApplication::translate("TimelinePainter", "free");
    text += QCoreApplication::translate("TimelinePainter", "held by %1 from %2 for %3")
                .arg(QString::fromStdString(states.meta().workerName(hold->owner)).toHtmlEscaped(),
                     TimeAxis::formatDuration(double(hold->startNs) - origin),
                     TimeAxis::formatDuration(double(hold->endNs - hold->startNs)));
    if (hold->maxDepth > 1)
        text +=
            QCoreApplication::translate("TimelinePainter", "<br>taken %1 times over (reentrant)")
                .arg(hold->maxDepth);
    QStringList waiters;
    for (const std::uint32_t waiter :
         LockTimeline::waitersAt(states, locks.lanes()[std::size_t(lock)].lock, at))
        waiters << QString::fromStdString(states.meta().workerName(waiter)).toHtmlEscaped();
    if (!waiters.isEmpty())
        text += QCoreApplication::translate("TimelinePainter", "<br>waiting for it: %1")
                    .arg(waiters.join(QStringLiteral(", ")));
    return text;
}

int TimelinePainter::labelWidth() const
{
    const QFontMetrics metrics(m_font);
    int widest = metrics.horizontalAdvance(QStringLiteral("producer-10  pid 4000000"));
    for (int row = 0; row < rowCount(); ++row)
        widest = std::max(widest, metrics.horizontalAdvance(laneLabel(row)));
    return widest + 16;
}

int TimelinePainter::laneAt(int y) const
{
    if (y < 0)
        return -1;
    const int row = (y - kLaneGap / 2) / (kLaneHeight + kLaneGap);
    return row >= 0 && row < rowCount() ? row : -1;
}

QString TimelinePainter::laneLabel(int lane) const
{
    if (lane >= laneCount() && lane < lockSectionStart()) {
        const int cpu = cpuLaneOf(lane);
        if (cpu < 0)
            return QCoreApplication::translate("TimelinePainter", "virtual CPUs");
        return QCoreApplication::translate("TimelinePainter", "CPU %1").arg(cpu);
    }
    if (lane >= ioSectionStart()) {
        const int io = ioLaneOf(lane);
        if (io < 0)
            return QCoreApplication::translate("TimelinePainter", "data phases");
        return QCoreApplication::translate("TimelinePainter", "%1: data")
            .arg(QString::fromStdString(
                m_recording.meta().workerName(ioReceivers()[std::size_t(io)])));
    }
    if (lane >= laneCount()) {
        const int lock = lockLaneOf(lane);
        if (lock < 0)
            return QCoreApplication::translate("TimelinePainter", "locks");
        const std::uint32_t id = m_recording.locks().lanes()[std::size_t(lock)].lock;
        const ObjectInfo *object = m_recording.meta().object(id);
        return object ? QString::fromStdString(object->name)
                      : QCoreApplication::translate("TimelinePainter", "lock %1").arg(id);
    }
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
    const int firstRow = std::max(0, laneAt(scrollY) - 1);
    for (int row = firstRow; row < rowCount(); ++row) {
        const int top = plot.top() - scrollY + laneTop(row);
        if (top > plot.bottom())
            break;
        if (m_highlightedRows.contains(row)) {
            QColor band = m_palette.color(QPalette::Highlight);
            band.setAlpha(50);
            painter.fillRect(
                QRect(plot.left(), top - kLaneGap / 2, plot.width(), kLaneHeight + kLaneGap), band);
        }
        if (row < laneCount()) {
            paintLane(painter, row, plot, top);
        } else if (const int lock = lockLaneOf(row); lock >= 0) {
            paintLockLane(painter, lock, plot, top);
        } else if (const int cpu = cpuLaneOf(row); cpu >= 0) {
            paintCpuLane(painter, cpu, plot, top);
        } else if (const int io = ioLaneOf(row); io >= 0) {
            paintIoLane(painter, io, plot, top);
        } else {
            painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
            painter.drawLine(plot.left(), top + kLaneHeight / 2, plot.right(),
                             top + kLaneHeight / 2);
        }
    }
    if (m_showWakeups)
        paintWakeups(painter, plot, scrollY);
    paintMarkers(painter, plot);
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
            painter.fillRect(QRect(runStart, top, runEnd - runStart + 1, kLaneHeight),
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
        if (start > m_endNs)
            break;
        const double x0 = std::max(xForTime(start, plot), double(plot.left() - 1));
        const double x1 =
            std::min(xForTime(double(interval.endNs) - origin, plot), double(plot.right() + 1));
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
    for (int lane = 0; lane < rowCount(); ++lane) {
        const int top = labels.top() - scrollY + laneTop(lane);
        if (top > labels.bottom())
            break;
        if (top + kLaneHeight < labels.top())
            continue;
        const QRect row(labels.left() + 6, top, labels.width() - 10, kLaneHeight);
        QFont font = m_font;
        // Section headings ("virtual CPUs", "locks") in bold, like a hovered lane.
        const bool heading = lane >= laneCount() && lockLaneOf(lane) < 0 && cpuLaneOf(lane) < 0 &&
                             ioLaneOf(lane) < 0;
        font.setBold(m_highlightedRows.contains(lane) || heading);
        painter.setFont(font);
        painter.setPen(m_palette.color(QPalette::WindowText));
        painter.drawText(row, Qt::AlignVCenter | Qt::AlignLeft, laneLabel(lane));
    }
    painter.restore();
}

QVector<TimelineLegend::Item> TimelinePainter::legendItems() const
{
    using LegendItem = TimelineLegend::Item;
    QVector<LegendItem> items;
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
    if (cpuLaneCount() > 0)
        items.append({LegendItem::Shape::Box, ownerColor(2),
                      QCoreApplication::translate("TimelinePainter", "on a CPU (worker named)")});
    if (lockLaneCount() > 0) {
        items.append({LegendItem::Shape::Box, ownerColor(1),
                      QCoreApplication::translate("TimelinePainter", "lock held (owner named)")});
        items.append({LegendItem::Shape::Hatch,
                      StatePalette::color(StatePalette::Category::BlockedSync),
                      QCoreApplication::translate("TimelinePainter", "contended: others waiting")});
    }
    if (ioLaneCount() > 0) {
        items.append({LegendItem::Shape::Box, StatePalette::color(StatePalette::Category::Waiting),
                      QCoreApplication::translate(
                          "TimelinePainter",
                          "wait for data: from the first wait to readiness (or the data's "
                          "arrival, for polling)")});
        items.append({LegendItem::Shape::Box, StatePalette::color(StatePalette::Category::Copying),
                      QCoreApplication::translate(
                          "TimelinePainter", "copy data to the process: the calls that moved "
                                             "the bytes (io_uring: already done at completion)")});
        items.append({LegendItem::Shape::Tick, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate("TimelinePainter", "failed try (EAGAIN)")});
        items.append({LegendItem::Shape::Triangle, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate("TimelinePainter", "sender's write")});
    }
    if (m_showWakeups && !m_recording.wakeups().empty())
        items.append({LegendItem::Shape::Arrow, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate("TimelinePainter", "unblocked by")});
    if (m_recording.hasDeadlock())
        items.append({LegendItem::Shape::Marker, QColor(0xE0, 0, 0),
                      QCoreApplication::translate("TimelinePainter", "deadlock formed")});
    return items;
}

int TimelinePainter::legendHeight(int width) const
{
    return TimelineLegend(legendItems(), m_font, m_palette).height(width);
}

void TimelinePainter::paintLegend(QPainter &painter, const QRect &area) const
{
    TimelineLegend(legendItems(), m_font, m_palette).paint(painter, area);
}

void TimelinePainter::paintLockLane(QPainter &painter, int lock, const QRect &plot, int top) const
{
    const double origin = double(m_recording.meta().startNs);
    const QFontMetrics metrics(m_font);
    const auto &holds = m_recording.locks().lanes()[std::size_t(lock)].holds;
    const QColor contended = StatePalette::color(StatePalette::Category::BlockedSync);
    for (const LockTimeline::Hold &hold : holds) {
        const double start = double(hold.startNs) - origin;
        const double end = double(hold.endNs) - origin;
        if (end < m_startNs || start > m_endNs)
            continue;
        const int left = int(std::lround(std::max(xForTime(start, plot), double(plot.left() - 1))));
        const int right = std::max(
            left + 1, int(std::lround(std::min(xForTime(end, plot), double(plot.right() + 1)))));
        const QRect segment(left, top, right - left, kLaneHeight);
        painter.fillRect(segment, ownerColor(hold.owner));
        if (hold.contended) {
            painter.fillRect(segment, QBrush(contended, Qt::BDiagPattern));
            painter.fillRect(QRect(left, segment.bottom() - 2, segment.width(), 3), contended);
        }
        const QString owner = QString::fromStdString(m_recording.meta().workerName(hold.owner));
        if (metrics.horizontalAdvance(owner) + 8 <= segment.width()) {
            painter.setPen(Qt::black);
            painter.drawText(segment, Qt::AlignCenter, owner);
        }
    }
}

void TimelinePainter::paintWakeups(QPainter &painter, const QRect &plot, int scrollY) const
{
    const auto &links = m_recording.wakeups();
    if (links.empty())
        return;
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QColor color = m_palette.color(QPalette::WindowText);
    color.setAlpha(170);
    painter.setPen(QPen(color, 1.2));
    painter.setBrush(color);
    int drawn = 0;
    for (const WakeupLinks::Link &link : links) {
        const double from = double(link.wakerNs) - origin;
        const double to = double(link.wakeNs) - origin;
        if (to < m_startNs || from > m_endNs)
            continue;
        const int fromLane = states.laneOf(link.waker);
        const int toLane = states.laneOf(link.wakee);
        if (fromLane < 0 || toLane < 0 || fromLane == toLane)
            continue;
        // Too many arrows hide the lanes; past this many the picture is only noise.
        if (++drawn > 400)
            break;
        const QPointF start(xForTime(from, plot),
                            plot.top() - scrollY + laneTop(fromLane) + kLaneHeight / 2.0);
        const QPointF end(xForTime(to, plot),
                          plot.top() - scrollY + laneTop(toLane) + kLaneHeight / 2.0);
        painter.drawLine(start, end);
        const double direction = end.y() > start.y() ? -1.0 : 1.0;
        const QPointF head[] = {end, end + QPointF(-3.5, direction * 6.0),
                                end + QPointF(3.5, direction * 6.0)};
        painter.drawPolygon(head, 3);
    }
    painter.restore();
}

void TimelinePainter::paintMarkers(QPainter &painter, const QRect &plot) const
{
    const double origin = double(m_recording.meta().startNs);
    if (m_recording.hasDeadlock()) {
        const double formed = double(m_recording.firstDeadlock().formedNs) - origin;
        if (formed >= m_startNs && formed <= m_endNs) {
            const int x = int(std::lround(xForTime(formed, plot)));
            painter.fillRect(QRect(x - 1, plot.top(), 3, plot.height()), QColor(0xE0, 0, 0));
        }
    }
    if (m_cursorNs >= m_startNs && m_cursorNs <= m_endNs) {
        const int x = int(std::lround(xForTime(m_cursorNs, plot)));
        painter.setPen(QPen(m_palette.color(QPalette::Highlight), 2));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
}

} // namespace conlab
