#pragma once

#include <QChartView>
#include <QJsonObject>
#include <QList>

class QGraphicsRectItem;

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

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void replaceChart(QChart *chart);
    // Each curve is labelled beside itself at its own height, instead of a legend row that a
    // narrow side panel would cut off.
    void placeLabels();

    struct CurveLabel
    {
        QGraphicsRectItem *item = nullptr; // the text on its patch
        double medianUs = 0;
        double share = 0; // the height, in % of starts, the label sits at
    };
    QList<CurveLabel> m_labels;

    int m_curves = 0;
    QJsonObject m_methods; // drawn again in another language
};

} // namespace conlab
