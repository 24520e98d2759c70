#include "RunnerProcess.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>

using namespace conlab;

// two-locks, philosophers, reentrant and lock-order run for real: with no remedy the cycle
// closes and is detected; each remedy finishes; the checker holds either way.
class TestDeadlockRuns : public QObject
{
    Q_OBJECT

private slots:
    void remedies_data();
    void remedies();
    void reentrantLock_data();
    void reentrantLock();
    void lockOrderWarnsWithoutDeadlocking();

private:
    QJsonObject run(const QString &scenario, const QStringList &sets, Trace *trace);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

QJsonObject TestDeadlockRuns::run(const QString &scenario, const QStringList &sets, Trace *trace)
{
    const QString path = m_dir.filePath(QStringLiteral("deadlock-%1.trace").arg(++m_runs));
    QStringList arguments = {QStringLiteral("--scenario"), scenario, QStringLiteral("--trace"),
                             path, QStringLiteral("--time-limit"),
                             // A deadlock lasts until the limit; a remedy finishes well before.
                             sets.contains(QStringLiteral("remedy=none")) ? QStringLiteral("1")
                                                                          : QStringLiteral("5"),
                             QStringLiteral("--set"), QStringLiteral("time-scale=0.05")};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    QJsonObject summary;
    if (RunnerProcess::runToEnd(arguments, &summary) == 0)
        TraceFile::read(path.toStdString(), *trace, nullptr);
    TraceChecker::Options options;
    options.runCompleted =
        summary.value(QStringLiteral("outcome")).toString() == QLatin1String("completed");
    QString report;
    for (const auto &v : TraceChecker::check(*trace, options))
        report += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    if (!report.isEmpty())
        qWarning("%s", qPrintable(report));
    summary.insert(QStringLiteral("recheck_passed"), report.isEmpty());
    return summary;
}

void TestDeadlockRuns::remedies_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<int>("workers");
    for (const char *kind : {"thread", "process"}) {
        for (const char *remedy : {"none", "reentrant", "order", "try-lock", "victim"})
            QTest::addRow("two-locks, %s, %s", kind, remedy)
                << "two-locks" << QString::fromLatin1(kind) << QString::fromLatin1(remedy) << 2;
        QTest::addRow("philosophers, %s, none", kind)
            << "philosophers" << QString::fromLatin1(kind) << "none" << 5;
    }
    for (const char *remedy : {"reentrant", "order", "try-lock", "victim", "seats"})
        QTest::addRow("philosophers, thread, %s", remedy)
            << "philosophers"
            << "thread" << QString::fromLatin1(remedy) << 5;
}

void TestDeadlockRuns::remedies()
{
    QFETCH(QString, scenario);
    QFETCH(QString, kind);
    QFETCH(QString, remedy);
    QFETCH(int, workers);
    Trace trace;
    QStringList sets{"kind=" + kind, "remedy=" + remedy};
    // The cycle only closes (and a victim is only aborted) if every worker has taken its first
    // lock before anyone reaches for a second: leave room for that on a loaded machine.
    sets << QStringLiteral("pause=600");
    const QJsonObject summary = run(scenario, sets, &trace);
    QVERIFY(summary.value(QStringLiteral("recheck_passed")).toBool());
    QVERIFY(summary.value(QStringLiteral("checks"))
                .toObject()
                .value(QStringLiteral("passed"))
                .toBool());
    const QString outcome = summary.value(QStringLiteral("outcome")).toString();
    if (remedy == QLatin1String("none")) {
        QCOMPARE(outcome, QStringLiteral("deadlocked"));
        const QJsonObject deadlock = summary.value(QStringLiteral("deadlock")).toObject();
        QCOMPARE(deadlock.value(QStringLiteral("cycle")).toArray().size(), workers);
        QCOMPARE(deadlock.value(QStringLiteral("locks")).toArray().size(), workers);
        QVERIFY(deadlock.value(QStringLiteral("detected_ns")).toDouble() >=
                deadlock.value(QStringLiteral("formed_ns")).toDouble());
        // Nothing of a deadlocked run is left behind.
        for (const Event &e : trace.events)
            if (e.kind == EventKind::WorkerStarted && kind == QLatin1String("process") && e.worker)
                QVERIFY(kill(pid_t(e.arg), 0) != 0 && errno == ESRCH);
    } else {
        QCOMPARE(outcome, QStringLiteral("completed"));
        QVERIFY(summary.value(QStringLiteral("deadlock")).isNull());
        QCOMPARE(summary.value(QStringLiteral("finished_workers")).toInt(), workers);
    }
    if (remedy == QLatin1String("victim"))
        QVERIFY2(summary.value(QStringLiteral("aborts")).toInt() >= 1,
                 "the start line makes the cycle close, so a victim must have been aborted");
}

void TestDeadlockRuns::reentrantLock_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("threads") << "thread";
    QTest::newRow("processes") << "process";
}

void TestDeadlockRuns::reentrantLock()
{
    QFETCH(QString, kind);
    Trace trace;
    QJsonObject plain =
        run(QStringLiteral("reentrant"), {"kind=" + kind, "lock-kind=plain"}, &trace);
    QCOMPARE(plain.value(QStringLiteral("outcome")).toString(), QStringLiteral("deadlocked"));
    QCOMPARE(
        plain.value(QStringLiteral("deadlock")).toObject().value(QStringLiteral("cycle")).toArray(),
        QJsonArray({QStringLiteral("worker-1")}));
    QVERIFY(plain.value(QStringLiteral("recheck_passed")).toBool());

    QJsonObject reentrant = run(QStringLiteral("reentrant"),
                                {"kind=" + kind, "lock-kind=reentrant", "depth=3"}, &trace);
    QCOMPARE(reentrant.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QCOMPARE(reentrant.value(QStringLiteral("max_depth")).toInt(), 3);
    QVERIFY(reentrant.value(QStringLiteral("recheck_passed")).toBool());
}

void TestDeadlockRuns::lockOrderWarnsWithoutDeadlocking()
{
    Trace trace;
    const QJsonObject summary = run(QStringLiteral("lock-order"), {}, &trace);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY(summary.value(QStringLiteral("deadlock")).isNull());
    const QJsonArray potential = summary.value(QStringLiteral("potential_deadlocks")).toArray();
    QCOMPARE(potential.size(), 1);
    const QJsonObject warning = potential.first().toObject();
    QCOMPARE(warning.value(QStringLiteral("locks")).toArray(),
             QJsonArray({QStringLiteral("lock A"), QStringLiteral("lock B")}));
    QCOMPARE(warning.value(QStringLiteral("sites")).toArray().size(), 2);
    QVERIFY(summary.value(QStringLiteral("recheck_passed")).toBool());
}

QTEST_GUILESS_MAIN(TestDeadlockRuns)
#include "tst_deadlockruns.moc"
