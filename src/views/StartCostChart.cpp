#include "StartCostChart.h"

#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QJsonArray>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <vector>

namespace conlab {

namespace {
QString duration(double ns)
{
    if (ns >= 1e6)
        return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', ns >= 1e7 ? 0 : 1);
    return QStringLiteral("%1 µs").arg(ns / 1e3, 0, 'f', ns >= 1e4 ? 0 : 1);
}
} // namespace

StartCostChart::StartCostChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(240);
    clear();
}

void StartCostChart::replaceChart(QChart *chart)
{
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
}

void StartCostChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    if (m_methods.isEmpty())
        clear();
    else
        setResults(QJsonObject(m_methods));
}

void StartCostChart::clear()
{
    m_methods = {};
    auto *chart = new QChart;
    chart->setTitle(tr("Run the lesson to measure start times"));
    chart->legend()->hide();
    m_labels.clear();
    replaceChart(chart);
    m_curves = 0;
}

void StartCostChart::setResults(const QJsonObject &methods)
{
    m_methods = methods;
    auto *chart = new QChart;
    chart->setTitle(tr("Start call → first instruction"));
    // Okabe-Ito hues, as on the other charts; these name methods, not states.
    const QColor colours[] = {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00),
                              QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x9E, 0x73)};
    auto *time = new QLogValueAxis(chart);
    time->setTitleText(tr("µs (logarithmic)"));
    time->setBase(10);
    time->setLabelFormat(QStringLiteral("%g"));
    auto *share = new QValueAxis(chart);
    share->setRange(0, 100);
    share->setTitleText(tr("% of starts at most this long"));
    share->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(share, Qt::AlignLeft);
    m_labels.clear();
    double lowest = 1e300;
    double highest = 0;
    int index = 0;
    // Fastest first, the order the lesson talks about them in.
    for (const char *name : {"thread", "fork", "posix_spawn", "spawn"}) {
        const QJsonObject method = methods.value(QLatin1String(name)).toObject();
        const QJsonArray samples = method.value(QLatin1String("start_ns")).toArray();
        if (samples.isEmpty())
            continue;
        std::vector<double> us;
        for (const QJsonValue &value : samples)
            us.push_back(std::max(0.001, value.toDouble() / 1e3));
        std::sort(us.begin(), us.end());
        auto *curve = new QLineSeries(chart);
        for (std::size_t i = 0; i < us.size(); ++i) {
            // A step at each sample: the curve is the measured distribution, not a fit.
            curve->append(us[i], 100.0 * double(i) / double(us.size()));
            curve->append(us[i], 100.0 * double(i + 1) / double(us.size()));
        }
        lowest = std::min(lowest, us.front());
        highest = std::max(highest, us.back());
        curve->setName(QLatin1String(name));
        const double medianNs = method.value(QLatin1String("p50_ns")).toDouble();
        // A light patch under the text keeps it legible where it crosses another curve.
        auto *patch = new QGraphicsRectItem(chart);
        patch->setBrush(QColor(255, 255, 255, 225));
        patch->setPen(Qt::NoPen);
        patch->setZValue(10);
        auto *text = new QGraphicsSimpleTextItem(
            tr("%1\nmedian %2\np99 %3")
                .arg(QLatin1String(name), duration(medianNs),
                     duration(method.value(QLatin1String("p99_ns")).toDouble())),
            patch);
        text->setBrush(colours[index % 4].darker(130));
        patch->setRect(text->boundingRect().adjusted(-3, -2, 3, 2));
        m_labels.append({patch, std::max(0.001, medianNs / 1e3), 20.0 + 20.0 * index});
        QPen pen(colours[index++ % 4]);
        pen.setWidthF(2);
        curve->setPen(pen);
        chart->addSeries(curve);
        curve->attachAxis(time);
        curve->attachAxis(share);
    }
    m_curves = index;
    if (index == 0) {
        delete chart;
        clear();
        return;
    }
    time->setRange(std::pow(10.0, std::floor(std::log10(lowest))),
                   std::pow(10.0, std::ceil(std::log10(highest))));
    chart->legend()->hide();
    replaceChart(chart);
    placeLabels();
}

void StartCostChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeLabels();
}

void StartCostChart::placeLabels()
{
    QChart *current = chart();
    if (!current)
        return;
    const QRectF plot = current->plotArea();
    for (const CurveLabel &label : m_labels) {
        const QPointF at = current->mapToPosition(QPointF(label.medianUs, label.share));
        const QRectF box = label.item->boundingRect();
        // Right of its curve where it fits, else left of it.
        double x = at.x() + 6;
        if (x + box.width() > plot.right())
            x = at.x() - 6 - box.width();
        label.item->setPos(x, at.y() - box.height() / 2);
    }
}

} // namespace conlab
