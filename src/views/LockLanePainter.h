#pragma once

#include "TimelineLegend.h"
#include "analysis/LockTimeline.h"

#include <QFont>
#include <QRect>
#include <QSet>
#include <QString>
#include <QVector>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;

// The timeline's lock lanes: who held each lock when, in the owner's colour, hatched while
// others were waiting for it.
class LockLanePainter
{
public:
    LockLanePainter(const RunRecording &recording, const QFont &font);

    int count() const;
    static QString heading();
    QString label(int lock) const;
    // Holder and waiters of `lock` at `ns`, without the lane's name.
    QString toolTip(int lock, double ns) const;
    // The worker lanes of the holder and the waiters of `lock` at `ns`.
    QSet<int> relatedLanes(int lock, double ns) const;
    void paint(QPainter &painter, int lock, const QRect &bounds, const TimeWindow &window) const;
    static void addLegendItems(QVector<TimelineLegend::Item> &items);

private:
    void paintDepths(QPainter &painter, const LockTimeline::Hold &hold,
                     std::span<const LockTimeline::DepthStep> steps, const QString &owner,
                     const QRect &segment, const TimeWindow &window, const QRect &bounds) const;

    const RunRecording &m_recording;
    QFont m_font;
};

} // namespace conlab
