#include "CpuLanePainter.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QRegularExpression>
#include <algorithm>
#include <climits>

// Strings are translated under "TimelinePainter", like every other string the timeline shows.

namespace conlab {

CpuLanePainter::CpuLanePainter(const RunRecording &recording, const QFont &font)
    : m_recording(recording), m_font(font)
{
}

int CpuLanePainter::count() const
{
    return int(std::min(m_recording.meta().cpus, TraceMeta::kMaxCpus));
}

QString CpuLanePainter::heading()
{
    return QCoreApplication::translate("TimelinePainter", "virtual CPUs");
}

QString CpuLanePainter::label(int cpu)
{
    return QCoreApplication::translate("TimelinePainter", "CPU %1").arg(cpu);
}

const StateInterval *CpuLanePainter::runningOn(int cpu, double ns, std::uint32_t *worker) const
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

QString CpuLanePainter::toolTip(int cpu, double ns) const
{
    std::uint32_t worker = 0;
    const StateInterval *interval = runningOn(cpu, ns, &worker);
    if (!interval)
        return QCoreApplication::translate("TimelinePainter", "idle");
    const double origin = double(m_recording.meta().startNs);
    return QCoreApplication::translate("TimelinePainter", "%1 running from %2 for %3")
        .arg(QString::fromStdString(m_recording.meta().workerName(worker)).toHtmlEscaped(),
             TimeAxis::formatDuration(double(interval->startNs) - origin),
             TimeAxis::formatDuration(double(interval->endNs - interval->startNs)));
}

QSet<int> CpuLanePainter::relatedLanes(int cpu, double ns) const
{
    std::uint32_t worker = 0;
    if (!runningOn(cpu, ns, &worker))
        return {};
    const int lane = m_recording.timeline().laneOf(worker);
    return lane >= 0 ? QSet<int>{lane} : QSet<int>{};
}

QString CpuLanePainter::shortName(const QString &name)
{
    // "producer-1" -> "p1", "worker-12" -> "w12"; "P3" and names without a number stay whole.
    static const QRegularExpression trailingNumber(QStringLiteral("(\\d+)$"));
    const QRegularExpressionMatch match = trailingNumber.match(name);
    if (!match.hasMatch() || match.capturedStart() <= 1)
        return {};
    return name.left(1).toLower() + match.captured(1);
}

void CpuLanePainter::paint(QPainter &painter, int cpu, const QRect &bounds,
                           const TimeWindow &window) const
{
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    const QFontMetrics metrics(m_font);
    // A turn too short for "producer-1" still says "p1": a Gantt chart without names on its
    // bars loses its point. Only where no other worker's name shortens the same way.
    QStringList shortNames;
    for (std::size_t lane = 0; lane < states.laneCount(); ++lane)
        shortNames << shortName(
            QString::fromStdString(states.meta().workerName(states.lane(lane).worker)));
    for (std::size_t lane = 0; lane < states.laneCount(); ++lane) {
        const auto &intervals = states.lane(lane).intervals;
        const std::uint32_t worker = states.lane(lane).worker;
        const QString name = QString::fromStdString(states.meta().workerName(worker));
        const QString &shortened = shortNames[qsizetype(lane)];
        const bool unique = !shortened.isEmpty() && shortNames.count(shortened) == 1;
        const int nameWidth = metrics.horizontalAdvance(name) + 4;
        const int shortWidth = unique ? metrics.horizontalAdvance(shortened) + 4 : INT_MAX;
        for (std::size_t i =
                 states.firstIntervalEndingAfter(lane, std::uint64_t(origin + window.startNs()));
             i < intervals.size(); ++i) {
            const StateInterval &interval = intervals[i];
            const double start = double(interval.startNs) - origin;
            if (start > window.endNs())
                break;
            if (interval.state != WorkerState::Running || interval.cpu != cpu)
                continue;
            const QRect segment = window.bar(start, double(interval.endNs) - origin, bounds, 1);
            StatePalette::paintHeld(painter, segment, worker);
            const QString *shown = nameWidth <= segment.width()    ? &name
                                   : shortWidth <= segment.width() ? &shortened
                                                                   : nullptr;
            if (shown) {
                painter.setPen(Qt::black);
                painter.drawText(segment, Qt::AlignCenter, *shown);
            }
        }
    }
}

void CpuLanePainter::addLegendItems(QVector<TimelineLegend::Item> &items)
{
    items.append({TimelineLegend::Item::Shape::Box, StatePalette::heldColor(),
                  QCoreApplication::translate("TimelinePainter", "on a CPU (worker named)")});
}

} // namespace conlab
