#include "MultiprogrammingChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QEvent>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace conlab {

namespace {

struct PhaseKey
{
    QLatin1String key;
    const char *label;
};
const PhaseKey kPhases[] = {
    {QLatin1String("batch"), QT_TRANSLATE_NOOP("conlab::MultiprogrammingChart", "batch")},
    // Short, as the lanes name them: a category label gets a third of a narrow dock at most.
    {QLatin1String("multiprogrammed"), QT_TRANSLATE_NOOP("conlab::MultiprogrammingChart", "multi")},
};

// Okabe-Ito: the run in blue, the model in a quieter grey beside it.
const QColor kMeasured(0x00, 0x72, 0xB2);
const QColor kModel(0xBB, 0xBB, 0xBB);

struct Bars
{
    QString title;
    QString unit;
    QString measuredKey;
    QString modelKey;
    double scale = 1; // summary value times this = plotted value
    double step = 1;  // plotted values are rounded to this, so their labels stay short
    // Two labels side by side must fit a narrow dock: a bare number where the axis says
    // the unit.
    QString labelFormat = QStringLiteral("@value");
    double axisMaximum = 0; // 0: from the values
    double tickInterval = 0;
};

QChart *barChart(const QJsonObject &summary, const Bars &bars)
{
    auto *chart = new QChart;
    chart->setTitle(bars.title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    auto *series = new QBarSeries(chart);
    auto *measured = new QBarSet(MultiprogrammingChart::tr("measured (real run)"), series);
    measured->setColor(kMeasured);
    measured->setLabelColor(Qt::black);
    auto *model = new QBarSet(MultiprogrammingChart::tr("model (FCFS on paper)"), series);
    model->setColor(kModel);
    model->setLabelColor(Qt::black);
    QStringList categories;
    double highest = 0;
    for (const PhaseKey &phase : kPhases) {
        const QJsonObject figures = summary.value(phase.key).toObject();
        if (figures.isEmpty())
            continue;
        categories << MultiprogrammingChart::tr(phase.label);
        auto plotted = [&](const QString &key) {
            const double value = figures.value(key).toDouble() * bars.scale;
            return std::round(value / bars.step) * bars.step;
        };
        measured->append(plotted(bars.measuredKey));
        model->append(plotted(bars.modelKey));
        highest = std::max({highest, plotted(bars.measuredKey), plotted(bars.modelKey)});
    }
    series->append(measured);
    series->append(model);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(bars.labelFormat);
    // Significant digits: "42.9", "100", "1260"; the values are rounded to their step already.
    series->setLabelsPrecision(6);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto *phases = new QBarCategoryAxis(chart);
    phases->append(categories);
    auto *values = new QValueAxis(chart);
    values->setTitleText(bars.unit);
    if (bars.axisMaximum > 0) {
        values->setRange(0, bars.axisMaximum);
    } else {
        // Headroom above the tallest bar for its label.
        values->setRange(0, std::max(1.0, highest * 1.2));
        values->applyNiceNumbers();
    }
    if (bars.tickInterval > 0) {
        values->setTickType(QValueAxis::TicksDynamic);
        values->setTickAnchor(0);
        values->setTickInterval(bars.tickInterval);
    }
    values->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(phases, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(phases);
    series->attachAxis(values);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void replaceChart(QChartView *view, QChart *chart)
{
    // The view releases, but does not delete, the chart it showed before.
    QChart *previous = view->chart();
    view->setChart(chart);
    delete previous;
}

} // namespace

MultiprogrammingChart::MultiprogrammingChart(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    for (QChartView **view : {&m_utilisation, &m_makespan}) {
        *view = new QChartView(this);
        (*view)->setRenderHint(QPainter::Antialiasing);
        (*view)->setMinimumSize(240, 200);
        layout->addWidget(*view);
    }
    clear();
}

bool MultiprogrammingChart::hasPhases(const QJsonObject &summary)
{
    return std::any_of(std::begin(kPhases), std::end(kPhases),
                       [&](const PhaseKey &phase) { return summary.contains(phase.key); });
}

void MultiprogrammingChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        showSummary(QJsonObject(m_summary));
}

void MultiprogrammingChart::clear()
{
    m_summary = {};
    for (QChartView *view : {m_utilisation, m_makespan}) {
        auto *chart = new QChart;
        chart->legend()->hide();
        replaceChart(view, chart);
    }
    m_utilisation->chart()->setTitle(tr("Run multiprogramming to compare the two"));
}

void MultiprogrammingChart::showSummary(const QJsonObject &summary)
{
    if (!hasPhases(summary)) {
        clear();
        return;
    }
    m_summary = summary;
    Bars utilisation;
    // Chart titles are HTML; the categories are too narrow to say what they mean.
    utilisation.title = tr("<p align=\"center\">CPU utilisation: busy time over the phase's "
                           "length<br><small>batch loads one job at a time, multi all of them "
                           "at once</small></p>");
    utilisation.unit = tr("% of the phase");
    utilisation.measuredKey = QStringLiteral("utilisation");
    utilisation.modelKey = QStringLiteral("expected_utilisation");
    utilisation.scale = 100;
    utilisation.labelFormat = QStringLiteral("@value %");
    utilisation.step = 0.1;
    // Room above 100 % for the label of a full bar.
    utilisation.axisMaximum = 115;
    utilisation.tickInterval = 25;
    replaceChart(m_utilisation, barChart(summary, utilisation));

    Bars makespan;
    makespan.title = tr("Makespan: first arrival to last exit");
    makespan.unit = tr("ms");
    makespan.measuredKey = QStringLiteral("makespan_ns");
    makespan.modelKey = QStringLiteral("expected_makespan_ns");
    makespan.scale = 1e-6;
    replaceChart(m_makespan, barChart(summary, makespan));
}

QList<double> MultiprogrammingChart::utilisationBars() const
{
    QList<double> values;
    const QList<QAbstractSeries *> series = m_utilisation->chart()->series();
    const auto *bars = series.isEmpty() ? nullptr : qobject_cast<QBarSeries *>(series.first());
    if (!bars || bars->barSets().isEmpty())
        return values;
    const QBarSet *measured = bars->barSets().first();
    for (int i = 0; i < measured->count(); ++i)
        values << measured->at(i);
    return values;
}

} // namespace conlab
