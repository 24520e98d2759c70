#pragma once

#include "TimelineLegend.h"

#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>
#include <cstdint>
#include <vector>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;

// The timeline's data rows of the IO lessons, each under its receiver's worker lane: each
// round's measured "wait for data" and "copy" phases, the sender's write above them and failed
// tries below.
class IoLanePainter
{
public:
    IoLanePainter(const RunRecording &recording, const QPalette &palette);

    int count() const { return int(receivers().size()); }
    // The worker lane of `receiver`, whose data row sits right under it (-1: no lane).
    int workerLane(int receiver) const;
    QString label(int receiver) const;
    // The round `receiver` was in at `ns` and what it measured, without the lane's name.
    QString toolTip(int receiver, double ns) const;
    void paint(QPainter &painter, int receiver, const QRect &bounds,
               const TimeWindow &window) const;
    void addLegendItems(QVector<TimelineLegend::Item> &items) const;

private:
    // Workers with IO rounds, in the order of their worker lanes.
    std::vector<std::uint32_t> receivers() const;

    const RunRecording &m_recording;
    QPalette m_palette;
};

} // namespace conlab
