#include "IoLanePainter.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QPainter>
#include <algorithm>

// Strings are translated under "TimelinePainter", like every other string the timeline shows.

namespace conlab {

IoLanePainter::IoLanePainter(const RunRecording &recording, const QPalette &palette)
    : m_recording(recording), m_palette(palette)
{
}

std::vector<std::uint32_t> IoLanePainter::receivers() const
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

int IoLanePainter::workerLane(int receiver) const
{
    return m_recording.timeline().laneOf(receivers()[std::size_t(receiver)]);
}

QString IoLanePainter::label(int receiver) const
{
    return QCoreApplication::translate("TimelinePainter", "%1: data")
        .arg(QString::fromStdString(
            m_recording.meta().workerName(receivers()[std::size_t(receiver)])));
}

QString IoLanePainter::toolTip(int receiver, double ns) const
{
    const std::uint32_t worker = receivers()[std::size_t(receiver)];
    const double origin = double(m_recording.meta().startNs);
    const auto at = std::uint64_t(origin + ns);
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        const std::uint64_t end = std::max(round.copyEndNs, round.waitEndNs());
        if (round.worker != worker || at < round.waitBeginNs || at > end + 1)
            continue;
        return QCoreApplication::translate(
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
    }
    return QCoreApplication::translate("TimelinePainter", "not in a round");
}

void IoLanePainter::paint(QPainter &painter, int receiver, const QRect &bounds,
                          const TimeWindow &window) const
{
    const std::uint32_t worker = receivers()[std::size_t(receiver)];
    const double origin = double(m_recording.meta().startNs);
    const QColor waiting = StatePalette::color(StatePalette::Category::Waiting);
    const QColor copying = StatePalette::color(StatePalette::Category::Copying);
    const int top = bounds.top();
    const auto phase = [&](std::uint64_t from, std::uint64_t to, const QColor &color) {
        // A phase not reached (no timestamp) or not finished is not drawn.
        if (!from || to < from)
            return;
        const double start = double(from) - origin;
        const double end = double(to) - origin;
        if (window.overlaps(start, end))
            painter.fillRect(window.bar(start, end, bounds, 2), color);
    };
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Every wait first, then every copy: a copy of a few microseconds is drawn two pixels
    // wide, and the next round's wait, starting right after it, must not paint it over.
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        if (round.worker == worker)
            phase(round.waitBeginNs, round.waitEndNs(), waiting);
    }
    for (const IoPhases::Round &round : m_recording.ioRounds()) {
        if (round.worker != worker)
            continue;
        phase(round.copyBeginNs, round.copyEndNs, copying);
        if (round.arrivalNs) {
            const double x = window.xForTime(double(round.arrivalNs) - origin, bounds);
            if (x >= bounds.left() && x <= bounds.right()) {
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
        if (!window.contains(t))
            continue;
        const double x = window.xForTime(t, bounds);
        painter.drawLine(QPointF(x, top + bounds.height() * 0.55),
                         QPointF(x, top + bounds.height()));
    }
    painter.restore();
}

void IoLanePainter::addLegendItems(QVector<TimelineLegend::Item> &items) const
{
    using LegendItem = TimelineLegend::Item;
    const QColor ink = m_palette.color(QPalette::WindowText);
    items.append(
        {LegendItem::Shape::Box, StatePalette::color(StatePalette::Category::Waiting),
         QCoreApplication::translate(
             "TimelinePainter", "wait for data: from the first wait to readiness (or the data's "
                                "arrival, for polling)")});
    items.append({LegendItem::Shape::Box, StatePalette::color(StatePalette::Category::Copying),
                  QCoreApplication::translate("TimelinePainter",
                                              "copy data to the process: the calls that moved "
                                              "the bytes (io_uring: already done at completion)")});
    items.append({LegendItem::Shape::Tick, ink,
                  QCoreApplication::translate("TimelinePainter", "failed try (EAGAIN)")});
    items.append({LegendItem::Shape::Triangle, ink,
                  QCoreApplication::translate("TimelinePainter", "sender's write")});
}

} // namespace conlab
