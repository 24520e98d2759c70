#include "SchedulingPanel.h"

#include "BatchRunner.h"
#include "JobTableEditor.h"
#include "ui_SchedulingPanel.h"
#include "views/PolicyComparisonChart.h"
#include "views/TimeAxis.h"

#include <QDir>
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryFile>

namespace conlab {

namespace {

const QStringList kPolicies{QStringLiteral("fcfs"),     QStringLiteral("sjf"),
                            QStringLiteral("srtf"),     QStringLiteral("rr"),
                            QStringLiteral("priority"), QStringLiteral("mlfq")};

QString durationText(const QJsonValue &ns)
{
    // -1: the run ended before the job did.
    return ns.toDouble() < 0 ? QStringLiteral("—") : TimeAxis::formatDuration(ns.toDouble());
}

} // namespace

SchedulingPanel::SchedulingPanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::SchedulingPanel>())
{
    m_ui->setupUi(this);
    // Not a property Designer offers: the columns fit their times, the panel scrolls.
    m_ui->jobMetrics->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->progress->setVisible(false);
    // Last in the panel's layout, not in a placeholder: the chart's size hint is the size it
    // was last given, so one more layer between it and the layout changes its height.
    m_chart = new PolicyComparisonChart(this);
    m_ui->layout->addWidget(m_chart, 3);
    connect(m_ui->comparePolicies, &QPushButton::clicked, this, &SchedulingPanel::compareRequested);

    m_batch = new BatchRunner(this);
    connect(m_batch, &BatchRunner::progress, this, [this](int done, int total) {
        m_ui->progress->setRange(0, total);
        m_ui->progress->setValue(done);
        m_ui->progress->setFormat(tr("%1 of %2 policies").arg(done).arg(total));
    });
    connect(m_batch, &BatchRunner::finished, this, [this](const QList<QJsonObject> &results) {
        m_ui->progress->setVisible(false);
        m_ui->comparePolicies->setEnabled(true);
        m_chart->setResults(results);
        emit comparisonFinished();
    });
    connect(m_batch, &BatchRunner::failed, this, [this](const QString &message) {
        m_ui->progress->setVisible(false);
        m_ui->comparePolicies->setEnabled(true);
        m_error = message;
        m_ui->verdict->setText(tr("Comparison stopped: %1").arg(message));
        emit comparisonFinished();
    });
    clear();
}

SchedulingPanel::~SchedulingPanel() = default;

JobTableEditor *SchedulingPanel::jobTable() const
{
    return m_ui->jobTableEditor;
}

void SchedulingPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    if (!m_error.isEmpty())
        m_ui->verdict->setText(tr("Comparison stopped: %1").arg(m_error));
    else
        showSummary(m_summary);
}

void SchedulingPanel::clear()
{
    m_summary = {};
    m_error.clear();
    m_ui->jobMetrics->setRowCount(0);
    m_ui->verdict->setText(tr("Run the scheduling lesson to see each job's times here."));
}

int SchedulingPanel::jobRows() const
{
    return m_ui->jobMetrics->rowCount();
}

bool SchedulingPanel::isComparing() const
{
    return m_batch->isRunning();
}

void SchedulingPanel::showSummary(const QJsonObject &summary)
{
    const QJsonArray jobs = summary.value(QLatin1String("jobs")).toArray();
    m_error.clear();
    const QJsonObject expected = summary.value(QLatin1String("expected")).toObject();
    const QJsonArray model = expected.value(QLatin1String("jobs")).toArray();
    m_ui->jobMetrics->setRowCount(0);
    const auto addRow = [this](const QStringList &cells, bool bold) {
        const int row = m_ui->jobMetrics->rowCount();
        m_ui->jobMetrics->insertRow(row);
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setTextAlignment(column == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignRight | Qt::AlignVCenter);
            if (bold) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_ui->jobMetrics->setItem(row, column, item);
        }
    };
    for (qsizetype j = 0; j < jobs.size(); ++j) {
        const QJsonObject job = jobs[j].toObject();
        const QJsonObject computed = model.at(j).toObject();
        addRow({job.value(QLatin1String("name")).toString(),
                durationText(job.value(QLatin1String("waiting_ns"))),
                durationText(job.value(QLatin1String("turnaround_ns"))),
                durationText(job.value(QLatin1String("response_ns"))),
                durationText(computed.value(QLatin1String("waiting_ns"))),
                durationText(computed.value(QLatin1String("turnaround_ns"))),
                durationText(computed.value(QLatin1String("response_ns")))},
               false);
    }
    if (!jobs.isEmpty()) {
        addRow({tr("average"), durationText(summary.value(QLatin1String("avg_waiting_ns"))),
                durationText(summary.value(QLatin1String("avg_turnaround_ns"))),
                durationText(summary.value(QLatin1String("avg_response_ns"))),
                durationText(expected.value(QLatin1String("avg_waiting_ns"))),
                durationText(expected.value(QLatin1String("avg_turnaround_ns"))),
                durationText(expected.value(QLatin1String("avg_response_ns")))},
               true);
    }
    if (jobs.isEmpty()) {
        clear();
        return;
    }
    m_summary = summary;
    const bool match = summary.value(QLatin1String("dispatches_match")).toBool();
    m_ui->verdict->setText(
        tr("CPU utilisation %1% (model %2%). Order of dispatches %3 the policy's schedule.")
            .arg(summary.value(QLatin1String("cpu_utilisation")).toDouble() * 100, 0, 'f', 1)
            .arg(expected.value(QLatin1String("cpu_utilisation")).toDouble() * 100, 0, 'f', 1)
            .arg(match ? tr("matches") : tr("differs from")));
}

bool SchedulingPanel::jobArguments(QStringList *arguments, QString *error)
{
    arguments->clear();
    if (!m_ui->jobTableEditor->useTable())
        return true;
    delete m_jobsFile;
    m_jobsFile = new QTemporaryFile(this);
    m_jobsFile->setFileTemplate(QDir::tempPath() + QStringLiteral("/conlab-jobs-XXXXXX.csv"));
    if (!m_jobsFile->open() || m_jobsFile->write(m_ui->jobTableEditor->csv().toUtf8()) < 0 ||
        !m_jobsFile->flush()) {
        *error = tr("cannot write the job table to %1: %2")
                     .arg(m_jobsFile->fileName(), m_jobsFile->errorString());
        return false;
    }
    *arguments = {QStringLiteral("--jobs"), m_jobsFile->fileName()};
    return true;
}

bool SchedulingPanel::compare(const QString &scenario, const QStringList &assignments,
                              int timeLimitSeconds)
{
    QStringList common;
    QString error;
    if (!jobArguments(&common, &error)) {
        m_ui->verdict->setText(error);
        return false;
    }
    for (const QString &assignment : assignments) {
        if (!assignment.startsWith(QLatin1String("policy=")))
            common << QStringLiteral("--set") << assignment;
    }
    QList<QStringList> variants;
    for (const QString &policy : kPolicies)
        variants.append({QStringLiteral("--set"), QStringLiteral("policy=") + policy});
    if (!m_batch->start(scenario, common, variants, timeLimitSeconds))
        return false;
    m_ui->comparePolicies->setEnabled(false);
    m_ui->progress->setVisible(true);
    m_chart->clear();
    return true;
}

} // namespace conlab
