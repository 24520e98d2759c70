#pragma once

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace conlab {

class RunRecording;

// Depth of the run's queue over time as a step line, its x axis kept in step with the
// timeline's visible range so both read the same instant at the same place.
class QueueDepthChart : public QChartView
{
    Q_OBJECT

public:
    explicit QueueDepthChart(QWidget *parent = nullptr);

    void setRecording(const RunRecording *recording);
    // Starts over for a new run (or a run without a queue, which hides the chart's line).
    void reset();
    // Adds the points that arrived since the last call and extends the line to `nowNs`
    // (relative to the run's start).
    void refresh(double nowNs);
    qsizetype pointCount() const;
    bool hasQueue() const;
    std::int64_t capacity() const { return m_capacity; }

public slots:
    void setVisibleRange(double startNs, double endNs);
    // Places the plot between these x coordinates (this widget's), under the timeline's lanes.
    void setPlotColumns(int left, int right);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void placePlot();
    void setTexts();

    const RunRecording *m_recording = nullptr;
    QLineSeries *m_series = nullptr;
    QLineSeries *m_capacityLine = nullptr;
    std::int64_t m_capacity = 0;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_depthAxis = nullptr;
    // The line is made anew for the visible range at the plot's resolution whenever either
    // changes or events come: a long run's millions of puts would make a series too slow to
    // draw, and most of them would share pixels anyway.
    void rebuild();
    double m_visibleStartNs = 0;
    double m_visibleEndNs = 0;
    double m_nowNs = 0; // the live edge, or the run's end (relative to its start)
    // What the line was last made from.
    struct Drawn
    {
        std::size_t points = 0;
        double fromNs = -1;
        double toNs = -1;
        int columns = 0;
        bool operator==(const Drawn &) const = default;
    };
    Drawn m_drawn;
    // Items for a queue; KiB for a pipe, whose bytes would not fit the aligned label column.
    double m_unit = 1;
    bool m_semaphore = false; // the holders inside, not items in a queue
    int m_plotLeft = -1;
    int m_plotRight = -1;
};

} // namespace conlab
