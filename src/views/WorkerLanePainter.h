#pragma once

#include "TimelineLegend.h"

#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;

// The timeline's worker lanes: each worker's states over time, in the state colours, with
// the block reason written on wide enough "blocked" bars and the exit cause at the end.
class WorkerLanePainter
{
public:
    WorkerLanePainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    int count() const;
    QString label(int lane) const;
    void paint(QPainter &painter, int lane, const QRect &bounds, const TimeWindow &window) const;
    void addLegendItems(QVector<TimelineLegend::Item> &items) const;

private:
    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
};

} // namespace conlab
