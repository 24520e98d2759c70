#pragma once

#include <QChartView>
#include <QJsonObject>
#include <QList>

namespace conlab {

// Average waiting, turnaround and response time per scheduling policy, side by side, from
// the summaries of runs of one job table under each policy.
class PolicyComparisonChart : public QChartView
{
    Q_OBJECT

public:
    explicit PolicyComparisonChart(QWidget *parent = nullptr);
    void setResults(const QList<QJsonObject> &summaries);
    void clear();
    int categoryCount() const { return m_categories; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void replaceChart(QChart *chart);

    QList<QJsonObject> m_results; // drawn again in another language

    int m_categories = 0;
};

} // namespace conlab
