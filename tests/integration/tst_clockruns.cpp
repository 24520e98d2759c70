#include "RunnerProcess.h"
#include "trace/Clock.h"
#include "trace/EventClock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

// Which clock stamped a run's events, and that whichever it was, the trace holds
// CLOCK_MONOTONIC ns: the TSC's ticks never leave the collector.
class TestClockRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void traceSaysWhichClockStampedIt_data();
    void traceSaysWhichClockStampedIt();

private:
    QTemporaryDir m_dir;
};

void TestClockRuns::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(RunnerProcess::runnerPath()), qPrintable(RunnerProcess::runnerPath()));
}

void TestClockRuns::traceSaysWhichClockStampedIt_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("forceMonotonic");
    // Worker processes stamp with the clock the runner chose, read from the arena.
    for (const char *kind : {"thread", "process"}) {
        QTest::addRow("%s, the machine's clock", kind) << QString::fromLatin1(kind) << false;
        QTest::addRow("%s, CONLAB_CLOCK=monotonic", kind) << QString::fromLatin1(kind) << true;
    }
}

void TestClockRuns::traceSaysWhichClockStampedIt()
{
    QFETCH(QString, kind);
    QFETCH(bool, forceMonotonic);
    if (forceMonotonic)
        qputenv("CONLAB_CLOCK", "monotonic");
    else
        qunsetenv("CONLAB_CLOCK");
    const std::uint64_t before = monotonicNs();
    const auto run = RunnerProcess::runChecked(
        QStringLiteral("producer-consumer"),
        {QStringLiteral("kind=") + kind, QStringLiteral("time-scale=0.05"),
         QStringLiteral("cpus=2")},
        m_dir.filePath(QStringLiteral("%1-%2.trace").arg(kind).arg(forceMonotonic)));
    const std::uint64_t after = monotonicNs();
    qunsetenv("CONLAB_CLOCK");
    QVERIFY2(run.problems.isEmpty(), qPrintable(run.problems));

    const ClockKind expected = forceMonotonic ? ClockKind::Monotonic : EventClock::choose();
    QCOMPARE(run.trace.meta.clock, std::string(EventClock::name(expected)));
    QCOMPARE(run.summary.value(QStringLiteral("clock")).toString(),
             QString::fromLatin1(EventClock::name(expected)));
    QVERIFY(!run.trace.events.empty());
    for (const Event &event : run.trace.events) {
        QVERIFY2(event.timeNs >= before && event.timeNs <= after,
                 qPrintable(QStringLiteral("%1 outside the run's [%2, %3]")
                                .arg(event.timeNs)
                                .arg(before)
                                .arg(after)));
    }
}

QTEST_GUILESS_MAIN(TestClockRuns)
#include "tst_clockruns.moc"
