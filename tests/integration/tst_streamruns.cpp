#include "RunnerProcess.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>
#include <QThread>

using namespace conlab;

namespace {

std::int64_t figure(const QJsonObject &summary, const QString &name)
{
    return summary.value(name).toInteger(-1);
}

} // namespace

// The live stream from the runner to its reader (the window), as the runner writes it: its
// collector must keep draining the workers' rings whatever the reader does.
class TestStreamRuns : public QObject
{
    Q_OBJECT

private slots:
    void aReaderThatFallsBehindLosesNoEvents();
};

void TestStreamRuns::aReaderThatFallsBehindLosesNoEvents()
{
    // The window reads the stream when it gets the CPU, and with twenty children echoing on two
    // cores that can be a second later. The collector once wrote the stream itself, waited for
    // the full pipe, and meanwhile every child's ring overflowed (tens of thousands of events
    // lost in a 2 s run). Here the reader reads nothing for the first 1.2 s of the run.
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("server-models"),
                          QStringLiteral("--set"), QStringLiteral("design=process-per-connection"),
                          QStringLiteral("--set"), QStringLiteral("clients=20"),
                          QStringLiteral("--set"), QStringLiteral("duration=1500")}));
    QThread::msleep(1200); // a reader that falls behind, not a wait for anything
    QElapsedTimer timer;
    timer.start();
    while (runner.pump(200) && timer.elapsed() < 60000) {
    }
    const QJsonObject &summary = runner.summary();
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QCOMPARE(figure(summary, "dropped_events"), 0);
    QVERIFY(summary.value(QStringLiteral("checks")).toObject().value("passed").toBool());
    QVERIFY(figure(summary, "process_per_connection_workers") >= 20);
}

QTEST_GUILESS_MAIN(TestStreamRuns)
#include "tst_streamruns.moc"
