#pragma once

#include "CpuLanePainter.h"
#include "IoLanePainter.h"
#include "LockLanePainter.h"
#include "OutputMarkerPainter.h"
#include "StatePalette.h"
#include "TimeWindow.h"
#include "TimelineLegend.h"
#include "WorkerLanePainter.h"

#include <QFont>
#include <QPalette>
#include <QRect>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

class QPainter;

class QFontMetrics;

namespace conlab {

class RunRecording;

// Draws a run's timeline: time axis, one lane per worker, then (when shown or present) a
// lane per virtual CPU and per lock, an IO receiver's data phases, "unblocked by" arrows, the pins
// of printed lines and sent signals, lane labels and the legend. The window and the exported
// images both use it, so what is exported is what was seen. Times are in ns relative to the run's
// start. Rows are the worker lanes, each IO receiver's data row right under its own lane (the two
// are read together), then for each further kind a heading row and its lanes: CPUs, locks. This
// class owns that row layout; each kind's bars, labels and tooltips are drawn by its own lane
// painter.
class TimelinePainter
{
public:
    static constexpr int kAxisHeight = 26;
    static constexpr int kLaneHeight = 20;
    static constexpr int kLaneGap = 6;

    TimelinePainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    void setRange(double startNs, double endNs) { m_window = TimeWindow(startNs, endNs); }
    double startNs() const { return m_window.startNs(); }
    double endNs() const { return m_window.endNs(); }
    // The live edge: drawn as a dashed line; open intervals end there. Negative for none.
    void setNowNs(double nowNs) { m_nowNs = nowNs; }
    void setHighlightedRows(const QSet<int> &rows) { m_highlightedRows = rows; }
    void setShowWakeups(bool show) { m_showWakeups = show; }
    // A cursor line (the instant the wait-for graph shows); negative for none.
    void setCursorNs(double ns) { m_cursorNs = ns; }
    // The instant marked red and named "deadlock formed" in the legend. By default the first
    // cycle the recording saw; an export passes its summary's deadlock (negative: none), so a
    // cycle the run broke is not drawn as a deadlock.
    void setDeadlockNs(double ns)
    {
        m_deadlockOverride = ns;
        m_hasDeadlockOverride = true;
    }
    double deadlockNs() const;

    int laneCount() const; // worker lanes
    int lockLaneCount() const;
    int rowCount() const;
    // Row of worker lane `lane`, and the worker lane of `row` (-1 if it is not one).
    int workerRow(int lane) const;
    int workerLaneOf(int row) const;
    // Row of lock lane `lock`, and the lock lane of `row` (-1 if it is not one).
    int lockRow(int lock) const { return lockSectionStart() + 1 + lock; }
    int lockLaneOf(int row) const;
    // With CPU lanes shown: one row per virtual CPU, saying which worker ran on it.
    void setShowCpus(bool show) { m_showCpus = show; }
    int cpuLaneCount() const;
    int cpuLaneOf(int row) const;
    // IO lessons: a row per receiver with its measured "wait for data" and "copy" phases,
    // right under the receiver's worker lane.
    int ioLaneCount() const { return m_io.count(); }
    int ioLaneOf(int row) const;
    int ioRow(int receiver) const;
    int labelWidth() const;
    // At most this many pixels for the label column (0: as wide as the longest label); longer
    // labels are elided in the middle, so the worker's number and OS id stay readable.
    void setLabelWidthLimit(int pixels) { m_labelWidthLimit = pixels; }
    // Room a view of the whole run leaves after its end, for the exit causes written there.
    int endRoom() const;
    int lanesHeight() const { return rowCount() * (kLaneHeight + kLaneGap) + kLaneGap; }
    int laneTop(int row) const { return kLaneGap + row * (kLaneHeight + kLaneGap); }
    // The row at `y` (lanes' own coordinates, 0 at the first lane's top gap), or -1.
    int laneAt(int y) const;
    QString laneLabel(int row) const;
    // `label` as painted in `width` pixels: whole if it fits, else the name elided in its
    // middle and the OS id ("  tid 4242") kept.
    static QString fittedLabel(const QString &label, const QFontMetrics &metrics, int width);
    // Rows to highlight when hovering `row` at `ns`: for a lock lane, the holder and waiters;
    // for a CPU lane, the worker running on it; for a data row, its receiver's lane.
    QSet<int> relatedRows(int row, double ns) const;
    QString lockToolTip(int row, double ns) const;
    QString cpuToolTip(int row, double ns) const;
    QString ioToolTip(int row, double ns) const;
    // The lines printed and signals sent near `x` on worker lane `row` (the range must be
    // set), or empty when no pin is there.
    QString markerToolTip(int row, double x, const QRect &plot) const;
    // A worker lane's name in bold with its process' parent, above each tooltip's own text.
    QString workerToolTipHeading(int row) const;
    // What `interval` on the worker lane at `row` is, as its tooltip says it.
    QString describeInterval(int row, const StateInterval &interval) const
    {
        return m_workers.describe(workerLaneOf(row), interval);
    }
    // A colour per worker, for lock owners: light enough for dark text.
    static QColor ownerColor(std::uint32_t worker) { return StatePalette::ownerColor(worker); }

    double xForTime(double ns, const QRect &plot) const { return m_window.xForTime(ns, plot); }
    double timeForX(double x, const QRect &plot) const { return m_window.timeForX(x, plot); }

    // The axis' ticks and labels along `axis` (its x span is the plot's).
    void paintAxis(QPainter &painter, const QRect &axis) const;
    // Lanes inside `plot`, the first lane's top at plot.top() - scrollY.
    void paintLanes(QPainter &painter, const QRect &plot, int scrollY) const;
    // Lane names beside the lanes, same vertical placement as paintLanes.
    void paintLabels(QPainter &painter, const QRect &labels, int scrollY) const;
    int legendHeight(int width) const;
    // The legend's words in the order they are painted.
    QStringList legendLabels() const;
    void paintLegend(QPainter &painter, const QRect &area) const;

private:
    // What a row of the workers' section shows: a worker lane or a receiver's data row.
    struct WorkerSectionRow
    {
        int lane = -1;     // worker lane, or -1
        int receiver = -1; // IO receiver, or -1
    };

    QVector<TimelineLegend::Item> legendItems() const;
    int cpuSectionStart() const { return int(m_workerSection.size()); }
    int lockSectionStart() const;
    bool isHeading(int row) const;
    // The lane's name in bold, above each tooltip's own text.
    QString toolTipHeading(int row) const;
    void paintWakeups(QPainter &painter, const QRect &plot, int scrollY) const;
    void paintMarkers(QPainter &painter, const QRect &plot) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
    WorkerLanePainter m_workers;
    CpuLanePainter m_cpus;
    LockLanePainter m_locks;
    IoLanePainter m_io;
    OutputMarkerPainter m_output;
    std::vector<WorkerSectionRow> m_workerSection;
    std::vector<int> m_workerRows; // row of each worker lane
    std::vector<int> m_ioRows;     // row of each IO receiver's data
    TimeWindow m_window;
    double m_nowNs = -1;
    double m_cursorNs = -1;
    double m_deadlockOverride = -1;
    bool m_hasDeadlockOverride = false;
    int m_labelWidthLimit = 0;
    bool m_showWakeups = true;
    bool m_showCpus = false;
    QSet<int> m_highlightedRows;
};

} // namespace conlab
