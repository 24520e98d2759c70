#include "analysis/LockTimeline.h"
#include "analysis/StateTimeline.h"
#include "analysis/StateTransitions.h"
#include "analysis/WakeupLinks.h"

#include <QTest>

using namespace conlab;

// Lock lanes, wake-up links and transition counts on hand-made histories: two workers and
// one lock, where worker 2 waits while worker 1 holds it.
class LockAnalysisTest : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint64_t kStart = 1000;
    static constexpr std::uint32_t kLock = 7;

    static Event at(std::uint64_t t, std::uint32_t worker, EventKind kind, std::uint16_t reason = 0,
                    std::uint32_t object = 0, std::uint32_t value = 0)
    {
        return {kStart + t, worker, kind, reason, object, value};
    }

    static TraceMeta meta()
    {
        TraceMeta m;
        m.scenario = "two-locks";
        m.startNs = kStart;
        m.workers = {{0, "main", "main"}, {1, "worker", "worker-1"}, {2, "worker", "worker-2"}};
        m.objects = {{kLock, "lock", 1, "lock A"}};
        return m;
    }

    // Worker 1 takes the lock at 10 and releases it at 50; worker 2 blocks on it at 20, wakes
    // at 52 and holds it until 70. Listed out of time order on purpose: lanes sort them.
    static std::vector<Event> history()
    {
        const auto lock = std::uint16_t(BlockReason::Lock);
        return {
            at(0, 1, EventKind::WorkerNew),
            at(0, 2, EventKind::WorkerNew),
            at(5, 1, EventKind::Running),
            at(10, 1, EventKind::LockAcquired, 0, kLock, 1),
            at(15, 1, EventKind::Ready),
            at(15, 2, EventKind::Running),
            at(20, 2, EventKind::Blocked, lock, kLock),
            at(21, 1, EventKind::Running),
            at(50, 1, EventKind::LockReleased, 0, kLock, 0),
            at(52, 2, EventKind::Ready),
            at(55, 1, EventKind::Terminated),
            at(56, 2, EventKind::Running),
            at(56, 2, EventKind::LockAcquired, 0, kLock, 1),
            at(60, 2, EventKind::LockAcquired, 0, kLock, 2), // reentrant: same hold
            at(65, 2, EventKind::LockReleased, 0, kLock, 1),
            at(70, 2, EventKind::LockReleased, 0, kLock, 0),
            at(80, 2, EventKind::Terminated),
        };
    }

    static StateTimeline states(const std::vector<Event> &events)
    {
        StateTimeline timeline;
        timeline.reset(meta());
        // Per worker in time order, as the timeline requires.
        for (std::uint32_t worker : {0u, 1u, 2u})
            for (const Event &e : events)
                if (e.worker == worker)
                    timeline.append(&e, 1);
        timeline.extendOpenTo(kStart + 80);
        return timeline;
    }

private slots:
    void holdsAndContention()
    {
        auto events = history();
        std::swap(events[3], events[8]); // the release arrives before the acquire
        const StateTimeline timeline = states(events);
        const LockTimeline locks = LockTimeline::build(meta(), events, timeline, kStart + 80);
        QCOMPARE(locks.lanes().size(), std::size_t(1));
        const auto &holds = locks.lanes()[0].holds;
        QCOMPARE(holds.size(), std::size_t(2));
        QCOMPARE(holds[0].owner, 1u);
        QCOMPARE(holds[0].startNs, kStart + 10);
        QCOMPARE(holds[0].endNs, kStart + 50);
        QVERIFY(holds[0].contended);
        QCOMPARE(holds[1].owner, 2u);
        QCOMPARE(holds[1].maxDepth, 2u);
        QCOMPARE(holds[1].endNs, kStart + 70);
        QVERIFY(!holds[1].contended);
        QCOMPARE(locks.holdAt(0, kStart + 30)->owner, 1u);
        QVERIFY(!locks.holdAt(0, kStart + 53));
        QCOMPARE(LockTimeline::waitersAt(timeline, kLock, kStart + 30),
                 std::vector<std::uint32_t>{2});
        QVERIFY(LockTimeline::waitersAt(timeline, kLock, kStart + 60).empty());
    }

    void reentrantHoldKeepsEachDepth()
    {
        // Worker 1 takes the lock at 10, again at 20 and 30, and lets go one level at 40, 45
        // and 50: one hold, with the depth's every change.
        std::vector<Event> events{at(0, 1, EventKind::Running)};
        for (const auto &[t, depth] : {std::pair{10, 1}, {20, 2}, {30, 3}})
            events.push_back(at(t, 1, EventKind::LockAcquired, 0, kLock, depth));
        for (const auto &[t, depth] : {std::pair{40, 2}, {45, 1}, {50, 0}})
            events.push_back(at(t, 1, EventKind::LockReleased, 0, kLock, depth));
        const LockTimeline locks = LockTimeline::build(meta(), events, states(events), kStart + 80);
        QCOMPARE(locks.lanes()[0].holds.size(), std::size_t(1));
        const LockTimeline::Hold &hold = locks.lanes()[0].holds[0];
        QCOMPARE(hold.maxDepth, 3u);
        QCOMPARE(hold.endNs, kStart + 50);
        const std::vector<std::pair<std::uint64_t, std::uint32_t>> steps{
            {kStart + 20, 2}, {kStart + 30, 3}, {kStart + 40, 2}, {kStart + 45, 1}};
        std::vector<std::pair<std::uint64_t, std::uint32_t>> recorded;
        for (const LockTimeline::DepthStep &step : locks.lanes()[0].stepsOf(0))
            recorded.emplace_back(step.timeNs, step.depth);
        QCOMPARE(recorded, steps);
    }

    void openHoldEndsAtTheLiveEdge()
    {
        std::vector<Event> events = history();
        events.resize(5); // worker 1 holds the lock and nothing else happened yet
        const LockTimeline locks = LockTimeline::build(meta(), events, states(events), kStart + 40);
        QVERIFY(locks.lanes()[0].holds[0].open);
        QCOMPARE(locks.lanes()[0].holds[0].endNs, kStart + 40);
    }

    void wakeupLinksPointFromTheReleaseToTheWaiter()
    {
        const auto links = WakeupLinks::build(history());
        QCOMPARE(links.size(), std::size_t(1));
        QCOMPARE(links[0].waker, 1u);
        QCOMPARE(links[0].wakerNs, kStart + 50);
        QCOMPARE(links[0].wakee, 2u);
        QCOMPARE(links[0].wakeNs, kStart + 52);
        QCOMPARE(links[0].object, kLock);
    }

    void aTimedOutWaitHasNoLink()
    {
        auto events = history();
        // Worker 2 gives up at 40, before the release at 50: nobody woke it.
        for (Event &e : events)
            if (e.worker == 2 && e.kind == EventKind::Ready)
                e.timeNs = kStart + 40;
        QVERIFY(WakeupLinks::build(events).empty());
    }

    void transitionsAreCounted()
    {
        const StateTimeline timeline = states(history());
        const StateTransitions all = StateTransitions::count(timeline, kStart + 80);
        QCOMPARE(all.count(WorkerState::New, WorkerState::Running), 2u);
        QCOMPARE(all.count(WorkerState::Running, WorkerState::Ready), 1u);
        QCOMPARE(all.count(WorkerState::Running, WorkerState::Blocked), 1u);
        QCOMPARE(all.count(WorkerState::Blocked, WorkerState::Ready), 1u);
        QCOMPARE(all.count(WorkerState::Running, WorkerState::Terminated), 2u);
        QCOMPARE(all.lastNs(WorkerState::Blocked, WorkerState::Ready), kStart + 52);
        QCOMPARE(all.occupancy(WorkerState::Terminated), 2u);
        const StateTransitions early = StateTransitions::count(timeline, kStart + 30);
        QCOMPARE(early.count(WorkerState::Blocked, WorkerState::Ready), 0u);
        QCOMPARE(early.occupancy(WorkerState::Blocked), 1u);
    }
};

QTEST_APPLESS_MAIN(LockAnalysisTest)
#include "tst_lockanalysis.moc"
