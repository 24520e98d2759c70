#pragma once

#include "StatePalette.h"

#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>

class QPainter;

namespace conlab {

class RunRecording;

// Draws a run's timeline: time axis, one lane per worker, lane labels and the legend. The
// window and the exported images both use it, so what is exported is what was seen.
// Times are in ns relative to the run's start.
class TimelinePainter
{
public:
    static constexpr int kAxisHeight = 26;
    static constexpr int kLaneHeight = 20;
    static constexpr int kLaneGap = 6;

    TimelinePainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    void setRange(double startNs, double endNs);
    double startNs() const { return m_startNs; }
    double endNs() const { return m_endNs; }
    // The live edge: drawn as a dashed line; open intervals end there. Negative for none.
    void setNowNs(double nowNs) { m_nowNs = nowNs; }
    void setHighlightedLane(int lane) { m_highlightedLane = lane; }

    int laneCount() const;
    int labelWidth() const;
    int lanesHeight() const { return laneCount() * (kLaneHeight + kLaneGap) + kLaneGap; }
    int laneTop(int lane) const { return kLaneGap + lane * (kLaneHeight + kLaneGap); }
    // The lane at `y` (lanes' own coordinates, 0 at the first lane's top gap), or -1.
    int laneAt(int y) const;
    QString laneLabel(int lane) const;

    double xForTime(double ns, const QRect &plot) const;
    double timeForX(double x, const QRect &plot) const;

    // The axis' ticks and labels along `axis` (its x span is the plot's).
    void paintAxis(QPainter &painter, const QRect &axis) const;
    // Lanes inside `plot`, the first lane's top at plot.top() - scrollY.
    void paintLanes(QPainter &painter, const QRect &plot, int scrollY) const;
    // Lane names beside the lanes, same vertical placement as paintLanes.
    void paintLabels(QPainter &painter, const QRect &labels, int scrollY) const;
    int legendHeight(int width) const;
    void paintLegend(QPainter &painter, const QRect &area) const;

private:
    void paintLane(QPainter &painter, int lane, const QRect &plot, int top) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
    double m_startNs = 0;
    double m_endNs = 1e9;
    double m_nowNs = -1;
    int m_highlightedLane = -1;
};

} // namespace conlab
