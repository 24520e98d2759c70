#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QChartView;
class QProgressBar;

namespace conlab {

// The echo-server designs side by side: throughput, latency (p50 and p99), resident memory
// and number of workers, from a server-models run's summary; a progress bar while it runs.
class ServerModelsCharts : public QWidget
{
    Q_OBJECT

public:
    explicit ServerModelsCharts(QWidget *parent = nullptr);

    void showSummary(const QJsonObject &summary);
    void clear();
    // While a run goes on: how far through its designs it is, 0..1.
    void setProgress(double fraction);
    // The designs found in the last summary, in the order they ran.
    QStringList designs() const { return m_designs; }
    static QStringList designsIn(const QJsonObject &summary);

protected:
    void changeEvent(QEvent *event) override;

private:
    QJsonObject m_summary; // drawn again in another language
    QChartView *m_throughput = nullptr;
    QChartView *m_latency = nullptr;
    QChartView *m_memory = nullptr;
    QChartView *m_workers = nullptr;
    QProgressBar *m_progress = nullptr;
    QStringList m_designs;
};

} // namespace conlab
