#include "RunFixture.h"
#include "runtime/WorkerContext.h"

#include <QTest>
#include <atomic>
#include <map>

using namespace conlab;
using namespace conlab::test;

namespace {

bool hasEvent(const std::vector<Event> &events, EventKind kind)
{
    return std::any_of(events.begin(), events.end(),
                       [kind](const Event &e) { return e.kind == kind; });
}

// What a replay of the gate's Ready/Running/Terminated events found wrong.
struct GateReplay
{
    int overlaps = 0;   // more than V running at once
    int fcfsBreaks = 0; // a worker granted a CPU while one that arrived earlier still waited
    int cpuClashes = 0; // a CPU index out of range or held by two workers
    int unexpected = 0; // Running without a Ready before it
    std::size_t maxRunning = 0;
    std::string firstProblem;

    void note(int &counter, const std::string &what)
    {
        if (firstProblem.empty())
            firstProblem = what;
        ++counter;
    }
};

// The gate stamps each of these events under its lock, so their time order is the order in
// which the gate made its decisions. A worker granted a CPU stamps Running only when it wakes
// up, so with V > 1 the grants may be stamped out of order; what FCFS still guarantees is
// that every worker that arrived before the one now stamping Running, and has not stamped
// Running yet, already holds a CPU too: running + 1 + (earlier arrivals still waiting) <= V.
GateReplay replayGate(const std::vector<Event> &events, std::uint32_t cpus)
{
    GateReplay replay;
    std::vector<std::uint32_t> ready;               // in arrival order
    std::map<std::uint32_t, std::uint32_t> running; // worker -> CPU
    for (const Event &e : events) {
        const std::string at =
            " at " + std::to_string(e.timeNs) + ", worker " + std::to_string(e.worker);
        switch (e.kind) {
        case EventKind::Ready:
            running.erase(e.worker);
            ready.push_back(e.worker);
            break;
        case EventKind::Running: {
            const auto position = std::find(ready.begin(), ready.end(), e.worker);
            if (position == ready.end()) {
                replay.note(replay.unexpected, "running without ready" + at);
                break;
            }
            const auto earlier = std::size_t(position - ready.begin());
            ready.erase(position);
            if (running.size() + 1 > cpus)
                replay.note(replay.overlaps, std::to_string(running.size() + 1) + " running" + at);
            else if (running.size() + 1 + earlier > cpus)
                replay.note(replay.fcfsBreaks,
                            std::to_string(earlier) + " earlier arrivals still waiting" + at);
            if (e.value >= cpus)
                replay.note(replay.cpuClashes, "CPU " + std::to_string(e.value) + at);
            for (const auto &[worker, cpu] : running)
                if (cpu == e.value)
                    replay.note(replay.cpuClashes, "CPU " + std::to_string(cpu) + " also held by " +
                                                       std::to_string(worker) + at);
            running[e.worker] = e.value;
            replay.maxRunning = std::max(replay.maxRunning, running.size());
            break;
        }
        case EventKind::Blocked:
        case EventKind::Terminated:
            running.erase(e.worker);
            break;
        default:
            break;
        }
    }
    return replay;
}

std::vector<std::uint32_t> runningOrder(const std::vector<Event> &events)
{
    std::vector<std::uint32_t> order;
    for (const Event &e : events)
        if (e.kind == EventKind::Running)
            order.push_back(e.worker);
    return order;
}

} // namespace

// The virtual CPUs: at most V workers running, granted first come, first served.
class TestCpuGate : public QObject
{
    Q_OBJECT

private slots:
    void contendedBurstsKeepTheLimitAndOrder_data();
    void contendedBurstsKeepTheLimitAndOrder();
    void grantsFollowArrivalNotWorkerId();
    void cancelledWaiterLeavesTheReadyList();
    void stopEndsEveryWaitForACpu();
};

void TestCpuGate::contendedBurstsKeepTheLimitAndOrder_data()
{
    QTest::addColumn<std::uint32_t>("cpus");
    QTest::newRow("V=1") << 1u;
    QTest::newRow("V=2") << 2u;
}

void TestCpuGate::contendedBurstsKeepTheLimitAndOrder()
{
    QFETCH(std::uint32_t, cpus);
    constexpr std::uint32_t kWorkers = 6;
    constexpr int kBursts = 150;
    constexpr std::uint64_t kBurstNs = 20000;
    std::string error;
    auto run = RunFixture::create(kWorkers, cpus, 4096, &error);
    QVERIFY2(run, error.c_str());
    QCOMPARE(run->gate->cpus(), cpus);

    std::atomic<int> failures{0};
    ThreadGroup threads(*run->arena);
    for (std::uint32_t w = 0; w < kWorkers; ++w) {
        threads.start([&, w] {
            WorkerContext worker(*run->arena, *run->gate, *run->table, w);
            worker.started();
            bool ok = worker.waitForStart(kWorkers);
            // compute() first takes a CPU; yieldCpu() ends a burst and queues again.
            for (int b = 0; ok && b < kBursts; ++b)
                ok = worker.compute(kBurstNs) && worker.holdsCpu() && worker.yieldCpu();
            if (!ok)
                ++failures;
            worker.exit(ok ? ExitCause::Normal : ExitCause::Failed);
        });
    }
    threads.joinAll();
    QCOMPARE(failures.load(), 0);
    run->collect();
    QCOMPARE(run->dropped(), std::uint64_t(0));

    for (std::uint32_t w = 0; w < kWorkers; ++w) {
        const auto &events = run->byWorker[w];
        // started, then (ready, running) for the first compute and after every yield, then
        // terminated: the gate records each transition exactly once.
        QCOMPARE(events.size(), std::size_t(1 + 2 * (kBursts + 1) + 1));
        QCOMPARE(events.front().kind, EventKind::WorkerStarted);
        for (int i = 0; i <= kBursts; ++i) {
            QCOMPARE(events[std::size_t(1 + 2 * i)].kind, EventKind::Ready);
            QCOMPARE(events[std::size_t(2 + 2 * i)].kind, EventKind::Running);
        }
        QCOMPARE(events.back().kind, EventKind::Terminated);
    }

    const GateReplay replay = replayGate(run->timeOrdered(), cpus);
    QVERIFY2(replay.firstProblem.empty(), replay.firstProblem.c_str());
    QCOMPARE(replay.overlaps, 0);
    QCOMPARE(replay.fcfsBreaks, 0);
    QCOMPARE(replay.cpuClashes, 0);
    QCOMPARE(replay.unexpected, 0);
    // Six workers wanting the CPU all the time keep every virtual CPU busy.
    QCOMPARE(replay.maxRunning, std::size_t(cpus));
}

void TestCpuGate::grantsFollowArrivalNotWorkerId()
{
    std::string error;
    auto run = RunFixture::create(6, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    WorkerContext main(*run->arena, *run->gate, *run->table, 0);
    QVERIFY(main.compute(0)); // main holds the only CPU while the others queue up
    QCOMPARE(run->gate->cpuOf(0), 0);

    std::atomic<int> failures{0};
    ThreadGroup threads(*run->arena);
    // Arrival order differs from id order, and the ready list's slots get reused as workers
    // leave it, so only a real arrival-order pick gives this order back.
    const std::vector<std::uint32_t> arrivals = {4, 2, 5, 1, 3};
    for (const std::uint32_t w : arrivals) {
        threads.start([&, w] {
            WorkerContext worker(*run->arena, *run->gate, *run->table, w);
            if (!worker.compute(0))
                ++failures;
            worker.exit(ExitCause::Normal);
        });
        // The next one may only arrive once this one is in the ready list.
        QTRY_VERIFY_WITH_TIMEOUT((run->collect(), hasEvent(run->byWorker[w], EventKind::Ready)),
                                 10000);
    }
    main.exit(ExitCause::Normal);
    threads.joinAll();
    QCOMPARE(failures.load(), 0);
    run->collect();

    std::vector<std::uint32_t> expected = {0};
    expected.insert(expected.end(), arrivals.begin(), arrivals.end());
    QCOMPARE(runningOrder(run->timeOrdered()), expected);
    const GateReplay replay = replayGate(run->timeOrdered(), 1);
    QVERIFY2(replay.firstProblem.empty(), replay.firstProblem.c_str());
}

void TestCpuGate::cancelledWaiterLeavesTheReadyList()
{
    std::string error;
    auto run = RunFixture::create(3, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    WorkerContext main(*run->arena, *run->gate, *run->table, 0);
    QVERIFY(main.compute(0));

    std::atomic<int> firstGotCpu{-1};
    std::atomic<int> secondGotCpu{-1};
    ThreadGroup second(*run->arena);
    ThreadGroup first(*run->arena);
    first.start([&] {
        WorkerContext worker(*run->arena, *run->gate, *run->table, 1);
        firstGotCpu = worker.compute(0) ? 1 : 0;
        worker.exit(worker.shouldStop() ? worker.stopCause() : ExitCause::Normal);
    });
    QTRY_VERIFY_WITH_TIMEOUT((run->collect(), hasEvent(run->byWorker[1], EventKind::Ready)), 10000);
    second.start([&] {
        WorkerContext worker(*run->arena, *run->gate, *run->table, 2);
        secondGotCpu = worker.compute(0) ? 1 : 0;
        worker.exit(ExitCause::Normal);
    });
    QTRY_VERIFY_WITH_TIMEOUT((run->collect(), hasEvent(run->byWorker[2], EventKind::Ready)), 10000);

    // Worker 1, first in line, gives up its wait (a daemon whose owner ended).
    run->table->cancel(1);
    first.joinAll();
    QCOMPARE(firstGotCpu.load(), 0);
    // The CPU main gives back must go to worker 2, not to the worker that left.
    main.exit(ExitCause::Normal);
    second.joinAll();
    QCOMPARE(secondGotCpu.load(), 1);

    run->collect();
    QVERIFY(!hasEvent(run->byWorker[1], EventKind::Running));
    QCOMPARE(run->byWorker[1].back().kind, EventKind::Terminated);
    QCOMPARE(ExitCause(run->byWorker[1].back().reason), ExitCause::DaemonEnded);
    QCOMPARE(runningOrder(run->timeOrdered()), (std::vector<std::uint32_t>{0, 2}));
}

void TestCpuGate::stopEndsEveryWaitForACpu()
{
    std::string error;
    auto run = RunFixture::create(4, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    WorkerContext main(*run->arena, *run->gate, *run->table, 0);
    QVERIFY(main.compute(0));

    std::atomic<int> gotCpu{0};
    ThreadGroup threads(*run->arena);
    for (std::uint32_t w = 1; w <= 3; ++w) {
        threads.start([&, w] {
            WorkerContext worker(*run->arena, *run->gate, *run->table, w);
            if (worker.compute(0))
                ++gotCpu;
            worker.exit(worker.stopCause());
        });
    }
    for (std::uint32_t w = 1; w <= 3; ++w)
        QTRY_VERIFY_WITH_TIMEOUT((run->collect(), hasEvent(run->byWorker[w], EventKind::Ready)),
                                 10000);
    run->arena->header().stop.store(1, std::memory_order_release); // "stopped by the user"
    threads.joinAll();
    QCOMPARE(gotCpu.load(), 0);
    main.exit(ExitCause::Stopped);
    run->collect();
    for (std::uint32_t w = 1; w <= 3; ++w) {
        QVERIFY(!hasEvent(run->byWorker[w], EventKind::Running));
        QCOMPARE(ExitCause(run->byWorker[w].back().reason), ExitCause::Stopped);
    }
}

QTEST_APPLESS_MAIN(TestCpuGate)
#include "tst_cpugate.moc"
