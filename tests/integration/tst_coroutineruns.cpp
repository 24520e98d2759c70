#include "RunnerProcess.h"

#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <vector>

using namespace conlab;

namespace {

std::int64_t figure(const RunnerProcess::CheckedRun &run, const char *name)
{
    return run.summary.value(QLatin1String(name)).toInteger();
}

// The state changes recorded on one lane, in order.
std::vector<EventKind> statesOf(const Trace &trace, std::uint32_t worker)
{
    std::vector<EventKind> states;
    for (const Event &e : trace.events)
        if (e.worker == worker && (e.kind == EventKind::WorkerNew || e.kind == EventKind::Ready ||
                                   e.kind == EventKind::Running || e.kind == EventKind::Blocked ||
                                   e.kind == EventKind::Terminated))
            states.push_back(e.kind);
    return states;
}

} // namespace

// Chapter 6 run for real: coroutines on one thread's Asio loop, fibers switching by hand, and
// processes x threads x coroutines. Every run's trace passes the checker, whose one-coroutine
// rule says a thread never ran two of its coroutines at once.
class TestCoroutineRuns : public QObject
{
    Q_OBJECT

private slots:
    void cooperativeWaitsOverlapOnOneThread();
    void blockingSleepSerialisesEverything();
    void aCoroutinesStatesComeInOrder();
    void aThousandCoroutinesComplete();
    void switchingIsMeasuredAndTakesTurns();
    void layersNestProcessThreadCoroutine();

private:
    RunnerProcess::CheckedRun run(const QString &scenario, const QStringList &sets);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestCoroutineRuns::run(const QString &scenario, const QStringList &sets)
{
    return RunnerProcess::runChecked(
        scenario, sets, m_dir.filePath(QStringLiteral("%1-%2.trace").arg(scenario).arg(++m_runs)));
}

void TestCoroutineRuns::cooperativeWaitsOverlapOnOneThread()
{
    const QStringList sets{QStringLiteral("tasks=5"), QStringLiteral("io=100"),
                           QStringLiteral("cpu=10"), QStringLiteral("rounds=1"),
                           QStringLiteral("time-scale=0.5")};
    const auto cooperative =
        run(QStringLiteral("coroutines"), sets + QStringList{"sleep=cooperative"});
    QVERIFY2(cooperative.problems.isEmpty(), qPrintable(cooperative.problems));
    const auto blocking = run(QStringLiteral("coroutines"), sets + QStringList{"sleep=blocking"});
    QVERIFY2(blocking.problems.isEmpty(), qPrintable(blocking.problems));
    QCOMPARE(figure(cooperative, "threads_used"), 1);
    QCOMPARE(figure(blocking, "threads_used"), 1);
    const std::int64_t overlapped = figure(cooperative, "elapsed_ns");
    const std::int64_t serial = figure(blocking, "elapsed_ns");
    QVERIFY2(overlapped < serial / 2,
             qPrintable(QStringLiteral("%1 vs %2 ns").arg(overlapped).arg(serial)));
    // Never faster than the ideal loop: the waits and bursts really happened.
    QVERIFY(overlapped >= figure(cooperative, "cooperative_ns"));
    QVERIFY(serial >= figure(blocking, "blocking_ns"));
}

void TestCoroutineRuns::blockingSleepSerialisesEverything()
{
    const auto r = run(QStringLiteral("coroutines"),
                       {QStringLiteral("tasks=3"), QStringLiteral("io=40"), QStringLiteral("cpu=0"),
                        QStringLiteral("rounds=1"), QStringLiteral("sleep=blocking")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    // While a coroutine sleeps in a blocking call, its thread (main) sleeps too, and every
    // other coroutine is still only ready.
    std::uint64_t threadAsleepSince = 0;
    int sleepsInsideThreadSleep = 0;
    for (const Event &e : r.trace.events) {
        if (e.worker == 0 && e.kind == EventKind::Blocked)
            threadAsleepSince = e.timeNs;
        else if (e.worker == 0 && e.kind == EventKind::Ready)
            threadAsleepSince = 0;
        if (e.worker != 0 && e.kind == EventKind::Ready && threadAsleepSince != 0)
            QFAIL("a coroutine became ready while the thread slept");
        if (e.worker != 0 && e.kind == EventKind::Blocked)
            ++sleepsInsideThreadSleep;
    }
    QCOMPARE(sleepsInsideThreadSleep, 3);
}

void TestCoroutineRuns::aCoroutinesStatesComeInOrder()
{
    const auto r =
        run(QStringLiteral("coroutines"), {QStringLiteral("tasks=2"), QStringLiteral("io=20"),
                                           QStringLiteral("cpu=5"), QStringLiteral("rounds=2")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    using K = EventKind;
    const std::vector<EventKind> expected{K::WorkerNew, K::Ready,     K::Running, K::Blocked,
                                          K::Ready,     K::Running,   K::Blocked, K::Ready,
                                          K::Running,   K::Terminated};
    for (std::uint32_t lane : {1u, 2u})
        QVERIFY(statesOf(r.trace, lane) == expected);
    // Each wait is a sleep on the loop's timer.
    for (const Event &e : r.trace.events)
        if (e.worker != 0 && e.kind == EventKind::Blocked)
            QCOMPARE(BlockReason(e.reason), BlockReason::Sleep);
    QCOMPARE(figure(r, "switches"), 2 * 3);
}

void TestCoroutineRuns::aThousandCoroutinesComplete()
{
    const auto r =
        run(QStringLiteral("coroutines"), {QStringLiteral("tasks=1000"), QStringLiteral("io=30"),
                                           QStringLiteral("cpu=0"), QStringLiteral("rounds=1")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(figure(r, "threads_used"), 1);
    QCOMPARE(figure(r, "switches"), 2000);
    QCOMPARE(r.trace.meta.workers.size(), std::size_t(101)); // main and the first 100
    // All waits overlap: far less than a thousand waits one after another.
    QVERIFY(figure(r, "elapsed_ns") < 1000ll * 30 * 1000000 / 10);
}

void TestCoroutineRuns::switchingIsMeasuredAndTakesTurns()
{
    const auto r = run(QStringLiteral("switch"),
                       {QStringLiteral("items=50000"), QStringLiteral("time-scale=0.25")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(figure(r, "switch_ns") > 0);
    QVERIFY(figure(r, "call_ns") > 0);
    QVERIFY(r.summary.value(QStringLiteral("switch_vs_call")).toDouble() > 0);
    // The recorded items: A hands over after each of its 12, B after each but its last,
    // where it ends instead.
    std::map<std::uint32_t, int> switches;
    for (const Event &e : r.trace.events)
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Switch)
            ++switches[e.worker];
    QCOMPARE(switches[1], 12);
    QCOMPARE(switches[2], 11);
}

void TestCoroutineRuns::layersNestProcessThreadCoroutine()
{
    const auto r =
        run(QStringLiteral("layers"), {QStringLiteral("processes=2"), QStringLiteral("threads=2"),
                                       QStringLiteral("coroutines=3"), QStringLiteral("io=20"),
                                       QStringLiteral("cpu=2"), QStringLiteral("rounds=2")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(figure(r, "processes_used"), 2);
    QCOMPARE(figure(r, "threads_used"), 4);
    QCOMPARE(figure(r, "coroutines"), 12);
    // Every lane runs where its parent says: a coroutine on its thread's tid, a thread in its
    // process's pid.
    std::map<std::uint32_t, std::pair<std::int64_t, std::uint32_t>> ids; // lane -> (pid, tid)
    for (const Event &e : r.trace.events)
        if (e.kind == EventKind::WorkerStarted)
            ids[e.worker] = {e.arg, e.value};
    int nested = 0;
    for (const WorkerInfo &w : r.trace.meta.workers) {
        if (w.parent < 0)
            continue;
        ++nested;
        QVERIFY(ids.count(w.id) && ids.count(std::uint32_t(w.parent)));
        QCOMPARE(ids[w.id].first, ids[std::uint32_t(w.parent)].first);
        if (w.role == "coroutine")
            QCOMPARE(ids[w.id].second, ids[std::uint32_t(w.parent)].second);
    }
    QCOMPARE(nested, 2 * 2 + 2 * 2 * 3);
    // Each coroutine waited on real IO.
    int ioWaits = 0;
    for (const Event &e : r.trace.events) {
        const WorkerInfo *w = r.trace.meta.worker(e.worker);
        if (w && w->role == "coroutine" && e.kind == EventKind::Blocked &&
            BlockReason(e.reason) == BlockReason::Io)
            ++ioWaits;
    }
    QCOMPARE(ioWaits, 12 * 2);
}

QTEST_GUILESS_MAIN(TestCoroutineRuns)
#include "tst_coroutineruns.moc"
