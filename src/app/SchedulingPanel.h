#pragma once

#include <QJsonObject>
#include <QWidget>
#include <memory>

class QTemporaryFile;

namespace conlab {

namespace Ui {
class SchedulingPanel;
}

class BatchRunner;
class JobTableEditor;
class PolicyComparisonChart;

// For the scheduling lessons: each job's waiting, turnaround and response time as measured
// on the real workers beside what the pure policy computes for the same table, and a
// "compare policies" action that runs the table under every policy and charts the averages.
class SchedulingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SchedulingPanel(QWidget *parent = nullptr);
    ~SchedulingPanel() override;

    void showSummary(const QJsonObject &summary);
    void clear();
    // Runs `scenario` with `assignments` once per policy (any `policy=` in them is replaced).
    bool compare(const QString &scenario, const QStringList &assignments, int timeLimitSeconds);
    bool isComparing() const;
    int jobRows() const;
    JobTableEditor *jobTable() const;
    // Arguments a run of the lesson needs for the edited table (`--jobs FILE`), or none when
    // the preset is used. False if the file cannot be written; `error` says why.
    bool jobArguments(QStringList *arguments, QString *error);
    PolicyComparisonChart *chart() const { return m_chart; }

signals:
    void compareRequested();
    void comparisonFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    std::unique_ptr<Ui::SchedulingPanel> m_ui;
    QJsonObject m_summary; // the last run's, kept to write the table again in another language
    QString m_error;       // a failed comparison's reason, shown until the next run
    QTemporaryFile *m_jobsFile = nullptr;
    PolicyComparisonChart *m_chart = nullptr;
    BatchRunner *m_batch = nullptr;
};

} // namespace conlab
