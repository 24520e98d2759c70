#include "RunnerProcess.h"
#include "analysis/RunRecording.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

// semaphore, event and timer, run for real, each asserting its catalogue "checkable".
class TestSyncRuns : public QObject
{
    Q_OBJECT

private slots:
    void semaphoreNeverAdmitsMoreThanK_data();
    void semaphoreNeverAdmitsMoreThanK();
    void eventReleasesNobodyBeforeItIsSet_data();
    void eventReleasesNobodyBeforeItIsSet();
    void timerFiresNoEarlierThanItsDelay();

private:
    QJsonObject run(const QString &scenario, const QStringList &sets);
    QTemporaryDir m_dir;
    int m_runs = 0;
    Trace m_trace; // of the last run
};

QJsonObject TestSyncRuns::run(const QString &scenario, const QStringList &sets)
{
    const QString path = m_dir.filePath(QStringLiteral("sync-%1.trace").arg(++m_runs));
    QStringList arguments = {QStringLiteral("--scenario"), scenario,
                             QStringLiteral("--trace"),    path,
                             QStringLiteral("--set"),      QStringLiteral("time-scale=0.05")};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    QJsonObject summary;
    const int code = RunnerProcess::runToEnd(arguments, &summary);
    Trace &trace = m_trace;
    trace = Trace{};
    std::string error;
    const bool read = code == 0 && TraceFile::read(path.toStdString(), trace, &error);
    TraceChecker::Options options;
    options.runCompleted = true;
    QString report = read ? QString() : QString::fromStdString(error);
    for (const auto &v : TraceChecker::check(trace, options))
        report += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    summary.insert(QStringLiteral("recheck"), report);
    return summary;
}

void TestSyncRuns::semaphoreNeverAdmitsMoreThanK_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("permits");
    QTest::newRow("threads, k=3") << "thread" << 3;
    QTest::newRow("threads, k=1") << "thread" << 1;
    QTest::newRow("processes, k=2") << "process" << 2;
}

void TestSyncRuns::semaphoreNeverAdmitsMoreThanK()
{
    QFETCH(QString, kind);
    QFETCH(int, permits);
    const QJsonObject summary = run(QStringLiteral("semaphore"),
                                    {"kind=" + kind, QStringLiteral("permits=%1").arg(permits)});
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY2(summary.value(QStringLiteral("recheck")).toString().isEmpty(),
             qPrintable(summary.value(QStringLiteral("recheck")).toString()));
    // The checker's semaphore-limit rule held; the room also really filled up.
    QCOMPARE(summary.value(QStringLiteral("max_inside")).toInt(), permits);
    QVERIFY(summary.value(QStringLiteral("waited_at_door")).toInt() > 0);
    // The window charts how many are inside, from the same events, up to the k places.
    RunRecording recording;
    recording.load(m_trace);
    QCOMPARE(recording.queues().size(), std::size_t(1));
    QCOMPARE(recording.queues()[0].maxDepth(), std::uint32_t(permits));
    QCOMPARE(recording.queues()[0].points().back().depth, 0u);
    QVERIFY(!recording.movesItems());
}

void TestSyncRuns::eventReleasesNobodyBeforeItIsSet_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("released");
    // Defaults: set at 800 ms, 300 ms waits. Three attempts outlast it; one does not.
    QTest::newRow("threads, enough retries") << "thread" << 3 << 3;
    QTest::newRow("processes, enough retries") << "process" << 3 << 3;
    QTest::newRow("threads, too few retries") << "thread" << 1 << 0;
}

void TestSyncRuns::eventReleasesNobodyBeforeItIsSet()
{
    QFETCH(QString, kind);
    QFETCH(int, retries);
    QFETCH(int, released);
    const QJsonObject summary =
        run(QStringLiteral("event"), {"kind=" + kind, QStringLiteral("retries=%1").arg(retries)});
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY2(summary.value(QStringLiteral("recheck")).toString().isEmpty(),
             qPrintable(summary.value(QStringLiteral("recheck")).toString()));
    QCOMPARE(summary.value(QStringLiteral("released_before_set")).toInt(), 0);
    QCOMPARE(summary.value(QStringLiteral("released")).toInt(), released);
    QCOMPARE(summary.value(QStringLiteral("gave_up")).toInt(), 3 - released);
    QVERIFY(summary.value(QStringLiteral("timeouts")).toInt() >= retries);
}

void TestSyncRuns::timerFiresNoEarlierThanItsDelay()
{
    const QJsonObject summary = run(QStringLiteral("timer"), {});
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY2(summary.value(QStringLiteral("recheck")).toString().isEmpty(),
             qPrintable(summary.value(QStringLiteral("recheck")).toString()));
    // 1000 ms at time scale 0.05.
    QVERIFY(summary.value(QStringLiteral("fired_after_ns")).toDouble() >= 50e6);
}

QTEST_GUILESS_MAIN(TestSyncRuns)
#include "tst_syncruns.moc"
