#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QPalette>
#include <QString>

class QPainter;
class QRect;

namespace conlab {

class RunRecording;
class TimeWindow;

// A queue's or pipe's depth as a step plot under the lanes, on the lanes' time axis: how full it
// was at each instant, its capacity dashed. The exported page draws one row per queue (the
// window has its own chart, QueueDepthChart).
class QueueDepthPainter
{
    Q_DECLARE_TR_FUNCTIONS(QueueDepthPainter)

public:
    static constexpr int kRowHeight = 64;

    QueueDepthPainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    int count() const; // queues and pipes of the run
    // "queue depth: jobs" (a queue, in items) or "pipe fill: pipe (KiB)".
    QString label(int row) const;
    int labelWidth() const;
    // The plot inside `plot`, up to the run's last event.
    void paint(QPainter &painter, int row, const QRect &plot, const TimeWindow &window) const;
    // The row's name and its scale (0 and the capacity) inside `labels`, beside the plot.
    void paintLabel(QPainter &painter, int row, const QRect &labels) const;

private:
    double unit(int row) const;
    double top(int row) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
};

} // namespace conlab
