#include "RunnerProcess.h"
#include "analysis/CellAccessLog.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

// ticket-race and shared-counter, run for real: without a lock the damage shows at default
// settings; with one it never does, and the lock never has two owners.
class TestRaceRuns : public QObject
{
    Q_OBJECT

private slots:
    void sharedCounter_data();
    void sharedCounter();
    void ticketRace_data();
    void ticketRace();

private:
    QJsonObject run(const QString &scenario, const QStringList &sets, Trace *trace);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

QJsonObject TestRaceRuns::run(const QString &scenario, const QStringList &sets, Trace *trace)
{
    const QString path = m_dir.filePath(QStringLiteral("race-%1.trace").arg(++m_runs));
    QStringList arguments = {QStringLiteral("--scenario"), scenario,
                             QStringLiteral("--trace"),    path,
                             QStringLiteral("--set"),      QStringLiteral("time-scale=0.05")};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    QJsonObject summary;
    if (RunnerProcess::runToEnd(arguments, &summary) == 0)
        TraceFile::read(path.toStdString(), *trace, nullptr);
    return summary;
}

static QString violations(const Trace &trace)
{
    TraceChecker::Options options;
    options.runCompleted = true;
    QString text;
    for (const auto &v : TraceChecker::check(trace, options))
        text += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    return text;
}

static bool someoneBlockedOn(const Trace &trace, BlockReason reason)
{
    for (const Event &e : trace.events)
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == reason)
            return true;
    return false;
}

// The writes the lanes mark as lost updates: made on a value another worker had overwritten.
static int staleWrites(const Trace &trace)
{
    CellAccessLog log;
    log.reset(trace.meta);
    log.append(trace.events.data(), trace.events.size());
    return int(log.staleWrites());
}

void TestRaceRuns::sharedCounter_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("locked");
    QTest::newRow("threads, no lock") << "thread" << false;
    QTest::newRow("threads, lock") << "thread" << true;
    QTest::newRow("processes, no lock") << "process" << false;
    QTest::newRow("processes, lock") << "process" << true;
}

void TestRaceRuns::sharedCounter()
{
    QFETCH(QString, kind);
    QFETCH(bool, locked);
    Trace trace;
    const QJsonObject summary = run(
        QStringLiteral("shared-counter"),
        {"kind=" + kind, locked ? QStringLiteral("lock=on") : QStringLiteral("lock=off")}, &trace);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const QString report = violations(trace);
    QVERIFY2(report.isEmpty(), qPrintable(report));
    const int expected = summary.value(QStringLiteral("expected_value")).toInt();
    QCOMPARE(expected, 100 - 10);
    // Every update lost is marked on the lane of the worker whose write lost it, no more.
    QCOMPARE(staleWrites(trace), summary.value(QStringLiteral("lost_updates")).toInt());
    if (locked) {
        QCOMPARE(summary.value(QStringLiteral("final_value")).toInt(), expected);
        QCOMPARE(summary.value(QStringLiteral("lost_updates")).toInt(), 0);
        QVERIFY(someoneBlockedOn(trace, BlockReason::Lock));
    } else {
        QVERIFY(summary.value(QStringLiteral("lost_updates")).toInt() > 0);
        QVERIFY(!someoneBlockedOn(trace, BlockReason::Lock));
    }
}

void TestRaceRuns::ticketRace_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("lock");
    for (const char *kind : {"thread", "process"})
        for (const char *lock : {"none", "buy", "check-and-buy"})
            QTest::addRow("%s, lock %s", kind, lock)
                << QString::fromLatin1(kind) << QString::fromLatin1(lock);
}

void TestRaceRuns::ticketRace()
{
    QFETCH(QString, kind);
    QFETCH(QString, lock);
    Trace trace;
    const QJsonObject summary =
        run(QStringLiteral("ticket-race"), {"kind=" + kind, "lock=" + lock}, &trace);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const QString report = violations(trace);
    QVERIFY2(report.isEmpty(), qPrintable(report));
    const int sold = summary.value(QStringLiteral("sold")).toInt();
    // Each ticket sold twice is a stock write made on a stock another buyer had changed.
    QCOMPARE(staleWrites(trace), summary.value(QStringLiteral("oversold")).toInt());
    if (lock == QLatin1String("none")) {
        QVERIFY2(summary.value(QStringLiteral("oversold")).toInt() > 0,
                 "default settings oversell");
    } else {
        QCOMPARE(sold, 1);
        QCOMPARE(summary.value(QStringLiteral("oversold")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("tickets_left")).toInt(), 0);
    }
}

QTEST_GUILESS_MAIN(TestRaceRuns)
#include "tst_raceruns.moc"
