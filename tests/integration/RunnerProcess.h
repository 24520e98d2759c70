#pragma once

#include "trace/Event.h"
#include "trace/StreamDecoder.h"
#include "trace/Trace.h"
#include "trace/TraceMeta.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <vector>

namespace conlab {

// Drives a real conlab-runner for the integration tests: finds the binary, runs it to the
// end or streams its frames, and decodes what it printed.
class RunnerProcess : private StreamDecoder::Sink
{
public:
    static QString runnerPath();

    // Runs to completion (no stream); returns the exit code and fills the parsed summary.
    static int runToEnd(const QStringList &arguments, QJsonObject *summary,
                        QByteArray *standardError = nullptr, int timeoutMs = 60000);

    // A scenario run to its end with its trace read back and checked: `problems` is empty
    // when the runner exited 0, the outcome is "completed" and the checker found nothing.
    struct CheckedRun
    {
        QJsonObject summary;
        Trace trace;
        QString problems;
    };
    // Runs `scenario` with `--set` assignments, writing its trace to `tracePath`.
    static CheckedRun runChecked(const QString &scenario, const QStringList &sets,
                                 const QString &tracePath);

    // Runs `scenario` with one `--set assignment` expected to be refused; returns the exit
    // code and fills `message` with what the runner said on stderr.
    static int refusal(const QString &scenario, const QString &assignment, QString *message);

    // Streaming mode: start, then pump() to decode whatever frames arrived. With `ownGroup`
    // the runner leads a process group of its own, as the window starts it, so that every
    // process it forks can be found by the group afterwards.
    bool start(const QStringList &arguments, bool ownGroup = false);
    // Reads available frames; waits up to timeoutMs for more data. False once finished.
    bool pump(int timeoutMs);
    void terminate() { m_process.terminate(); }
    bool waitForFinished(int timeoutMs) { return m_process.waitForFinished(timeoutMs); }
    qint64 pid() const { return m_process.processId(); }

    const TraceMeta &meta() const { return m_meta; }
    const std::vector<Event> &events() const { return m_events; }
    const QJsonObject &summary() const { return m_summary; }
    bool haveSummary() const { return !m_summary.isEmpty(); }

private:
    void onMeta(const TraceMeta &meta) override { m_meta = meta; }
    void onEvents(const Event *events, std::size_t count) override;
    void onDropped(std::uint64_t) override {}
    void onSummary(const std::string &json) override;

    QProcess m_process;
    StreamDecoder m_decoder{*this};
    TraceMeta m_meta;
    std::vector<Event> m_events;
    QJsonObject m_summary;
};

} // namespace conlab
