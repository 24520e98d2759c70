#include "RunnerProcess.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>

using namespace conlab;

// pipeline run for real against its loopback HTTP server: every page parsed once, the links
// found equal to those served, fetchers mostly waiting on IO, and a Stop that does not wait
// for answers in flight.
class TestPipelineRuns : public QObject
{
    Q_OBJECT

private slots:
    void everyPageIsFetchedAndParsed_data();
    void everyPageIsFetchedAndParsed();
    void fetchersMostlyWait();
    void sixteenFetchersConnectAtOnce();
    void aTimeLimitEndsFetchesInFlight();

private:
    RunnerProcess::CheckedRun run(const QStringList &sets);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestPipelineRuns::run(const QStringList &sets)
{
    return RunnerProcess::runChecked(
        QStringLiteral("pipeline"), QStringList(sets) << QStringLiteral("time-scale=0.1"),
        m_dir.filePath(QStringLiteral("pipeline-%1.trace").arg(++m_runs)));
}

void TestPipelineRuns::everyPageIsFetchedAndParsed_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("threads") << "thread";
    QTest::newRow("processes") << "process";
}

void TestPipelineRuns::everyPageIsFetchedAndParsed()
{
    QFETCH(QString, kind);
    const auto r = run({"kind=" + kind, QStringLiteral("pages=30")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("pages")).toInt(), 30);
    QCOMPARE(r.summary.value(QStringLiteral("produced")).toInt(), 30);
    QCOMPARE(r.summary.value(QStringLiteral("consumed")).toInt(), 30);
    const int served = r.summary.value(QStringLiteral("links_served")).toInt();
    QVERIFY(served > 0);
    QCOMPARE(r.summary.value(QStringLiteral("links_found")).toInt(), served);
}

void TestPipelineRuns::fetchersMostlyWait()
{
    // 20 ms per answer (x0.1), almost no work of their own: IO wait dominates their lives.
    const auto r = run({QStringLiteral("fetchers=3"), QStringLiteral("pages=24")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    double lives = 0;
    for (std::uint32_t fetcher = 1; fetcher <= 3; ++fetcher) {
        std::uint64_t start = 0;
        std::uint64_t end = 0;
        for (const Event &e : r.trace.events) {
            if (e.worker != fetcher)
                continue;
            if (e.kind == EventKind::WorkerStarted)
                start = e.timeNs;
            else if (e.kind == EventKind::Terminated)
                end = e.timeNs;
        }
        QVERIFY(end > start);
        lives += double(end - start);
    }
    const double waiting = r.summary.value(QStringLiteral("fetch_wait_ns")).toDouble();
    QVERIFY2(waiting > 0.6 * lives, qPrintable(QStringLiteral("%1 of %2").arg(waiting).arg(lives)));
}

void TestPipelineRuns::sixteenFetchersConnectAtOnce()
{
    // Sixteen connections at once must all be queued for accept: a dropped one would retry
    // after a second, far beyond the 20 ms answer.
    const auto r = run({QStringLiteral("fetchers=16"), QStringLiteral("pages=64"),
                        QStringLiteral("parse-time=0")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    std::uint64_t longest = 0;
    std::map<std::uint32_t, std::uint64_t> waitingSince;
    for (const Event &e : r.trace.events) {
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Io)
            waitingSince[e.worker] = e.timeNs;
        else if (e.kind == EventKind::IoNotified && waitingSince.count(e.worker))
            longest = std::max(longest, e.timeNs - waitingSince[e.worker]);
    }
    QVERIFY2(longest < 500'000'000, qPrintable(QString::number(longest)));
}

void TestPipelineRuns::aTimeLimitEndsFetchesInFlight()
{
    QJsonObject summary;
    QElapsedTimer clock;
    clock.start();
    const int code = RunnerProcess::runToEnd(
        {QStringLiteral("--scenario"), QStringLiteral("pipeline"), QStringLiteral("--set"),
         QStringLiteral("latency=5000"), QStringLiteral("--time-limit"), QStringLiteral("0.5")},
        &summary);
    QCOMPARE(code, 0);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("timed_out"));
    QVERIFY(summary.value(QStringLiteral("checks"))
                .toObject()
                .value(QStringLiteral("passed"))
                .toBool());
    // Answers due in 5 s do not hold the end of the run.
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestPipelineRuns)
#include "tst_pipelineruns.moc"
