#include "ServerModelsCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QLogValueAxis>
#include <QMap>
#include <QProgressBar>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace conlab {

namespace {

const QString kThroughputSuffix = QStringLiteral("_throughput_msgs_per_s");

struct Bars
{
    QString title;
    QString unit;
    QList<QPair<QString, QColor>> sets; // figure suffix, colour
    QStringList setNames;               // legend names, when more than one set
    double scale = 1.0;                 // figure value times this = plotted value
    // Powers of ten: latencies differ by orders of magnitude between the designs (a forking
    // server's p99 against an event loop's median), and a linear axis flattens the small ones.
    bool logarithmic = false;
};

QChart *barChart(const QJsonObject &summary, const QStringList &designs, const Bars &bars)
{
    auto *chart = new QChart;
    chart->setTitle(bars.title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    auto *series = new QBarSeries(chart);
    double highest = 0;
    double lowest = 0; // the smallest positive value
    for (qsizetype i = 0; i < bars.sets.size(); ++i) {
        const auto &[suffix, color] = bars.sets[i];
        auto *set = new QBarSet(i < bars.setNames.size() ? bars.setNames[i] : QString(), series);
        set->setColor(color);
        for (const QString &design : designs) {
            const double value = summary.value(design + suffix).toDouble() * bars.scale;
            set->append(value);
            highest = std::max(highest, value);
            if (value > 0)
                lowest = lowest > 0 ? std::min(lowest, value) : value;
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis(chart);
    // Short names, so six categories fit a narrow dock; the lesson text spells them out.
    static const QMap<QString, const char *> shortNames{
        {QStringLiteral("process_per_connection"),
         QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "fork")},
        {QStringLiteral("thread_per_connection"),
         QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "thread")},
        {QStringLiteral("thread_pool"), QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "pool")},
        {QStringLiteral("epoll"), QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "epoll")},
        {QStringLiteral("coroutines"), QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "coro")},
        {QStringLiteral("io_uring"), QT_TRANSLATE_NOOP("conlab::ServerModelsCharts", "uring")}};
    QStringList labels;
    for (const QString &design : designs) {
        const char *name = shortNames.value(design, nullptr);
        labels << (name ? ServerModelsCharts::tr(name) : design);
    }
    categories->append(labels);
    QAbstractAxis *values = nullptr;
    if (bars.logarithmic && lowest > 0) {
        auto *log = new QLogValueAxis(chart);
        log->setBase(10);
        log->setMinorTickCount(0);
        log->setLabelFormat(QStringLiteral("%g"));
        // Whole decades around the data, so every bar starts from the same floor.
        log->setRange(std::pow(10.0, std::floor(std::log10(lowest))),
                      std::pow(10.0, std::ceil(std::log10(highest * 1.01))));
        values = log;
    } else {
        auto *linear = new QValueAxis(chart);
        linear->setRange(0, std::max(1.0, highest * 1.1));
        linear->applyNiceNumbers();
        linear->setLabelFormat(QStringLiteral("%.0f"));
        values = linear;
    }
    values->setTitleText(bars.logarithmic && lowest > 0
                             ? ServerModelsCharts::tr("%1 (log)").arg(bars.unit)
                             : bars.unit);
    chart->addAxis(categories, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    if (bars.sets.size() > 1)
        chart->legend()->setAlignment(Qt::AlignTop);
    else
        chart->legend()->hide();
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

ServerModelsCharts::ServerModelsCharts(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    grid->addWidget(m_progress, 0, 0);
    for (QChartView **view : {&m_throughput, &m_latency, &m_memory, &m_workers}) {
        *view = new QChartView(this);
        (*view)->setRenderHint(QPainter::Antialiasing);
        (*view)->setMinimumSize(240, 170);
    }
    // One column: the dock is narrow, and six designs need the width to be named.
    grid->addWidget(m_throughput, 1, 0);
    grid->addWidget(m_latency, 2, 0);
    grid->addWidget(m_memory, 3, 0);
    grid->addWidget(m_workers, 4, 0);
    clear();
}

void ServerModelsCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_progress->setFormat(tr("running the designs: %p%"));
    const bool running = m_progress->isVisible();
    showSummary(m_summary);
    m_progress->setVisible(running);
}

QStringList ServerModelsCharts::designsIn(const QJsonObject &summary)
{
    QStringList designs;
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        if (it.key().endsWith(kThroughputSuffix))
            designs << it.key().chopped(kThroughputSuffix.size());
    }
    // JSON objects come back sorted by key; the runner's order of designs is the lesson's.
    static const QStringList order{QStringLiteral("process_per_connection"),
                                   QStringLiteral("thread_per_connection"),
                                   QStringLiteral("thread_pool"),
                                   QStringLiteral("epoll"),
                                   QStringLiteral("coroutines"),
                                   QStringLiteral("io_uring")};
    std::stable_sort(designs.begin(), designs.end(), [](const QString &a, const QString &b) {
        const auto rank = [](const QString &design) {
            const qsizetype index = order.indexOf(design);
            return index < 0 ? order.size() : index;
        };
        return rank(a) < rank(b);
    });
    return designs;
}

void ServerModelsCharts::clear()
{
    m_designs.clear();
    m_summary = {};
    for (QChartView *view : {m_throughput, m_latency, m_memory, m_workers}) {
        auto *chart = new QChart;
        chart->legend()->hide();
        replaceChart(view, chart);
    }
    m_throughput->chart()->setTitle(tr("Run server-models to compare the designs"));
}

void ServerModelsCharts::setProgress(double fraction)
{
    m_progress->setVisible(fraction >= 0 && fraction < 1);
    m_progress->setValue(int(std::clamp(fraction, 0.0, 1.0) * 1000));
    m_progress->setFormat(tr("running the designs: %p%"));
}

void ServerModelsCharts::showSummary(const QJsonObject &summary)
{
    m_summary = summary;
    m_progress->setVisible(false);
    m_designs = designsIn(summary);
    if (m_designs.isEmpty()) {
        clear();
        return;
    }
    const QColor blue(0x00, 0x72, 0xB2);
    replaceChart(m_throughput,
                 barChart(summary, m_designs,
                          {tr("Throughput"), tr("messages/s"), {{kThroughputSuffix, blue}}}));
    Bars latency;
    latency.title = tr("Latency");
    latency.unit = tr("µs");
    latency.sets = {{QStringLiteral("_latency_p50_ns"), QColor(0x56, 0xB4, 0xE9)},
                    {QStringLiteral("_latency_p99_ns"), QColor(0xE6, 0x9F, 0x00)}};
    latency.setNames = {tr("median"), tr("99th percentile")};
    latency.scale = 1e-3;
    latency.logarithmic = true;
    replaceChart(m_latency, barChart(summary, m_designs, latency));
    replaceChart(m_memory, barChart(summary, m_designs,
                                    {tr("Server memory (resident)"),
                                     tr("KiB"),
                                     {{QStringLiteral("_rss_kib"), QColor(0xCC, 0x79, 0xA7)}},
                                     {}}));
    replaceChart(m_workers, barChart(summary, m_designs,
                                     {tr("Server workers"),
                                      tr("threads or processes"),
                                      {{QStringLiteral("_workers"), QColor(0x00, 0x9E, 0x73)}},
                                      {}}));
}

} // namespace conlab
