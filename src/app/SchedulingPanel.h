#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace conlab {

class BatchRunner;
class PolicyComparisonChart;

// For the scheduling lessons: each job's waiting, turnaround and response time as measured
// on the real workers beside what the pure policy computes for the same table, and a
// "compare policies" action that runs the table under every policy and charts the averages.
class SchedulingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SchedulingPanel(QWidget *parent = nullptr);

    void showSummary(const QJsonObject &summary);
    void clear();
    // Runs `scenario` with `assignments` once per policy (any `policy=` in them is replaced).
    bool compare(const QString &scenario, const QStringList &assignments, int timeLimitSeconds);
    bool isComparing() const;
    int jobRows() const;
    PolicyComparisonChart *chart() const { return m_chart; }

signals:
    void compareRequested();
    void comparisonFinished();

private:
    QTableWidget *m_metrics = nullptr;
    QLabel *m_verdict = nullptr;
    QPushButton *m_compare = nullptr;
    QProgressBar *m_progress = nullptr;
    PolicyComparisonChart *m_chart = nullptr;
    BatchRunner *m_batch = nullptr;
};

} // namespace conlab
