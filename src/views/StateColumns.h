#pragma once

#include "analysis/StateCoverage.h"

#include <QRect>
#include <QRgb>
#include <array>
#include <cstddef>

namespace conlab {

class LaneFill;
class StateTimeline;
class TimeWindow;

// The stretches of a worker lane where its intervals are narrower than a pixel, drawn a pixel
// column at a time from the lane's StateCoverage: each column in the colour of the state that
// took most of its time, and, when another state took some of it too, that runner-up as a
// strip along the column's foot, as tall as its share (at least kMixMark pixels), so that a
// mixed column never reads as one state. Bars reaching into a column are left out of it:
// they show themselves, and the column shows what was too brief to. Runs of equal columns are
// filled at once; the cost is the columns drawn, however many intervals they hold.
class StateColumns
{
public:
    static constexpr int kMixMark = 3;

    StateColumns(LaneFill &fill, const StateTimeline &timeline, std::size_t lane,
                 const QRect &bounds, const TimeWindow &window);
    ~StateColumns() { flush(); }

    // Draws columns from `column` on for as long as the interval reaching into the next column
    // is narrower than a pixel; returns that interval's index, the one to draw next as a bar
    // (or the lane's interval count when nothing more of it is visible).
    std::size_t paintFrom(int column);
    // Draws the run of columns still held back (before a bar is drawn over their neighbour).
    void flush();

private:
    std::uint64_t timeAt(int x) const;
    // Wide enough for a bar of its own (or the lane's end, drawn as a line).
    bool hasBar(const StateInterval &interval) const;
    void add(int column, const StateCoverage::Totals &totals);

    LaneFill &m_fill;
    const StateTimeline &m_timeline;
    std::size_t m_lane;
    QRect m_bounds;
    const TimeWindow &m_window;
    double m_origin;
    double m_firstNs;    // the absolute time at the bounds' left edge
    double m_nsPerPixel; // TimeWindow::timeForX's, kept to spare a call per column
    std::array<QRgb, StateCoverage::kKinds> m_colors;
    // The run of equal columns not drawn yet: [m_runStart, m_runEnd], -1 for none.
    struct Look
    {
        int first = -1; // StateCoverage::Kind, -1 for an empty column
        int second = -1;
        int markHeight = 0;
        bool operator==(const Look &) const = default;
    };
    int m_runStart = -1;
    int m_runEnd = -1;
    Look m_runLook;
};

} // namespace conlab
