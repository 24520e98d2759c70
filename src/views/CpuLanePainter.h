#pragma once

#include "TimelineLegend.h"

#include <QFont>
#include <QRect>
#include <QSet>
#include <QString>
#include <QVector>
#include <cstdint>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;
struct StateInterval;

// The timeline's CPU lanes: a Gantt chart per virtual CPU, each bar in its worker's owner
// colour and named after it, read off the worker lanes' "running on CPU n" intervals.
class CpuLanePainter
{
public:
    CpuLanePainter(const RunRecording &recording, const QFont &font);

    int count() const;
    static QString heading();
    static QString label(int cpu);
    // What ran on `cpu` at `ns`, without the lane's name.
    QString toolTip(int cpu, double ns) const;
    // The worker lane of whoever ran on `cpu` at `ns`, if anyone did.
    QSet<int> relatedLanes(int cpu, double ns) const;
    void paint(QPainter &painter, int cpu, const QRect &bounds, const TimeWindow &window) const;
    static void addLegendItems(QVector<TimelineLegend::Item> &items);
    // A worker's name short enough for a brief turn: its initial and number ("p1" for
    // "producer-1"), or empty when the name has no number to keep.
    static QString shortName(const QString &name);

private:
    const StateInterval *runningOn(int cpu, double ns, std::uint32_t *worker) const;

    const RunRecording &m_recording;
    QFont m_font;
};

} // namespace conlab
