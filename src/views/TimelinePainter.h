#pragma once

#include "StatePalette.h"
#include "TimelineLegend.h"

#include <QFont>
#include <QPalette>
#include <QRect>
#include <QSet>
#include <QString>
#include <QVector>

class QPainter;

namespace conlab {

class RunRecording;

// Draws a run's timeline: time axis, one lane per worker, then (when the run has locks) one
// lane per lock showing its holder, "unblocked by" arrows, lane labels and the legend. The
// window and the exported images both use it, so what is exported is what was seen.
// Times are in ns relative to the run's start. Rows are worker lanes, then a "locks" heading
// row and the lock lanes.
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
    void setHighlightedRows(const QSet<int> &rows) { m_highlightedRows = rows; }
    void setShowWakeups(bool show) { m_showWakeups = show; }
    // A cursor line (the instant the wait-for graph shows); negative for none.
    void setCursorNs(double ns) { m_cursorNs = ns; }

    int laneCount() const; // worker lanes
    int lockLaneCount() const;
    int rowCount() const;
    // Row of lock lane `lock`, and the lock lane of `row` (-1 if it is not one).
    int lockRow(int lock) const { return lockSectionStart() + 1 + lock; }
    int lockLaneOf(int row) const;
    // With CPU lanes shown: one row per virtual CPU, saying which worker ran on it.
    void setShowCpus(bool show) { m_showCpus = show; }
    int cpuLaneCount() const;
    int cpuLaneOf(int row) const;
    // IO lessons: a row per receiver with its measured "wait for data" and "copy" phases.
    int ioLaneCount() const { return int(ioReceivers().size()); }
    int ioLaneOf(int row) const;
    int labelWidth() const;
    int lanesHeight() const { return rowCount() * (kLaneHeight + kLaneGap) + kLaneGap; }
    int laneTop(int row) const { return kLaneGap + row * (kLaneHeight + kLaneGap); }
    // The row at `y` (lanes' own coordinates, 0 at the first lane's top gap), or -1.
    int laneAt(int y) const;
    QString laneLabel(int row) const;
    // Rows to highlight when hovering `row` at `ns`: for a lock lane, the holder and waiters.
    QSet<int> relatedRows(int row, double ns) const;
    QString lockToolTip(int row, double ns) const;
    QString cpuToolTip(int row, double ns) const;
    QString ioToolTip(int row, double ns) const;
    // A colour per worker, for lock owners: light enough for dark text.
    static QColor ownerColor(std::uint32_t worker);

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
    QVector<TimelineLegend::Item> legendItems() const;
    void paintLane(QPainter &painter, int lane, const QRect &plot, int top) const;
    void paintLockLane(QPainter &painter, int lock, const QRect &plot, int top) const;
    void paintCpuLane(QPainter &painter, int cpu, const QRect &plot, int top) const;
    int lockSectionStart() const;
    int ioSectionStart() const;
    std::vector<std::uint32_t> ioReceivers() const;
    void paintIoLane(QPainter &painter, int receiver, const QRect &plot, int top) const;
    const StateInterval *runningOn(int cpu, double ns, std::uint32_t *worker) const;
    void paintWakeups(QPainter &painter, const QRect &plot, int scrollY) const;
    void paintMarkers(QPainter &painter, const QRect &plot) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
    double m_startNs = 0;
    double m_endNs = 1e9;
    double m_nowNs = -1;
    double m_cursorNs = -1;
    bool m_showWakeups = true;
    bool m_showCpus = false;
    QSet<int> m_highlightedRows;
};

} // namespace conlab
