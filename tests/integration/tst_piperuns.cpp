#include "RunnerProcess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

// pipe run for real: bytes conserved, a late reader blocks the writers on a full pipe, and
// several writers tear messages larger than the pipe unless a lock keeps each one whole.
class TestPipeRuns : public QObject
{
    Q_OBJECT

private slots:
    void everyByteWrittenIsRead_data();
    void everyByteWrittenIsRead();
    void aLateReaderBlocksTheWriter();
    void writersTearLargeMessagesWithoutALock_data();
    void writersTearLargeMessagesWithoutALock();
    void duplexWaitsForEachAnswer();
    void duplexTakesOneWriter();

private:
    RunnerProcess::CheckedRun run(const QStringList &sets);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestPipeRuns::run(const QStringList &sets)
{
    return RunnerProcess::runChecked(QStringLiteral("pipe"),
                                     QStringList(sets) << QStringLiteral("time-scale=0.1"),
                                     m_dir.filePath(QStringLiteral("pipe-%1.trace").arg(++m_runs)));
}

void TestPipeRuns::everyByteWrittenIsRead_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("threads") << "thread";
    QTest::newRow("forked processes") << "process";
}

void TestPipeRuns::everyByteWrittenIsRead()
{
    QFETCH(QString, kind);
    const auto r = run({"kind=" + kind, QStringLiteral("writers=2")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const double expected = 2.0 * 40 * 4096;
    QCOMPARE(r.summary.value(QStringLiteral("bytes_written")).toDouble(), expected);
    QCOMPARE(r.summary.value(QStringLiteral("bytes_read")).toDouble(), expected);
    // Messages of PIPE_BUF bytes are written whole, lock or not.
    QCOMPARE(r.summary.value(QStringLiteral("torn_messages")).toInt(), 0);
}

void TestPipeRuns::aLateReaderBlocksTheWriter()
{
    // 40 messages of 4 KiB, 2 ms apart; the reader starts after 50 ms: 64 KiB fill up first.
    const auto r = run({});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(r.summary.value(QStringLiteral("writer_blocked_ns")).toDouble() > 0);
    const int capacity = r.summary.value(QStringLiteral("pipe_capacity")).toInt();
    QCOMPARE(capacity, 65536);
    QCOMPARE(r.summary.value(QStringLiteral("max_in_pipe")).toInt(), capacity);
    bool blockedFull = false;
    for (const Event &e : r.trace.events)
        blockedFull = blockedFull || (e.kind == EventKind::Blocked &&
                                      BlockReason(e.reason) == BlockReason::PipeFull);
    QVERIFY(blockedFull);
}

void TestPipeRuns::writersTearLargeMessagesWithoutALock_data()
{
    QTest::addColumn<QString>("lock");
    QTest::addColumn<bool>("torn");
    QTest::newRow("no lock") << "off" << true;
    QTest::newRow("a lock around each message") << "on" << false;
}

void TestPipeRuns::writersTearLargeMessagesWithoutALock()
{
    QFETCH(QString, lock);
    QFETCH(bool, torn);
    // 128 KiB messages through a 64 KiB pipe: each takes several writes.
    const auto r = run({"lock=" + lock, QStringLiteral("writers=3"),
                        QStringLiteral("message=131072"), QStringLiteral("messages=30"),
                        QStringLiteral("gap=0"), QStringLiteral("reader-delay=100")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("bytes_read")).toDouble(), 3.0 * 30 * 131072);
    const int tornMessages = r.summary.value(QStringLiteral("torn_messages")).toInt();
    if (torn)
        QVERIFY(tornMessages > 0);
    else
        QCOMPARE(tornMessages, 0);
}

void TestPipeRuns::duplexWaitsForEachAnswer()
{
    const auto r = run({QStringLiteral("duplex=on"), QStringLiteral("messages=10")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    int waits = 0;
    for (const Event &e : r.trace.events)
        waits += e.worker == 1 && e.kind == EventKind::Blocked &&
                 BlockReason(e.reason) == BlockReason::Io;
    QVERIFY(waits >= 1);
}

void TestPipeRuns::duplexTakesOneWriter()
{
    QString message;
    QByteArray standardError;
    const int code = RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("pipe"),
                                              QStringLiteral("--set"), QStringLiteral("duplex=on"),
                                              QStringLiteral("--set"), QStringLiteral("writers=2")},
                                             nullptr, &standardError);
    QCOMPARE(code, 2);
    QVERIFY2(standardError.contains("writers"), standardError.constData());
    QCOMPARE(
        RunnerProcess::refusal(QStringLiteral("pipe"), QStringLiteral("capacity=100"), &message),
        2);
    QVERIFY2(message.contains(QStringLiteral("4096..1048576")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestPipeRuns)
#include "tst_piperuns.moc"
