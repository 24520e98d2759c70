#pragma once

#include <QChartView>
#include <QJsonObject>

namespace conlab {

// How long each start method took from the start call to the new worker's first
// instruction: one cumulative curve per method on a logarithmic time axis, so a thread's
// microseconds and a fresh program's milliseconds can be read on one chart; the legend
// names each method's median and 99th percentile.
class StartCostChart : public QChartView
{
    Q_OBJECT

public:
    explicit StartCostChart(QWidget *parent = nullptr);
    // From a start-cost summary's "methods" object.
    void setResults(const QJsonObject &methods);
    void clear();
    int curveCount() const { return m_curves; }

private:
    void replaceChart(QChart *chart);

    int m_curves = 0;
};

} // namespace conlab
