#include "QueueDepthChart.h"

#include "TimeAxis.h"
#include "analysis/RunRecording.h"

#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace conlab {

QueueDepthChart::QueueDepthChart(QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_series = new QLineSeries(chart);
    m_series->setPen(QPen(QColor(0xCC, 0x79, 0xA7), 2));
    chart->addSeries(m_series);
    m_capacityLine = new QLineSeries(chart);
    m_capacityLine->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    chart->addSeries(m_capacityLine);
    m_timeAxis = new QValueAxis(chart);
    m_timeAxis->setLabelFormat(QStringLiteral("%.2f"));
    m_depthAxis = new QValueAxis(chart);
    m_depthAxis->setLabelFormat(QStringLiteral("%d"));
    // The plot area is placed by hand, so the axis never widens its label column for "64":
    // labels are drawn whole instead of as "…".
    m_depthAxis->setTruncateLabels(false);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_depthAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_series, m_capacityLine}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_depthAxis);
    }
    // The view made a chart of its own; setChart releases it without deleting it.
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
    reset();
}

void QueueDepthChart::setRecording(const RunRecording *recording)
{
    m_recording = recording;
    reset();
}

void QueueDepthChart::reset()
{
    m_series->clear();
    m_capacityLine->clear();
    m_nowNs = 0;
    m_drawn = {};
    m_capacity = 0;
    m_unit = 1;
    m_semaphore = false;
    if (m_recording) {
        for (const ObjectInfo &object : m_recording->meta().objects) {
            if (object.kind == "queue" || object.kind == "pipe" || object.kind == "semaphore") {
                m_capacity = object.capacity;
                m_semaphore = object.kind == "semaphore";
                // The same chart in KiB: a pipe holds bytes, not items.
                m_unit = object.kind == "pipe" ? 1024 : 1;
                break;
            }
        }
    }
    // The title stays fixed: the plot area is placed by hand, and a changed title would not
    // be laid out again. The capacity is a dashed line instead, with headroom above it.
    const double capacity = double(m_capacity) / m_unit;
    const double top = std::max(capacity, 1.0) + 0.5;
    // A fixed handful of ticks while range and interval change: a pipe's 65536 bytes with the
    // last run's interval of one item (or the other way round) would have the axis build tens
    // of thousands of tick items in between.
    m_depthAxis->setTickType(QValueAxis::TicksFixed);
    m_depthAxis->setRange(0, top);
    m_depthAxis->setTickAnchor(0);
    m_depthAxis->setTickInterval(capacity > 8 ? std::ceil(capacity / 8) : 1);
    m_depthAxis->setTickType(QValueAxis::TicksDynamic);
    setTexts();
    // A title that changed (a semaphore after a queue) is laid out only by the chart's own
    // layout: let it run once, then place the plot by hand again.
    chart()->setPlotArea(QRectF());
    chart()->layout()->activate();
    placePlot();
}

void QueueDepthChart::setTexts()
{
    m_timeAxis->setTitleText(tr("time (s)"));
    if (m_semaphore) {
        chart()->setTitle(tr("How many are inside the semaphore (dashed: its places)"));
        m_series->setName(tr("workers inside"));
        m_depthAxis->setTitleText(tr("workers"));
        m_capacityLine->setName(tr("%1 places").arg(m_capacity));
        return;
    }
    chart()->setTitle(tr("How full the queue or pipe is (dashed: its capacity)"));
    const bool pipe = m_unit > 1;
    m_series->setName(pipe ? tr("KiB in the pipe") : tr("items in the queue"));
    m_depthAxis->setTitleText(pipe ? tr("KiB") : tr("items"));
    m_capacityLine->setName(tr("capacity %1").arg(double(m_capacity) / m_unit));
}

void QueueDepthChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setTexts();
    placePlot();
}

bool QueueDepthChart::hasQueue() const
{
    return m_capacity > 0;
}

void QueueDepthChart::refresh(double nowNs)
{
    m_nowNs = std::max(nowNs, 0.0);
    rebuild();
}

void QueueDepthChart::rebuild()
{
    if (!m_recording || m_recording->queues().empty() || m_capacity <= 0)
        return;
    const QueueDepthSeries &series = m_recording->queues().front();
    const double origin = double(m_recording->meta().startNs);
    // The line reaches the present even when nothing changes: the depth holds until the next
    // put or get.
    const double from = std::clamp(m_visibleStartNs, 0.0, m_nowNs);
    const double to =
        std::clamp(m_visibleEndNs > m_visibleStartNs ? m_visibleEndNs : m_nowNs, from, m_nowNs);
    const int columns = m_plotRight > m_plotLeft ? m_plotRight - m_plotLeft : 600;
    // Asked for at every frame of a live run: the line is made again only when it can differ.
    const Drawn drawn{series.points().size(), from, to, columns};
    if (drawn == m_drawn)
        return;
    m_drawn = drawn;
    QList<QPointF> line;
    for (const QueueDepthSeries::Point &point :
         series.stepLine(std::uint64_t(origin + from), std::uint64_t(origin + to), columns))
        line.append(QPointF((double(point.timeNs) - origin) / 1e9, point.depth / m_unit));
    m_series->replace(line);
}

qsizetype QueueDepthChart::pointCount() const
{
    return m_series->count();
}

void QueueDepthChart::setVisibleRange(double startNs, double endNs)
{
    endNs = std::max(endNs, startNs + 1);
    m_visibleStartNs = startNs;
    m_visibleEndNs = endNs;
    // The same 1-2-5 steps as the timeline's axis, so ticks fall on the same instants. The
    // axis lays out ticks on every change: fixed ticks while range and step both change, or
    // an old small step over a new wide range would create millions of them.
    const double width = m_plotRight > m_plotLeft ? m_plotRight - m_plotLeft : 600;
    const double step = TimeAxis::stepFor((endNs - startNs) / width, 80) / 1e9;
    m_timeAxis->setTickType(QValueAxis::TicksFixed);
    m_timeAxis->setRange(startNs / 1e9, endNs / 1e9);
    m_timeAxis->setTickAnchor(0);
    m_timeAxis->setTickInterval(step);
    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    if (m_capacity > 0) {
        m_capacityLine->replace(QList<QPointF>{{startNs / 1e9, double(m_capacity) / m_unit},
                                               {endNs / 1e9, double(m_capacity) / m_unit}});
    }
    const int decimals = step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    m_timeAxis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) +
                               QStringLiteral("f"));
    rebuild();
}

void QueueDepthChart::setPlotColumns(int left, int right)
{
    // Both views sit in one column of the splitter; only the frames differ.
    m_plotLeft = left - (viewport()->x());
    m_plotRight = right - (viewport()->x());
    placePlot();
    rebuild();
}

void QueueDepthChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placePlot();
}

void QueueDepthChart::placePlot()
{
    if (m_plotRight <= m_plotLeft)
        return;
    const QFontMetrics metrics(font());
    const int top = QFontMetrics(chart()->titleFont()).height() + 14;
    const int bottom = viewport()->height() - metrics.height() * 3 - 6;
    if (bottom <= top)
        return;
    chart()->setPlotArea(QRectF(m_plotLeft, top, m_plotRight - m_plotLeft, bottom - top));
}

} // namespace conlab
