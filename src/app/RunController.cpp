#include "RunController.h"

#include "RunnerLaunch.h"
#include "analysis/RunRecording.h"
#include "trace/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace conlab {

namespace {
constexpr int kKillAfterMs = 1000;
// SIGKILL cannot be refused, but a runner inside fork() only dies once the kernel lets go of its
// memory map; on a loaded machine that took over a second. Waiting longer is right: nothing of a
// run may outlive the window, and a process not reaped would still exist as a zombie.
constexpr int kReapAfterKillMs = 10000;
} // namespace

RunController::RunController(RunRecording *recording, QObject *parent)
    : QObject(parent), m_recording(recording)
{
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(kKillAfterMs);
    connect(&m_killTimer, &QTimer::timeout, this, &RunController::killGroup);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &RunController::readOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_standardError += m_process.readAllStandardError(); });
    connect(&m_process, &QProcess::finished, this, &RunController::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_error =
                tr("cannot start %1: %2").arg(RunnerLaunch::runnerPath(), m_process.errorString());
            emit failed(m_error);
        }
    });
}

RunController::~RunController()
{
    shutdown();
}

bool RunController::start(const QString &scenario, const QStringList &assignments,
                          int timeLimitSeconds, const QStringList &extraArguments)
{
    QStringList arguments{QStringLiteral("--scenario"), scenario};
    for (const QString &assignment : assignments)
        arguments << QStringLiteral("--set") << assignment;
    return startRunner(arguments + extraArguments, timeLimitSeconds);
}

bool RunController::startRunner(const QStringList &arguments, int timeLimitSeconds,
                                const QString &workingFolder)
{
    if (isRunning())
        return false;
    m_summary = {};
    m_standardError.clear();
    m_error.clear();
    m_stopping = false;
    m_groupId = 0;
    m_decoder.reset();
    // The options go before a watched command's "--", after which everything is its own.
    QStringList all{QStringLiteral("--time-limit"), QString::number(timeLimitSeconds),
                    QStringLiteral("--stream")};
    all << arguments;
    m_process.setWorkingDirectory(workingFolder);
    RunnerLaunch::start(m_process, all);
    if (!m_process.waitForStarted(5000))
        return false;
    // The runner leads its own process group (set before its exec), so the group id is its pid.
    m_groupId = m_process.processId();
    emit started();
    return true;
}

double RunController::elapsedNs() const
{
    if (!m_recording->hasMeta())
        return 0;
    const double start = double(m_recording->meta().startNs);
    return std::max(0.0, double(monotonicNs()) - start);
}

QString RunController::outcome() const
{
    return m_summary.value(QLatin1String("outcome")).toString();
}

void RunController::stop()
{
    if (!isRunning() || m_stopping)
        return;
    m_stopping = true;
    m_process.terminate();
    m_killTimer.start();
}

void RunController::shutdown()
{
    if (!isRunning())
        return;
    stop();
    if (!m_process.waitForFinished(kKillAfterMs + 200)) {
        killGroup();
        m_process.waitForFinished(kReapAfterKillMs);
    }
}

void RunController::killGroup()
{
    RunnerLaunch::killGroup(m_groupId);
    if (isRunning())
        m_process.kill();
}

void RunController::readOutput()
{
    const QByteArray bytes = m_process.readAllStandardOutput();
    if (!m_decoder.feed(bytes.constData(), std::size_t(bytes.size()))) {
        m_error =
            tr("the runner's stream is damaged: %1").arg(QString::fromStdString(m_decoder.error()));
        emit failed(m_error);
        stop();
        return;
    }
    if (m_newEvents) {
        m_newEvents = false;
        emit eventsArrived();
    }
}

void RunController::onMeta(const TraceMeta &meta)
{
    m_recording->reset(meta);
    emit metaArrived();
}

void RunController::onEvents(const Event *events, std::size_t count)
{
    m_recording->append(events, count);
    m_newEvents = true;
}

void RunController::onDropped(std::uint64_t total)
{
    m_recording->setDropped(total);
}

void RunController::onSummary(const std::string &json)
{
    m_recording->setSummary(json);
    m_summary = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    // The summary names the workers that lost events; the recording keeps them by id.
    const QJsonObject lost = m_summary.value(QStringLiteral("dropped_by_worker")).toObject();
    std::vector<std::pair<std::uint32_t, std::uint64_t>> byWorker;
    for (const WorkerInfo &worker : m_recording->meta().workers) {
        const QJsonValue count = lost.value(QString::fromStdString(worker.name));
        if (count.toDouble() > 0)
            byWorker.emplace_back(worker.id, std::uint64_t(count.toDouble()));
    }
    std::sort(byWorker.begin(), byWorker.end());
    if (!byWorker.empty())
        m_recording->setDroppedByWorker(std::move(byWorker));
}

void RunController::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput();
    m_killTimer.stop();
    // Worker processes left behind by a runner that died are ended with their group.
    RunnerLaunch::killGroup(m_groupId);
    m_groupId = 0;
    m_standardError += m_process.readAllStandardError();
    if (m_summary.isEmpty()) {
        const QString reason = status == QProcess::CrashExit
                                   ? tr("the runner crashed")
                                   : tr("the runner exited with code %1").arg(exitCode);
        const QString details = QString::fromLocal8Bit(m_standardError).trimmed();
        m_error = details.isEmpty() ? reason : reason + QStringLiteral(": ") + details;
        if (m_stopping)
            m_error = tr("stopped");
        emit finished(m_stopping ? QStringLiteral("stopped") : QStringLiteral("failed"));
        if (!m_stopping)
            emit failed(m_error);
        m_stopping = false;
        return;
    }
    m_stopping = false;
    emit finished(outcome());
}

} // namespace conlab
