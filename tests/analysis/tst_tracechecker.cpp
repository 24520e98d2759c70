#include "analysis/TraceChecker.h"

#include <QTest>
#include <algorithm>
#include <set>

using namespace conlab;

namespace {

constexpr std::uint64_t kStart = 1000000;
constexpr std::uint32_t kQueue = 1;
constexpr std::uint32_t kLock = 2;
constexpr std::uint32_t kSemaphore = 3;

// Hand-made traces: three workers created at the start, a queue of two, a lock and a
// semaphore of one declared in the header; times are offsets from the trace start.
class TraceBuilder
{
public:
    explicit TraceBuilder(std::uint32_t cpus = 1)
    {
        m_trace.meta.scenario = "hand-made";
        m_trace.meta.cpus = cpus;
        m_trace.meta.startNs = kStart;
        m_trace.meta.workers = {
            {0, "main", "main"}, {1, "producer", "producer-1"}, {2, "consumer", "consumer-1"}};
        m_trace.meta.objects = {{kQueue, "queue", 2, "queue"},
                                {kLock, "lock", 0, "lock"},
                                {kSemaphore, "semaphore", 1, "semaphore"}};
        for (const auto &worker : m_trace.meta.workers)
            add(0, worker.id, EventKind::WorkerNew);
    }

    TraceBuilder &add(std::uint64_t at, std::uint32_t worker, EventKind kind,
                      std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                      std::int64_t arg = 0)
    {
        m_trace.events.push_back({kStart + at, worker, kind, reason, object, value, arg});
        return *this;
    }
    TraceBuilder &ready(std::uint64_t at, std::uint32_t w) { return add(at, w, EventKind::Ready); }
    TraceBuilder &running(std::uint64_t at, std::uint32_t w, std::uint32_t cpu = 0)
    {
        return add(at, w, EventKind::Running, 0, 0, cpu);
    }
    TraceBuilder &blocked(std::uint64_t at, std::uint32_t w, BlockReason reason,
                          std::uint32_t object)
    {
        return add(at, w, EventKind::Blocked, std::uint16_t(reason), object);
    }
    TraceBuilder &terminated(std::uint64_t at, std::uint32_t w, ExitCause cause = ExitCause::Normal)
    {
        return add(at, w, EventKind::Terminated, std::uint16_t(cause));
    }
    TraceBuilder &put(std::uint64_t at, std::uint32_t w, std::int64_t item, std::uint32_t depth)
    {
        return add(at, w, EventKind::QueuePut, 0, kQueue, depth, item);
    }
    TraceBuilder &get(std::uint64_t at, std::uint32_t w, std::int64_t item, std::uint32_t depth)
    {
        return add(at, w, EventKind::QueueGet, 0, kQueue, depth, item);
    }
    TraceBuilder &lock(std::uint64_t at, std::uint32_t w, std::uint32_t depth = 1)
    {
        return add(at, w, EventKind::LockAcquired, 0, kLock, depth);
    }
    TraceBuilder &unlock(std::uint64_t at, std::uint32_t w, std::uint32_t depth = 0)
    {
        return add(at, w, EventKind::LockReleased, 0, kLock, depth);
    }

    Trace &trace() { return m_trace; }

private:
    Trace m_trace;
};

// A faithful producer/consumer run on one CPU: main joins the producer, the producer fills
// the queue and blocks, the consumer drains it and blocks, a sentinel ends it. Every rule is
// exercised and none is broken.
TraceBuilder goodRun()
{
    TraceBuilder b(1);
    b.blocked(5, 0, BlockReason::Join, 1);
    b.ready(10, 1).running(20, 1);
    b.lock(25, 1).lock(26, 1, 2).unlock(27, 1, 1).unlock(28, 1, 0); // reentrant, one owner
    b.put(30, 1, 100, 1).put(35, 1, 101, 2);
    b.ready(40, 2); // the consumer waits for the only CPU
    b.blocked(50, 1, BlockReason::QueueFull, kQueue);
    b.running(50, 2); // the CPU is handed over at the same instant
    b.get(60, 2, 100, 1);
    b.put(61, 1, 102, 2); // the blocked put completes
    b.ready(62, 1);
    b.get(70, 2, 101, 1).get(80, 2, 102, 0);
    b.add(82, 2, EventKind::SemAcquired, 0, kSemaphore, 1);
    b.add(84, 2, EventKind::SemReleased, 0, kSemaphore, 0);
    b.blocked(90, 2, BlockReason::QueueEmpty, kQueue);
    b.running(91, 1);
    b.put(100, 1, kSentinelItem, 1);
    b.get(101, 2, kSentinelItem, 0); // ends the consumer's block
    b.terminated(110, 1);
    b.ready(111, 2).running(112, 2).terminated(120, 2);
    b.ready(115, 0).running(121, 0).terminated(130, 0); // the join ended at 110
    return b;
}

std::set<std::string> rulesOf(const std::vector<TraceChecker::Violation> &violations)
{
    std::set<std::string> rules;
    for (const auto &v : violations)
        rules.insert(v.rule);
    return rules;
}

std::string describe(const std::vector<TraceChecker::Violation> &violations)
{
    std::string text;
    for (const auto &v : violations)
        text += "\n  " + v.rule + " at " + std::to_string(v.timeNs) + ": " + v.message;
    return text.empty() ? "no violations" : text;
}

std::vector<TraceChecker::Violation> check(const Trace &trace, bool completed = true)
{
    TraceChecker::Options options;
    options.runCompleted = completed;
    return TraceChecker::check(trace, options);
}

// The trace must break `rule` and nothing else.
void expectOnly(const Trace &trace, const std::string &rule, bool completed = true)
{
    const auto violations = check(trace, completed);
    const std::string text = "expected only " + rule + ", got" + describe(violations);
    QVERIFY2(!violations.empty(), text.c_str());
    QVERIFY2(rulesOf(violations) == std::set<std::string>{rule}, text.c_str());
}

} // namespace

// The invariants every recording must keep, checked against hand-made good and bad traces.
class TestTraceChecker : public QObject
{
    Q_OBJECT

private slots:
    void goodRunPasses();
    void goodRunPassesInAnyWorkerInterleaving();
    void twoRunningOnOneCpu();
    void twoCpusAllowTwoRunning();
    void queueDepthAboveCapacity();
    void queueDepthThatDoesNotAddUp();
    void queueNotDeclared();
    void eventsOutOfTimeOrderForAWorker();
    void blockedIntervalEndedWithoutItsCause();
    void blockedOnJoinEndedBeforeTheJoinedWorker();
    void blockedIntervalEndedByAStopIsFine();
    void sampledWatchTracesHaveNoCauseEvents();
    void itemConsumedTwice();
    void itemNeverConsumedWhenTheRunCompleted();
    void unconsumedItemIsFineWhenTheRunWasCutShort();
    void twoOwnersOfOneLock();
    void runningWithoutReady();
    void eventAfterTermination();
    void semaphoreAboveItsLimit();
    void getsFollowTheQueuesOrder();
    void getOutOfOrderForTheDiscipline_data();
    void getOutOfOrderForTheDiscipline();
    void workerRunningTwoTasksAtOnce();
    void coroutinesTakeTurnsOnTheirThread();
    void twoCoroutinesRunningOnOneThread();
    void everyListedRuleIsReachable();
    void violationsAreCappedAndTimedFromTheStart();
    void summarySaysCompleted();
    void violationsOnWorkersThatLostEventsSaySo();
};

void TestTraceChecker::goodRunPasses()
{
    const auto violations = check(goodRun().trace());
    QVERIFY2(violations.empty(), describe(violations).c_str());
}

void TestTraceChecker::goodRunPassesInAnyWorkerInterleaving()
{
    // The runner merges rings by time, but a file may interleave workers differently: the
    // checker must only rely on each worker's own order.
    Trace trace = goodRun().trace();
    std::stable_sort(trace.events.begin(), trace.events.end(),
                     [](const Event &a, const Event &b) { return a.worker > b.worker; });
    const auto violations = check(trace);
    QVERIFY2(violations.empty(), describe(violations).c_str());
}

void TestTraceChecker::twoRunningOnOneCpu()
{
    TraceBuilder b(1);
    b.ready(10, 1).running(20, 1);
    b.ready(15, 2).running(25, 2); // while worker 1 still runs
    b.terminated(30, 1).terminated(40, 2);
    expectOnly(b.trace(), "max-running");
}

void TestTraceChecker::twoCpusAllowTwoRunning()
{
    TraceBuilder b(2);
    b.ready(10, 1).running(20, 1, 0);
    b.ready(15, 2).running(25, 2, 1);
    b.terminated(30, 1).terminated(40, 2);
    QVERIFY2(check(b.trace()).empty(), describe(check(b.trace())).c_str());
    b.ready(26, 0).running(27, 0, 1); // a third one
    b.terminated(50, 0);
    expectOnly(b.trace(), "max-running");
}

void TestTraceChecker::queueDepthAboveCapacity()
{
    TraceBuilder b;
    b.put(10, 1, 1, 1).put(20, 1, 2, 2).put(30, 1, 3, 3); // capacity is 2
    b.get(40, 2, 1, 2).get(50, 2, 2, 1).get(60, 2, 3, 0);
    expectOnly(b.trace(), "queue-depth");
}

void TestTraceChecker::queueDepthThatDoesNotAddUp()
{
    TraceBuilder b;
    b.put(10, 1, 1, 1).put(20, 1, 2, 1); // a put that left the depth unchanged
    b.get(30, 2, 1, 0).get(40, 2, 2, 0);
    expectOnly(b.trace(), "queue-depth");
}

void TestTraceChecker::queueNotDeclared()
{
    TraceBuilder b;
    b.add(10, 1, EventKind::QueuePut, 0, 42, 1, 7).add(20, 2, EventKind::QueueGet, 0, 42, 0, 7);
    expectOnly(b.trace(), "queue-depth");
}

void TestTraceChecker::eventsOutOfTimeOrderForAWorker()
{
    TraceBuilder b;
    b.ready(10, 1).running(20, 1);
    b.add(15, 1, EventKind::CellRead, 0, 9); // stamped before the event recorded before it
    b.terminated(30, 1);
    expectOnly(b.trace(), "time-order");
}

void TestTraceChecker::blockedIntervalEndedWithoutItsCause()
{
    {
        // Waiting for an item, then ready again without having got one.
        TraceBuilder b;
        b.blocked(10, 2, BlockReason::QueueEmpty, kQueue).ready(20, 2);
        expectOnly(b.trace(), "blocked-cause");
    }
    {
        // Waiting for the lock, but the acquisition that followed was of another lock.
        TraceBuilder b;
        b.blocked(10, 1, BlockReason::Lock, kLock);
        b.add(20, 1, EventKind::LockAcquired, 0, kLock + 10, 1);
        b.ready(30, 1);
        expectOnly(b.trace(), "blocked-cause");
    }
    {
        // Waiting for room in the queue; somebody else's put is no cause for this one.
        TraceBuilder b;
        b.put(5, 2, 1, 1).put(6, 2, 2, 2);
        b.blocked(10, 1, BlockReason::QueueFull, kQueue);
        b.get(20, 2, 1, 1).put(21, 2, 3, 2);
        b.ready(30, 1);
        expectOnly(b.trace(), "blocked-cause", false);
    }
}

void TestTraceChecker::blockedOnJoinEndedBeforeTheJoinedWorker()
{
    TraceBuilder b;
    b.blocked(10, 0, BlockReason::Join, 1);
    b.ready(20, 0); // worker 1 ends only at 30
    b.ready(25, 1).running(26, 1).terminated(30, 1);
    expectOnly(b.trace(), "blocked-cause");
}

void TestTraceChecker::blockedIntervalEndedByAStopIsFine()
{
    TraceBuilder b;
    b.blocked(10, 2, BlockReason::QueueEmpty, kQueue).terminated(20, 2, ExitCause::Stopped);
    b.blocked(10, 1, BlockReason::Sleep, 0).ready(15, 1); // a sleep ends by time alone
    b.terminated(16, 1);
    const auto violations = check(b.trace(), false);
    QVERIFY2(violations.empty(), describe(violations).c_str());
}

void TestTraceChecker::sampledWatchTracesHaveNoCauseEvents()
{
    // A watched program's waits are read from outside: nothing records what ended them.
    for (const char *scenario : {"exec", "attach"}) {
        TraceBuilder b;
        b.blocked(10, 1, BlockReason::Lock, 0).ready(20, 1).running(20, 1);
        b.blocked(30, 1, BlockReason::PipeEmpty, 0).ready(40, 1).terminated(50, 1);
        Trace trace = b.trace();
        trace.meta.scenario = scenario;
        trace.meta.sampleNs = 2'000'000;
        const auto violations = check(trace, false);
        QVERIFY2(violations.empty(), describe(violations).c_str());
    }
    // Sampling alone is no excuse: a scenario run with sampled lanes keeps the rule.
    TraceBuilder b;
    b.blocked(10, 1, BlockReason::Lock, kLock).ready(20, 1);
    Trace trace = b.trace();
    trace.meta.sampleNs = 2'000'000;
    expectOnly(trace, "blocked-cause", false);
}

void TestTraceChecker::itemConsumedTwice()
{
    TraceBuilder b;
    b.put(10, 1, 7, 1).put(11, 1, 8, 2);
    b.get(20, 2, 7, 1).get(21, 2, 7, 0); // 7 twice, so 8 never
    const auto violations = check(b.trace());
    expectOnly(b.trace(), "consumed-once");
    QCOMPARE(violations.size(), std::size_t(2));
    const std::string text = describe(violations);
    QVERIFY2(text.find("item 7 was consumed more often") != std::string::npos, text.c_str());
    QVERIFY2(text.find("item 8 was produced but never consumed") != std::string::npos,
             text.c_str());
}

void TestTraceChecker::itemNeverConsumedWhenTheRunCompleted()
{
    TraceBuilder b;
    b.put(10, 1, 7, 1).put(11, 1, 8, 2);
    b.get(20, 2, 7, 1);
    expectOnly(b.trace(), "consumed-once");
    QCOMPARE(check(b.trace()).size(), std::size_t(1));
}

void TestTraceChecker::unconsumedItemIsFineWhenTheRunWasCutShort()
{
    TraceBuilder b;
    b.put(10, 1, 7, 1).put(11, 1, 8, 2);
    b.get(20, 2, 7, 1);
    // Sentinels are not items: one left in the queue is no lost work either.
    b.get(21, 2, 8, 0).put(22, 1, kSentinelItem + 1, 1);
    QVERIFY(check(b.trace(), true).empty());
    b.trace().events.pop_back();
    b.trace().events.pop_back();
    QVERIFY(check(b.trace(), false).empty());
}

void TestTraceChecker::twoOwnersOfOneLock()
{
    TraceBuilder b;
    b.lock(10, 1);
    b.lock(20, 2); // worker 1 has not released it
    b.unlock(30, 1).unlock(40, 2);
    expectOnly(b.trace(), "lock-owner");
    // Handed over within one nanosecond it is fine, whichever of the two a file lists first.
    TraceBuilder ok;
    ok.lock(10, 1).lock(20, 2).unlock(20, 1).unlock(30, 2);
    QVERIFY2(check(ok.trace()).empty(), describe(check(ok.trace())).c_str());
}

void TestTraceChecker::runningWithoutReady()
{
    TraceBuilder b;
    b.running(10, 1).terminated(20, 1);
    expectOnly(b.trace(), "state-sequence");
}

void TestTraceChecker::eventAfterTermination()
{
    TraceBuilder b;
    b.terminated(10, 1).add(20, 1, EventKind::CellWritten, 0, 9, 0, 5);
    expectOnly(b.trace(), "after-termination");
}

void TestTraceChecker::semaphoreAboveItsLimit()
{
    TraceBuilder b;
    b.add(10, 1, EventKind::SemAcquired, 0, kSemaphore, 1);
    b.add(20, 2, EventKind::SemAcquired, 0, kSemaphore, 2); // its limit is 1
    expectOnly(b.trace(), "semaphore-limit");
}

void TestTraceChecker::everyListedRuleIsReachable()
{
    // The rules the tests above break are the rules the checker lists: none is missing from
    // the list and none on the list is untested.
    const auto listed = TraceChecker::rules();
    const std::set<std::string> tested = {"time-order",    "state-sequence", "after-termination",
                                          "max-running",   "queue-depth",    "blocked-cause",
                                          "consumed-once", "lock-owner",     "semaphore-limit",
                                          "queue-order",   "task-overlap",   "one-coroutine"};
    QCOMPARE(std::set<std::string>(listed.begin(), listed.end()), tested);
    QCOMPARE(listed.size(), tested.size());
}

void TestTraceChecker::getsFollowTheQueuesOrder()
{
    // Items 1 and 2 queued, then taken: oldest first with no order given (FIFO), newest first
    // under order=lifo, lowest priority number first under order=priority.
    const std::int64_t low = std::int64_t(1) << 40; // priority 1
    const std::int64_t high = std::int64_t(5) << 40;
    const struct
    {
        const char *order;
        std::int64_t first, second, takenFirst;
    } cases[] = {{"", 1, 2, 1}, {"lifo", 1, 2, 2}, {"priority", high + 1, low + 2, low + 2}};
    for (const auto &c : cases) {
        TraceBuilder b;
        if (*c.order)
            b.trace().meta.params = {{"order", c.order}};
        const std::int64_t other = c.takenFirst == c.first ? c.second : c.first;
        b.put(10, 1, c.first, 1).put(11, 1, c.second, 2);
        b.get(20, 2, c.takenFirst, 1).get(21, 2, other, 0);
        QVERIFY2(check(b.trace()).empty(), (c.order + describe(check(b.trace()))).c_str());
    }
}

void TestTraceChecker::getOutOfOrderForTheDiscipline_data()
{
    QTest::addColumn<QString>("order");
    QTest::newRow("fifo") << "fifo";
    QTest::newRow("lifo") << "lifo";
}

void TestTraceChecker::getOutOfOrderForTheDiscipline()
{
    QFETCH(QString, order);
    TraceBuilder b;
    b.trace().meta.params = {{"order", order.toStdString()}};
    b.put(10, 1, 1, 1).put(11, 1, 2, 2);
    // The other discipline's choice.
    const std::int64_t wrong = order == QStringLiteral("fifo") ? 2 : 1;
    b.get(20, 2, wrong, 1).get(21, 2, 3 - wrong, 0);
    expectOnly(b.trace(), "queue-order");
}

void TestTraceChecker::workerRunningTwoTasksAtOnce()
{
    TraceBuilder b;
    b.add(10, 1, EventKind::TaskBegin, 0, 1).add(20, 1, EventKind::TaskEnd, 0, 1);
    b.add(30, 1, EventKind::TaskBegin, 0, 2).add(40, 1, EventKind::TaskBegin, 0, 3);
    expectOnly(b.trace(), "task-overlap");
}

namespace {
// Workers 1 and 2 as coroutines on main's thread, handing it to each other.
TraceBuilder coroutineTurns()
{
    TraceBuilder b(0);
    for (std::uint32_t w : {1u, 2u}) {
        b.trace().meta.workers[w].role = "coroutine";
        b.trace().meta.workers[w].parent = 0;
    }
    b.ready(5, 0).running(5, 0);
    b.ready(10, 1).running(10, 1).ready(10, 2);
    b.blocked(20, 1, BlockReason::Switch, 2).running(20, 2);
    b.blocked(30, 2, BlockReason::Switch, 1).ready(30, 1).running(30, 1);
    b.terminated(40, 1).ready(40, 2).running(40, 2).terminated(50, 2).terminated(60, 0);
    return b;
}
} // namespace

void TestTraceChecker::coroutinesTakeTurnsOnTheirThread()
{
    const auto violations = check(coroutineTurns().trace());
    QVERIFY2(violations.empty(), describe(violations).c_str());
}

void TestTraceChecker::twoCoroutinesRunningOnOneThread()
{
    TraceBuilder b(0);
    for (std::uint32_t w : {1u, 2u}) {
        b.trace().meta.workers[w].role = "coroutine";
        b.trace().meta.workers[w].parent = 0;
    }
    b.ready(5, 0).running(5, 0);
    b.ready(10, 1).running(10, 1);
    b.ready(15, 2).running(15, 2); // while coroutine 1 still runs on the same thread
    b.terminated(40, 1).terminated(50, 2).terminated(60, 0);
    expectOnly(b.trace(), "one-coroutine");
}

void TestTraceChecker::violationsAreCappedAndTimedFromTheStart()
{
    TraceBuilder b;
    for (std::uint32_t i = 1; i <= 20; ++i)
        b.put(100 * i, 1, i, 2 + i); // every put above capacity
    TraceChecker::Options options;
    options.maxViolations = 3;
    const auto violations = TraceChecker::check(b.trace(), options);
    QCOMPARE(violations.size(), std::size_t(3));
    QCOMPARE(violations[0].rule, std::string("queue-depth"));
    QCOMPARE(violations[0].timeNs, std::uint64_t(100));
    QVERIFY(!violations[0].message.empty());
}

void TestTraceChecker::summarySaysCompleted()
{
    QVERIFY(TraceChecker::summarySaysCompleted(R"({"outcome":"completed","events":12})"));
    QVERIFY(!TraceChecker::summarySaysCompleted(R"({"outcome":"stopped"})"));
    QVERIFY(!TraceChecker::summarySaysCompleted(""));
}

// A violation resting on a worker that lost events names the loss, as it may be its doing; one
// on a worker that lost none stays as it was. Losses no worker is named for concern them all.
void TestTraceChecker::violationsOnWorkersThatLostEventsSaySo()
{
    TraceBuilder b;
    b.running(10, 1).terminated(20, 1); // producer-1, which lost events
    b.running(30, 2).terminated(40, 2); // consumer-1, which lost none
    b.trace().droppedEvents = 12;
    b.trace().droppedByWorker = {{1, 12}};
    const auto violations = check(b.trace());
    QCOMPARE(violations.size(), std::size_t(2));
    QCOMPARE(violations[0].message, std::string("producer-1: running without being ready first "
                                                "(producer-1 lost 12 events: this may come "
                                                "from them)"));
    QCOMPARE(violations[1].message, std::string("consumer-1: running without being ready first"));

    // A queue's violation rests on the workers seen using it.
    TraceBuilder queue;
    queue.put(10, 1, 7, 1).get(20, 2, 7, 3);
    queue.trace().droppedEvents = 12;
    queue.trace().droppedByWorker = {{1, 12}};
    const auto onQueue = check(queue.trace());
    QVERIFY(!onQueue.empty());
    for (const auto &v : onQueue) {
        QCOMPARE(v.rule, std::string("queue-depth"));
        QVERIFY2(v.message.find("(producer-1 lost 12 events: this may come from them)") !=
                     std::string::npos,
                 v.message.c_str());
    }

    // One more lost where no worker can be named (the runner's own ring): every violation
    // may come from it.
    b.trace().droppedEvents = 13;
    const auto unnamed = check(b.trace());
    QCOMPARE(unnamed.size(), std::size_t(2));
    QVERIFY2(unnamed[0].message.find("(producer-1 lost 12 events, 1 more was lost: this may "
                                     "come from them)") != std::string::npos,
             unnamed[0].message.c_str());
    QVERIFY2(unnamed[1].message.find("(1 event was lost: this may come from them)") !=
                 std::string::npos,
             unnamed[1].message.c_str());
}

QTEST_APPLESS_MAIN(TestTraceChecker)
#include "tst_tracechecker.moc"
