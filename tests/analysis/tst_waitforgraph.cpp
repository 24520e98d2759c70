#include "analysis/LockOrderGraph.h"
#include "analysis/RunRecording.h"
#include "analysis/WaitForGraph.h"

#include <QTest>

using namespace conlab;

namespace {
Event lockEvent(EventKind kind, std::uint32_t worker, std::uint32_t lock, std::uint64_t t,
                std::uint32_t value = 1)
{
    const auto reason =
        std::uint16_t(kind == EventKind::Blocked ? BlockReason::Lock : BlockReason::None);
    return {t, worker, kind, reason, lock, value};
}
Event acquire(std::uint32_t w, std::uint32_t l, std::uint64_t t, std::uint32_t depth = 1)
{
    return lockEvent(EventKind::LockAcquired, w, l, t, depth);
}
Event release(std::uint32_t w, std::uint32_t l, std::uint64_t t, std::uint32_t depth = 0)
{
    return lockEvent(EventKind::LockReleased, w, l, t, depth);
}
Event waitFor(std::uint32_t w, std::uint32_t l, std::uint64_t t)
{
    return lockEvent(EventKind::Blocked, w, l, t);
}
} // namespace

// Cycle detection in the wait-for and lock-order graphs, on hand-made histories.
class TestWaitForGraph : public QObject
{
    Q_OBJECT

private slots:
    void noCycleWhileWaitsCanEnd();
    void twoWorkerCycle();
    void selfLoopOnAPlainLock();
    void longRing();
    void severalCyclesAtOnce();
    void failedWaitBreaksTheCycle();
    void lockOrderInversionWithoutDeadlock();
    void reentrantRetakeAddsNoOrder();
    void threeLockOrderCycle();
    void wholeTraceKeepsADeadlockItsEndBroke();
};

void TestWaitForGraph::noCycleWhileWaitsCanEnd()
{
    WaitForGraph graph;
    // 1 holds A; 2 waits for A; 3 waits for a free lock C: chains that end, no cycle.
    graph.apply({acquire(1, 10, 1), waitFor(2, 10, 2), waitFor(3, 12, 3)});
    QVERIFY(graph.cycles().empty());
    QCOMPARE(graph.holders().at(10), 1u);
    QCOMPARE(graph.waits().at(2), 10u);
}

void TestWaitForGraph::twoWorkerCycle()
{
    WaitForGraph graph;
    graph.apply({acquire(1, 10, 1), acquire(2, 20, 2), waitFor(1, 20, 3), waitFor(2, 10, 7)});
    const auto cycles = graph.cycles();
    QCOMPARE(cycles.size(), std::size_t(1));
    QCOMPARE(cycles[0].workers, (std::vector<std::uint32_t>{1, 2}));
    QCOMPARE(cycles[0].locks, (std::vector<std::uint32_t>{20, 10}));
    QCOMPARE(cycles[0].formedNs, std::uint64_t(7)); // the wait that closed it
}

void TestWaitForGraph::selfLoopOnAPlainLock()
{
    WaitForGraph graph;
    graph.apply({acquire(4, 10, 1), waitFor(4, 10, 2)});
    const auto cycles = graph.cycles();
    QCOMPARE(cycles.size(), std::size_t(1));
    QCOMPARE(cycles[0].workers, std::vector<std::uint32_t>{4});
}

void TestWaitForGraph::longRing()
{
    // Eight philosophers each hold their left chopstick and wait for the right one.
    WaitForGraph graph;
    const std::uint32_t n = 8;
    for (std::uint32_t i = 1; i <= n; ++i)
        graph.apply(acquire(i, 100 + i, i));
    for (std::uint32_t i = 1; i <= n; ++i)
        graph.apply(waitFor(i, 100 + i % n + 1, 10 + i));
    QVERIFY(graph.cycles().size() == 1);
    QCOMPARE(graph.cycles()[0].workers.size(), std::size_t(n));
    QCOMPARE(graph.cycles()[0].workers.front(), 1u);
    // A worker outside the ring waiting on a ring member's lock is not part of the cycle.
    graph.apply(waitFor(20, 101, 30));
    QCOMPARE(graph.cycles().size(), std::size_t(1));
    QCOMPARE(graph.cycles()[0].workers.size(), std::size_t(n));
}

void TestWaitForGraph::severalCyclesAtOnce()
{
    WaitForGraph graph;
    graph.apply({acquire(1, 10, 1), acquire(2, 20, 1), waitFor(1, 20, 2), waitFor(2, 10, 2)});
    graph.apply({acquire(5, 50, 3), acquire(6, 60, 3), acquire(7, 70, 3), waitFor(5, 60, 4),
                 waitFor(6, 70, 4), waitFor(7, 50, 5)});
    graph.apply({acquire(9, 90, 6), waitFor(9, 90, 6)});
    const auto cycles = graph.cycles();
    QCOMPARE(cycles.size(), std::size_t(3));
    QCOMPARE(cycles[0].workers, (std::vector<std::uint32_t>{1, 2}));
    QCOMPARE(cycles[1].workers, (std::vector<std::uint32_t>{5, 6, 7}));
    QCOMPARE(cycles[2].workers, std::vector<std::uint32_t>{9});
}

void TestWaitForGraph::failedWaitBreaksTheCycle()
{
    WaitForGraph graph;
    graph.apply({acquire(1, 10, 1), acquire(2, 20, 2), waitFor(1, 20, 3), waitFor(2, 10, 4)});
    QCOMPARE(graph.cycles().size(), std::size_t(1));
    // Worker 2 is the victim: its wait fails and it gives lock B back.
    graph.apply({lockEvent(EventKind::LockFailed, 2, 10, 5), release(2, 20, 6)});
    QVERIFY(graph.cycles().empty());
    QVERIFY(graph.locksHeldBy(2).empty());
}

void TestWaitForGraph::lockOrderInversionWithoutDeadlock()
{
    LockOrderGraph order;
    // Worker 1: A then B, released; later worker 2: B then A. They never overlapped.
    order.apply({acquire(1, 1, 1), acquire(1, 2, 2), release(1, 2, 3), release(1, 1, 4),
                 acquire(2, 2, 10), acquire(2, 1, 11), release(2, 1, 12), release(2, 2, 13)});
    const auto cycles = order.cycles();
    QCOMPARE(cycles.size(), std::size_t(1));
    QCOMPARE(cycles[0].size(), std::size_t(2));
    QCOMPARE(cycles[0][0].from, 1u);
    QCOMPARE(cycles[0][0].worker, 1u);
    QCOMPARE(cycles[0][1].from, 2u);
    QCOMPARE(cycles[0][1].worker, 2u);
}

void TestWaitForGraph::reentrantRetakeAddsNoOrder()
{
    LockOrderGraph order;
    order.apply(
        {acquire(1, 1, 1, 1), acquire(1, 1, 2, 2), release(1, 1, 3, 1), release(1, 1, 4, 0)});
    QVERIFY(order.edges().empty());
    QVERIFY(order.cycles().empty());
}

void TestWaitForGraph::threeLockOrderCycle()
{
    LockOrderGraph order;
    // A->B, B->C, C->A, each by another worker: one cycle through all three locks.
    order.apply({acquire(1, 1, 1), acquire(1, 2, 2), release(1, 2, 3), release(1, 1, 3)});
    order.apply({acquire(2, 2, 4), acquire(2, 3, 5), release(2, 3, 6), release(2, 2, 6)});
    order.apply({acquire(3, 3, 7), acquire(3, 1, 8), release(3, 1, 9), release(3, 3, 9)});
    const auto cycles = order.cycles();
    QCOMPARE(cycles.size(), std::size_t(1));
    QCOMPARE(cycles[0].size(), std::size_t(3));
}

QTEST_APPLESS_MAIN(TestWaitForGraph)
#include "tst_waitforgraph.moc"

// A saved or exported run is taken in as one batch: the cycle that formed must be seen even
// though the time limit ended both workers, and so the graph, before the batch's end.
void TestWaitForGraph::wholeTraceKeepsADeadlockItsEndBroke()
{
    Trace trace;
    trace.meta.scenario = "two-locks";
    trace.meta.workers = {{0, "main", "main"}, {1, "worker", "w1"}, {2, "worker", "w2"}};
    trace.meta.objects = {{10, "lock", 1, "A"}, {20, "lock", 1, "B"}};
    const auto limit = std::uint16_t(ExitCause::TimeLimit);
    const Event ended1{100, 1, EventKind::Terminated, limit};
    const Event ended2{100, 2, EventKind::Terminated, limit};
    trace.events = {
        acquire(1, 10, 1), acquire(2, 20, 2), waitFor(1, 20, 3), waitFor(2, 10, 7), ended1, ended2};
    RunRecording recording;
    recording.load(trace);
    QVERIFY(recording.hasDeadlock());
    QCOMPARE(recording.firstDeadlock().formedNs, std::uint64_t(7));
}
