#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace conlab {

class RunRecording;

// What a run's teaching point came to, in one line a student cannot miss: a deadlock cycle (who
// holds what, waits for what, since when), a cycle that was broken, a lock-order inversion,
// oversold tickets, lost updates; and, apart from it, why a run did not complete. The window's
// banner and the exported images say the same words.
class RunVerdict
{
    Q_DECLARE_TR_FUNCTIONS(RunVerdict)

public:
    enum class Severity { None, Warning, Failure };
    struct Line
    {
        QString text; // empty when there is nothing to say
        Severity severity = Severity::None;
    };

    // From the live recording while a run goes on, and from its summary once it has ended.
    static Line verdict(const RunRecording &recording, const QJsonObject &summary);
    // "timed out: ...", "failed: <the runner's message>", ...; empty for a completed run or one
    // with no summary yet.
    static Line outcome(const QJsonObject &summary);
    // The summary stored with a recording (empty when it has none).
    static QJsonObject summaryOf(const RunRecording &recording);
};

} // namespace conlab
