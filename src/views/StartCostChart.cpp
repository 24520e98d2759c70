#include "StartCostChart.h"

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

void StartCostChart::clear()
{
    auto *chart = new QChart;
    chart->setTitle(tr("Run the lesson to measure start times"));
    chart->legend()->hide();
    replaceChart(chart);
    m_curves = 0;
}

void StartCostChart::setResults(const QJsonObject &methods)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Start call → first instruction: share of starts at most this long"));
    // Okabe-Ito hues, as on the other charts; these name methods, not states.
    const QColor colours[] = {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00),
                              QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x9E, 0x73)};
    auto *time = new QLogValueAxis(chart);
    time->setTitleText(tr("µs (logarithmic)"));
    time->setBase(10);
    time->setLabelFormat(QStringLiteral("%g"));
    auto *share = new QValueAxis(chart);
    share->setRange(0, 100);
    share->setTitleText(tr("% of starts"));
    share->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(share, Qt::AlignLeft);
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
        curve->setName(tr("%1: median %2, p99 %3")
                           .arg(QLatin1String(name),
                                duration(method.value(QLatin1String("p50_ns")).toDouble()),
                                duration(method.value(QLatin1String("p99_ns")).toDouble())));
        QPen pen(colours[index++ % 4]);
        pen.setWidthF(2);
        curve->setPen(pen);
        chart->addSeries(curve);
        curve->attachAxis(time);
        curve->attachAxis(share);
    }
    m_curves = index;
    if (index == 0) {
        clear();
        return;
    }
    time->setRange(std::pow(10.0, std::floor(std::log10(lowest))),
                   std::pow(10.0, std::ceil(std::log10(highest))));
    chart->legend()->setAlignment(Qt::AlignBottom);
    replaceChart(chart);
}

} // namespace conlab
