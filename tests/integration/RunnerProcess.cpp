#include "RunnerProcess.h"

#include "trace/StreamFrame.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <cstring>

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

bool RunnerProcess::start(const QStringList &arguments)
{
    m_process.start(runnerPath(), QStringList(arguments) << QStringLiteral("--stream"));
    return m_process.waitForStarted();
}

bool RunnerProcess::pump(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning && m_process.bytesAvailable() == 0)
        return false;
    if (m_process.bytesAvailable() == 0)
        m_process.waitForReadyRead(timeoutMs);
    m_buffer += m_process.readAllStandardOutput();
    decode();
    return m_process.state() != QProcess::NotRunning || m_process.bytesAvailable() > 0;
}

void RunnerProcess::decode()
{
    while (m_buffer.size() >= qsizetype(sizeof(StreamFrameHeader))) {
        StreamFrameHeader header;
        std::memcpy(&header, m_buffer.constData(), sizeof header);
        const qsizetype total = qsizetype(sizeof header) + header.bytes;
        if (m_buffer.size() < total)
            return;
        const char *payload = m_buffer.constData() + sizeof header;
        switch (header.type) {
        case StreamFrame::Meta:
            TraceMeta::parse(std::string_view(payload, header.bytes), m_meta, nullptr);
            break;
        case StreamFrame::Events: {
            const std::size_t count = header.bytes / sizeof(Event);
            const std::size_t before = m_events.size();
            m_events.resize(before + count);
            std::memcpy(m_events.data() + before, payload, count * sizeof(Event));
            break;
        }
        case StreamFrame::Summary:
            m_summary = QJsonDocument::fromJson(QByteArray(payload, header.bytes)).object();
            break;
        case StreamFrame::Dropped:
            break;
        }
        m_buffer.remove(0, total);
    }
}

} // namespace conlab
