#include "RunnerProcess.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <sched.h>
#include <vector>

using namespace conlab;

// The interpreter-lock model run for real on this machine's cores: CPU-bound threads gain
// nothing, processes and IO-bound threads do; a drop request is honoured at the holder's next
// check. Speeds depend on free cores, so this suite runs alone (RUN_SERIAL).
class TestGilRuns : public QObject
{
    Q_OBJECT

private slots:
    void cpuBoundThreadsGainNothing();
    void cpuBoundProcessesUseBothCores();
    void ioBoundThreadsOverlap();
    void dropRequestsAreHonouredAtTheNextCheck();
    void realCPythonThreadsGainNothingEither();

private:
    RunnerProcess::CheckedRun run(const QStringList &sets);
    static int allowedCpus();
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestGilRuns::run(const QStringList &sets)
{
    return RunnerProcess::runChecked(QStringLiteral("gil"), sets,
                                     m_dir.filePath(QStringLiteral("gil-%1.trace").arg(++m_runs)));
}

int TestGilRuns::allowedCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof set, &set);
    return CPU_COUNT(&set);
}

void TestGilRuns::cpuBoundThreadsGainNothing()
{
    const auto r = run({QStringLiteral("kind=thread"), QStringLiteral("workers=2"),
                        QStringLiteral("work-time=300")});
    // The checker's lock-owner rule held: never two holders of the interpreter lock.
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const double speedup = r.summary.value(QStringLiteral("speedup")).toDouble();
    QVERIFY2(speedup > 0 && speedup < 1.3, qPrintable(QString::number(speedup)));
    QVERIFY(r.summary.value(QStringLiteral("gil_handoffs")).toInt() > 10);
}

void TestGilRuns::cpuBoundProcessesUseBothCores()
{
    if (allowedCpus() < 2)
        QSKIP("one core only: processes can't run in parallel here");
    const auto r = run({QStringLiteral("kind=process"), QStringLiteral("workers=2"),
                        QStringLiteral("work-time=300")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const double speedup = r.summary.value(QStringLiteral("speedup")).toDouble();
    QVERIFY2(speedup > 1.5, qPrintable(QString::number(speedup)));
    QCOMPARE(r.summary.value(QStringLiteral("gil_handoffs")).toInt(), 0);
}

void TestGilRuns::ioBoundThreadsOverlap()
{
    const auto r = run({QStringLiteral("kind=thread"), QStringLiteral("workers=4"),
                        QStringLiteral("work=io"), QStringLiteral("work-time=200")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const double speedup = r.summary.value(QStringLiteral("speedup")).toDouble();
    QVERIFY2(speedup > 2.5, qPrintable(QString::number(speedup)));
}

void TestGilRuns::dropRequestsAreHonouredAtTheNextCheck()
{
    const auto r = run({QStringLiteral("kind=thread"), QStringLiteral("workers=2"),
                        QStringLiteral("work-time=200"), QStringLiteral("switch-interval=5")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    // From each request to the holder's next release of the lock.
    std::vector<std::uint64_t> delays;
    for (std::size_t i = 0; i < r.trace.events.size(); ++i) {
        const Event &request = r.trace.events[i];
        if (request.kind != EventKind::GilDropRequest)
            continue;
        for (std::size_t j = i + 1; j < r.trace.events.size(); ++j) {
            const Event &e = r.trace.events[j];
            if (e.kind == EventKind::LockReleased && e.object == request.object) {
                delays.push_back(e.timeNs - request.timeNs);
                break;
            }
        }
    }
    QVERIFY(delays.size() >= 10);
    std::sort(delays.begin(), delays.end());
    // At the holder's next check (every 50 µs of bytecode), for all but a preempted few:
    // far sooner than another switch interval.
    const std::uint64_t bound = 2'000'000;
    const std::uint64_t p90 = delays[delays.size() * 9 / 10];
    QVERIFY2(p90 <= bound, qPrintable(QString::number(p90)));
}

void TestGilRuns::realCPythonThreadsGainNothingEither()
{
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is not installed: engine=cpython is refused (tested in tst_runnercli)");
    const auto r = run({QStringLiteral("kind=thread"), QStringLiteral("workers=2"),
                        QStringLiteral("work-time=200"), QStringLiteral("engine=cpython")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(!r.summary.value(QStringLiteral("cpython_version")).toString().isEmpty());
    QVERIFY(r.summary.value(QStringLiteral("cpython_single_ns")).toInteger() > 0);
    // The real interpreter lock: two CPU-bound threads take about twice as long as one.
    const double speedup = r.summary.value(QStringLiteral("cpython_speedup")).toDouble();
    QVERIFY2(speedup > 0 && speedup < 1.3, qPrintable(QString::number(speedup)));
}

QTEST_GUILESS_MAIN(TestGilRuns)
#include "tst_gilruns.moc"
