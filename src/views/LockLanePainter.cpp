#include "LockLanePainter.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStringList>
#include <algorithm>

// Strings are translated under "TimelinePainter", like every other string the timeline shows.

namespace conlab {

LockLanePainter::LockLanePainter(const RunRecording &recording, const QFont &font)
    : m_recording(recording), m_font(font)
{
}

int LockLanePainter::count() const
{
    return int(m_recording.locks().lanes().size());
}

QString LockLanePainter::heading()
{
    return QCoreApplication::translate("TimelinePainter", "locks");
}

QString LockLanePainter::label(int lock) const
{
    const std::uint32_t id = m_recording.locks().lanes()[std::size_t(lock)].lock;
    const ObjectInfo *object = m_recording.meta().object(id);
    return object ? QString::fromStdString(object->name)
                  : QCoreApplication::translate("TimelinePainter", "lock %1").arg(id);
}

QString LockLanePainter::toolTip(int lock, double ns) const
{
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    const auto at = std::uint64_t(origin + ns);
    const LockTimeline &locks = m_recording.locks();
    const LockTimeline::Hold *hold = locks.holdAt(std::size_t(lock), at);
    if (!hold)
        return QCoreApplication::translate("TimelinePainter", "free");
    QString text =
        QCoreApplication::translate("TimelinePainter", "held by %1 from %2 for %3")
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

QSet<int> LockLanePainter::relatedLanes(int lock, double ns) const
{
    QSet<int> lanes;
    const StateTimeline &states = m_recording.timeline();
    const auto at = std::uint64_t(double(states.meta().startNs) + ns);
    const LockTimeline &locks = m_recording.locks();
    if (const LockTimeline::Hold *hold = locks.holdAt(std::size_t(lock), at))
        lanes.insert(states.laneOf(hold->owner));
    for (const std::uint32_t waiter :
         LockTimeline::waitersAt(states, locks.lanes()[std::size_t(lock)].lock, at))
        lanes.insert(states.laneOf(waiter));
    // Workers without a lane of their own.
    lanes.remove(-1);
    return lanes;
}

void LockLanePainter::paint(QPainter &painter, int lock, const QRect &bounds,
                            const TimeWindow &window) const
{
    const double origin = double(m_recording.meta().startNs);
    const QFontMetrics metrics(m_font);
    const LockTimeline::Lane &lane = m_recording.locks().lanes()[std::size_t(lock)];
    const QColor contended = StatePalette::color(StatePalette::Category::BlockedSync);
    for (std::size_t index = 0; index < lane.holds.size(); ++index) {
        const LockTimeline::Hold &hold = lane.holds[index];
        const double start = double(hold.startNs) - origin;
        const double end = double(hold.endNs) - origin;
        if (!window.overlaps(start, end))
            continue;
        const QRect segment = window.bar(start, end, bounds, 1);
        StatePalette::paintHeld(painter, segment, hold.owner);
        if (hold.contended) {
            painter.fillRect(segment, QBrush(contended, Qt::BDiagPattern));
            painter.fillRect(QRect(segment.left(), segment.bottom() - 2, segment.width(), 3),
                             contended);
        }
        const QString owner = QString::fromStdString(m_recording.meta().workerName(hold.owner));
        if (const auto steps = lane.stepsOf(index); !steps.empty()) {
            paintDepths(painter, hold, steps, owner, segment, window, bounds);
            continue;
        }
        if (metrics.horizontalAdvance(owner) + 8 <= segment.width()) {
            painter.setPen(Qt::black);
            painter.drawText(segment, Qt::AlignCenter, owner);
        }
    }
}

void LockLanePainter::paintDepths(QPainter &painter, const LockTimeline::Hold &hold,
                                  std::span<const LockTimeline::DepthStep> steps,
                                  const QString &owner, const QRect &segment,
                                  const TimeWindow &window, const QRect &bounds) const
{
    // A reentrant hold, stretch by stretch: one band per extra level stacked from the bottom
    // (as the owner's nested calls), and the depth in words where it fits.
    const double origin = double(m_recording.meta().startNs);
    const QFontMetrics metrics(m_font);
    const QColor band = StatePalette::heldColor().darker(160);
    std::uint64_t from = hold.startNs;
    std::uint32_t depth = 1;
    for (std::size_t i = 0; i <= steps.size(); ++i) {
        const std::uint64_t to = i < steps.size() ? steps[i].timeNs : hold.endNs;
        const QRect stretch =
            window.bar(double(from) - origin, double(to) - origin, bounds, 1).intersected(segment);
        if (stretch.width() > 0) {
            for (std::uint32_t level = 1; level < depth; ++level) {
                const int top = stretch.bottom() - 3 - int(level - 1) * 4;
                if (top < stretch.top() + 4) // the owner's stripe stays in view
                    break;
                painter.fillRect(QRect(stretch.left(), top, stretch.width(), 3), band);
            }
            const QString full = QCoreApplication::translate("TimelinePainter", "%1, depth %2")
                                     .arg(owner)
                                     .arg(depth);
            const QString shortText =
                QCoreApplication::translate("TimelinePainter", "depth %1").arg(depth);
            const QString text = metrics.horizontalAdvance(full) + 8 <= stretch.width() ? full
                                 : metrics.horizontalAdvance(shortText) + 8 <= stretch.width()
                                     ? shortText
                                     : QString();
            if (!text.isEmpty()) {
                painter.setPen(Qt::black);
                // Above the bands while the lane is tall enough for both.
                const int bands = int(depth - 1) * 4;
                const int lift = std::max(0, std::min(bands, stretch.height() - metrics.height()));
                painter.drawText(stretch.adjusted(0, 0, 0, -lift), Qt::AlignCenter, text);
            }
        }
        if (i < steps.size()) {
            from = to;
            depth = steps[i].depth;
        }
    }
}

void LockLanePainter::addLegendItems(QVector<TimelineLegend::Item> &items)
{
    items.append({TimelineLegend::Item::Shape::Box, StatePalette::heldColor(),
                  QCoreApplication::translate("TimelinePainter", "lock held (owner named)")});
    items.append({TimelineLegend::Item::Shape::Hatch,
                  StatePalette::color(StatePalette::Category::BlockedSync),
                  QCoreApplication::translate("TimelinePainter", "contended: others waiting")});
}

} // namespace conlab
