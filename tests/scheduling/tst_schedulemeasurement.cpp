#include "analysis/ScheduleMeasurement.h"

#include <QTest>

using namespace conlab;

namespace {
Event at(std::uint64_t timeNs, std::uint32_t worker, EventKind kind, std::uint32_t value = 0,
         std::uint16_t reason = 0)
{
    return {timeNs, worker, kind, reason, 0, value};
}
} // namespace

// Scheduling figures measured from a hand-made trace, by the definitions the pure policies use.
class TestScheduleMeasurement : public QObject
{
    Q_OBJECT

private slots:
    void measuresWaitingTurnaroundResponseAndDispatches();
    void aJobCutShortIsNotAveraged();
};

void TestScheduleMeasurement::measuresWaitingTurnaroundResponseAndDispatches()
{
    // RR on one CPU: A 0-4, B 4-6 (done), A 6-8 preempted... with an IO wait for A.
    Trace trace;
    trace.meta.cpus = 1;
    trace.meta.workers = {{0, "main", "main"}, {1, "job", "A"}, {2, "job", "B"}};
    const auto Io = std::uint16_t(BlockReason::Io);
    trace.events = {
        at(0, 1, EventKind::Ready),       at(0, 1, EventKind::Running, 0),
        at(1, 2, EventKind::Ready),       at(4, 1, EventKind::Ready),
        at(4, 2, EventKind::Running, 0),  at(6, 2, EventKind::Terminated),
        at(6, 1, EventKind::Running, 0),  at(8, 1, EventKind::Blocked, 0, Io),
        at(11, 1, EventKind::Ready),      at(11, 1, EventKind::Running, 0),
        at(12, 1, EventKind::Terminated),
    };
    const ScheduleMeasurement m = ScheduleMeasurement::measure(trace, {1, 2});
    QCOMPARE(m.jobs.size(), std::size_t(2));
    QVERIFY(m.jobs[0].completed && m.jobs[1].completed);
    QCOMPARE(m.jobs[0].waitingNs, std::uint64_t(2));
    QCOMPARE(m.jobs[0].turnaroundNs, std::uint64_t(12));
    QCOMPARE(m.jobs[0].responseNs, std::uint64_t(0));
    QCOMPARE(m.jobs[0].cpuNs, std::uint64_t(7));
    QCOMPARE(m.jobs[1].waitingNs, std::uint64_t(3));
    QCOMPARE(m.jobs[1].turnaroundNs, std::uint64_t(5));
    QCOMPARE(m.jobs[1].responseNs, std::uint64_t(3));
    QCOMPARE(m.avgWaitingNs, 2.5);
    QCOMPARE(m.avgTurnaroundNs, 8.5);
    QCOMPARE(m.avgResponseNs, 1.5);
    // 9 of 12 ns busy (A's IO left the CPU idle 8-11).
    QCOMPARE(m.cpuUtilisation, 0.75);
    QCOMPARE(m.dispatches.size(), std::size_t(4));
    QCOMPARE(m.dispatches[1].worker, 2u);
    QCOMPARE(m.dispatches[3].timeNs, std::uint64_t(11));
}

void TestScheduleMeasurement::aJobCutShortIsNotAveraged()
{
    Trace trace;
    trace.meta.cpus = 1;
    trace.events = {
        at(0, 1, EventKind::Ready),
        at(0, 1, EventKind::Running, 0),
        at(5, 1, EventKind::Terminated),
        at(2, 2, EventKind::Ready),
        at(9, 2, EventKind::Terminated, 0, std::uint16_t(ExitCause::Stopped)),
    };
    const ScheduleMeasurement m = ScheduleMeasurement::measure(trace, {1, 2});
    QVERIFY(m.jobs[0].completed);
    QVERIFY(!m.jobs[1].completed);
    QCOMPARE(m.jobs[1].waitingNs, std::uint64_t(7));
    QCOMPARE(m.avgTurnaroundNs, 5.0);
}

QTEST_APPLESS_MAIN(TestScheduleMeasurement)
#include "tst_schedulemeasurement.moc"
