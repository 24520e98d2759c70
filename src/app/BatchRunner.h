#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace conlab {

// Runs one scenario several times, one after the other, headless (no stream), each with its
// own extra arguments, and collects every run's summary: for "compare policies" and other
// side-by-side comparisons. Cancel ends the current run and skips the rest.
class BatchRunner : public QObject
{
    Q_OBJECT

public:
    explicit BatchRunner(QObject *parent = nullptr);
    ~BatchRunner() override;

    // `common` goes to every run, `variants[i]` only to run i.
    bool start(const QString &scenario, const QStringList &common,
               const QList<QStringList> &variants, int timeLimitSeconds);
    bool isRunning() const { return m_running; }
    const QList<QJsonObject> &results() const { return m_results; }

public slots:
    void cancel();

signals:
    void progress(int done, int total);
    void finished(const QList<QJsonObject> &results);
    void failed(const QString &message);

private:
    void startNext();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess m_process;
    QString m_scenario;
    QStringList m_common;
    QList<QStringList> m_variants;
    QList<QJsonObject> m_results;
    int m_timeLimitSeconds = 60;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace conlab
