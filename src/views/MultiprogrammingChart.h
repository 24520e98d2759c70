#pragma once

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QChartView;

namespace conlab {

// Batch against multiprogrammed: the CPU utilisation and the makespan each measured on a
// multiprogramming run, beside what the policy's pure schedule predicts, from its summary.
class MultiprogrammingChart : public QWidget
{
    Q_OBJECT

public:
    explicit MultiprogrammingChart(QWidget *parent = nullptr);

    void showSummary(const QJsonObject &summary);
    void clear();
    // Whether a summary has a phase to chart.
    static bool hasPhases(const QJsonObject &summary);
    // The measured utilisation bars as drawn, in percent, one per phase that ran.
    QList<double> utilisationBars() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QJsonObject m_summary; // drawn again in another language
    QChartView *m_utilisation = nullptr;
    QChartView *m_makespan = nullptr;
};

} // namespace conlab
