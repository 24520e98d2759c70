#include "PolicyComparisonChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QEvent>
#include <QValueAxis>
#include <algorithm>

namespace conlab {

PolicyComparisonChart::PolicyComparisonChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    clear();
}

void PolicyComparisonChart::replaceChart(QChart *chart)
{
    // The view releases, but does not delete, the chart it showed before.
    QChart *previous = this->chart();
    setChart(chart);
    delete previous;
}

void PolicyComparisonChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    if (m_results.isEmpty())
        clear();
    else
        setResults(QList<QJsonObject>(m_results));
}

void PolicyComparisonChart::clear()
{
    m_results.clear();
    auto *chart = new QChart;
    chart->setTitle(tr("Press Compare policies"));
    chart->legend()->hide();
    replaceChart(chart);
    m_categories = 0;
}

void PolicyComparisonChart::setResults(const QList<QJsonObject> &summaries)
{
    m_results = summaries;
    auto *chart = new QChart;
    chart->setTitle(tr("Averages per policy (measured on real workers)"));
    auto *series = new QBarSeries(chart);
    struct Metric
    {
        const char *key;
        QString label;
        QColor color;
    };
    // Okabe-Ito hues again, none of them the state colours' meaning here.
    const Metric metrics[] = {
        {"avg_waiting_ns", tr("waiting"), QColor(0xE6, 0x9F, 0x00)},
        {"avg_turnaround_ns", tr("turnaround"), QColor(0x56, 0xB4, 0xE9)},
        {"avg_response_ns", tr("response"), QColor(0x99, 0x99, 0x99)},
    };
    QStringList categories;
    double highest = 0;
    for (const Metric &metric : metrics) {
        auto *set = new QBarSet(metric.label, series);
        set->setColor(metric.color);
        for (const QJsonObject &summary : summaries) {
            const double ms = summary.value(QLatin1String(metric.key)).toDouble() / 1e6;
            set->append(ms);
            highest = std::max(highest, ms);
        }
        series->append(set);
    }
    for (const QJsonObject &summary : summaries) {
        const QJsonObject params = summary.value(QLatin1String("params")).toObject();
        categories << params.value(QLatin1String("policy")).toString();
    }
    chart->addSeries(series);
    auto *policies = new QBarCategoryAxis(chart);
    policies->append(categories);
    auto *time = new QValueAxis(chart);
    time->setTitleText(tr("ms"));
    time->setRange(0, std::max(1.0, highest * 1.1));
    time->applyNiceNumbers();
    time->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(policies, Qt::AlignBottom);
    chart->addAxis(time, Qt::AlignLeft);
    series->attachAxis(policies);
    series->attachAxis(time);
    chart->legend()->setAlignment(Qt::AlignBottom);
    replaceChart(chart);
    m_categories = int(categories.size());
}

} // namespace conlab
