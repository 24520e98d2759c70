#pragma once

#include "trace/StreamDecoder.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace conlab {

class RunRecording;

// Runs one scenario in a conlab-runner process (started by RunnerLaunch) and feeds its live
// stream into a RunRecording. Stop asks the runner to end the run; if it has not gone within a
// second, its whole process group (runner and worker processes) is killed.
class RunController : public QObject, private StreamDecoder::Sink
{
    Q_OBJECT

public:
    explicit RunController(RunRecording *recording, QObject *parent = nullptr);
    ~RunController() override;

    // `extraArguments` go to the runner as they are (`--jobs FILE`, say).
    bool start(const QString &scenario, const QStringList &assignments, int timeLimitSeconds,
               const QStringList &extraArguments = {});
    // A run of the runner with `arguments` as they are (watch mode: --exec ... or --attach
    // PID), live, in `workingFolder` if given.
    bool startRunner(const QStringList &arguments, int timeLimitSeconds,
                     const QString &workingFolder = {});
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool isStopping() const { return m_stopping; }
    qint64 runnerPid() const { return m_process.processId(); }
    // Nanoseconds since the run's start by the runner's clock (the same monotonic clock).
    double elapsedNs() const;
    const QJsonObject &summary() const { return m_summary; }
    QString outcome() const;
    QString errorText() const { return m_error; }

public slots:
    void stop();
    // For quitting: stops and waits (at most ~1.5 s) until nothing of the run is left.
    void shutdown();

signals:
    void started();
    void metaArrived();
    void eventsArrived();
    void finished(const QString &outcome);
    void failed(const QString &message);

private:
    void onMeta(const TraceMeta &meta) override;
    void onEvents(const Event *events, std::size_t count) override;
    void onDropped(std::uint64_t total) override;
    void onSummary(const std::string &json) override;
    void readOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void killGroup();

    RunRecording *m_recording;
    QProcess m_process;
    StreamDecoder m_decoder{*this};
    QTimer m_killTimer;
    QJsonObject m_summary;
    QByteArray m_standardError;
    QString m_error;
    qint64 m_groupId = 0;
    bool m_stopping = false;
    bool m_newEvents = false;
};

} // namespace conlab
