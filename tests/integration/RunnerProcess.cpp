#include "RunnerProcess.h"

#include "analysis/TraceChecker.h"
#include "trace/StreamFrame.h"
#include "trace/TraceFile.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <cstring>
#include <unistd.h>

namespace conlab {

QString RunnerProcess::runnerPath()
{
    const QString fromEnvironment = qEnvironmentVariable("CONLAB_RUNNER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/conlab-runner");
}

int RunnerProcess::runToEnd(const QStringList &arguments, QJsonObject *summary,
                            QByteArray *standardError, int timeoutMs)
{
    QProcess process;
    process.start(runnerPath(), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    const QByteArray out = process.readAllStandardOutput().trimmed();
    const QByteArray lastLine = out.mid(out.lastIndexOf('\n') + 1);
    if (summary)
        *summary = QJsonDocument::fromJson(lastLine).object();
    if (standardError)
        *standardError = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

RunnerProcess::CheckedRun RunnerProcess::runChecked(const QString &scenario,
                                                    const QStringList &sets,
                                                    const QString &tracePath)
{
    QStringList arguments = {QStringLiteral("--scenario"), scenario, QStringLiteral("--trace"),
                             tracePath};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    CheckedRun result;
    QByteArray standardError;
    const int code = runToEnd(arguments, &result.summary, &standardError);
    if (code != 0) {
        result.problems =
            QStringLiteral("exit %1: %2").arg(code).arg(QString::fromUtf8(standardError));
        return result;
    }
    std::string error;
    if (!TraceFile::read(tracePath.toStdString(), result.trace, &error)) {
        result.problems = QString::fromStdString(error);
        return result;
    }
    TraceChecker::Options options;
    options.runCompleted = true;
    for (const auto &v : TraceChecker::check(result.trace, options))
        result.problems += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    const QString outcome = result.summary.value(QStringLiteral("outcome")).toString();
    if (outcome != QStringLiteral("completed"))
        result.problems += QStringLiteral("outcome ") + outcome;
    return result;
}

int RunnerProcess::refusal(const QString &scenario, const QString &assignment, QString *message)
{
    QByteArray standardError;
    const int code =
        runToEnd({QStringLiteral("--scenario"), scenario, QStringLiteral("--set"), assignment},
                 nullptr, &standardError);
    *message = QString::fromUtf8(standardError);
    return code;
}

bool RunnerProcess::start(const QStringList &arguments, bool ownGroup)
{
    if (ownGroup)
        m_process.setChildProcessModifier([] { setpgid(0, 0); });
    m_process.start(runnerPath(), QStringList(arguments) << QStringLiteral("--stream"));
    return m_process.waitForStarted();
}

bool RunnerProcess::pump(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning && m_process.bytesAvailable() == 0)
        return false;
    if (m_process.bytesAvailable() == 0)
        m_process.waitForReadyRead(timeoutMs);
    const QByteArray bytes = m_process.readAllStandardOutput();
    m_decoder.feed(bytes.constData(), std::size_t(bytes.size()));
    return m_process.state() != QProcess::NotRunning || m_process.bytesAvailable() > 0;
}

void RunnerProcess::onEvents(const Event *events, std::size_t count)
{
    m_events.insert(m_events.end(), events, events + count);
}

void RunnerProcess::onSummary(const std::string &json)
{
    m_summary = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

} // namespace conlab
