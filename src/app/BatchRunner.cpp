#include "BatchRunner.h"

#include "RunnerLaunch.h"

#include <QJsonDocument>

namespace conlab {

BatchRunner::BatchRunner(QObject *parent) : QObject(parent)
{
    connect(&m_process, &QProcess::finished, this, &BatchRunner::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_running = false;
        emit failed(
            tr("cannot start %1: %2").arg(RunnerLaunch::runnerPath(), m_process.errorString()));
    });
}

BatchRunner::~BatchRunner()
{
    cancel();
}

bool BatchRunner::start(const QString &scenario, const QStringList &common,
                        const QList<QStringList> &variants, int timeLimitSeconds)
{
    if (m_running || variants.isEmpty())
        return false;
    m_scenario = scenario;
    m_common = common;
    m_variants = variants;
    m_timeLimitSeconds = timeLimitSeconds;
    m_results.clear();
    m_cancelled = false;
    m_running = true;
    emit progress(0, int(m_variants.size()));
    startNext();
    return true;
}

void BatchRunner::startNext()
{
    QStringList arguments{QStringLiteral("--scenario"), m_scenario};
    arguments << m_common << m_variants[m_results.size()] << QStringLiteral("--time-limit")
              << QString::number(m_timeLimitSeconds);
    RunnerLaunch::start(m_process, arguments);
}

void BatchRunner::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_process.state() != QProcess::NotRunning) {
        const qint64 runner = m_process.processId();
        m_process.terminate();
        if (!m_process.waitForFinished(1500))
            RunnerLaunch::killGroup(runner);
        // A killed runner still inside fork() dies only when the kernel releases its memory map.
        m_process.waitForFinished(10000);
    }
    m_running = false;
}

void BatchRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_cancelled || !m_running)
        return;
    const QByteArray out = m_process.readAllStandardOutput().trimmed();
    const QJsonObject summary =
        QJsonDocument::fromJson(out.mid(out.lastIndexOf('\n') + 1)).object();
    if (status != QProcess::NormalExit || exitCode != 0 || summary.isEmpty()) {
        m_running = false;
        const QString details = QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
        emit failed(tr("run %1 of %2 failed: %3")
                        .arg(m_results.size() + 1)
                        .arg(m_variants.size())
                        .arg(details.isEmpty() ? tr("exit code %1").arg(exitCode) : details));
        return;
    }
    m_results.append(summary);
    emit progress(int(m_results.size()), int(m_variants.size()));
    if (m_results.size() < m_variants.size()) {
        startNext();
        return;
    }
    m_running = false;
    emit finished(m_results);
}

} // namespace conlab
