#include "RunFixture.h"
#include "runtime/BoundedQueue.h"
#include "runtime/WorkerContext.h"

#include <QTest>
#include <atomic>
#include <map>

using namespace conlab;
using namespace conlab::test;

namespace {

constexpr std::uint32_t kQueueId = 1;
// Item ids encode their producer, so FIFO order can be checked per producer.
constexpr std::int64_t kItemStride = 1000000;

bool hasEvent(const std::vector<Event> &events, EventKind kind, BlockReason reason)
{
    for (const Event &e : events)
        if (e.kind == kind && (kind != EventKind::Blocked || BlockReason(e.reason) == reason))
            return true;
    return false;
}

std::vector<Event> ofKinds(const std::vector<Event> &events, std::initializer_list<EventKind> kinds)
{
    std::vector<Event> out;
    for (const Event &e : events)
        if (std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end())
            out.push_back(e);
    return out;
}

} // namespace

// The shared bounded queue with real threads: blocking, waking, depth accounting, stop, join.
class TestBoundedQueue : public QObject
{
    Q_OBJECT

private slots:
    void manyProducersAndConsumersOnATinyQueue();
    void blockedPutResumesAfterAGet();
    void stopEndsABlockedGet();
    void joinReturnsOnceEveryItemIsDone();
};

void TestBoundedQueue::manyProducersAndConsumersOnATinyQueue()
{
    constexpr std::uint32_t kProducers = 4;
    constexpr std::uint32_t kConsumers = 4;
    constexpr std::uint32_t kCapacity = 2;
    constexpr std::int64_t kPerProducer = 2500;
    constexpr std::uint32_t kWorkers = 1 + kProducers + kConsumers; // main is worker 0
    std::string error;
    // At most two events per item per worker (a block and the operation): 32768 always fits.
    auto run = RunFixture::create(kWorkers, 1, 32768, &error);
    QVERIFY2(run, error.c_str());
    auto *queue = run->arena->make<BoundedQueue>(kQueueId, kCapacity);
    QVERIFY(queue);

    std::atomic<int> failures{0};
    std::vector<std::vector<std::int64_t>> consumed(kConsumers);
    std::vector<int> sentinelsSeen(kConsumers, 0);
    ThreadGroup consumers(*run->arena);
    ThreadGroup producers(*run->arena);
    for (std::uint32_t p = 1; p <= kProducers; ++p) {
        producers.start([&, p] {
            WorkerContext worker(*run->arena, *run->gate, *run->table, p);
            worker.started();
            // A start line, so that all eight contend from the first item on.
            bool ok = worker.waitForStart(kWorkers);
            for (std::int64_t i = 0; ok && i < kPerProducer; ++i)
                ok = queue->put(worker, p * kItemStride + i) == BoundedQueue::Result::Ok;
            if (!ok)
                ++failures;
            worker.exit(ok ? ExitCause::Normal : ExitCause::Stopped);
        });
    }
    for (std::uint32_t c = 0; c < kConsumers; ++c) {
        consumers.start([&, c] {
            WorkerContext worker(*run->arena, *run->gate, *run->table, 1 + kProducers + c);
            worker.started();
            bool ok = worker.waitForStart(kWorkers);
            while (ok) {
                std::int64_t item = 0;
                ok = queue->get(worker, item) == BoundedQueue::Result::Ok;
                if (ok && item >= kSentinelItem) {
                    ++sentinelsSeen[c];
                    break;
                }
                if (ok)
                    consumed[c].push_back(item);
            }
            if (!ok)
                ++failures;
            worker.exit(ok ? ExitCause::Normal : ExitCause::Stopped);
        });
    }
    // The test thread is main: it joins the producers, then sends one sentinel per consumer.
    WorkerContext main(*run->arena, *run->gate, *run->table, 0);
    main.started();
    QVERIFY(main.waitForStart(kWorkers));
    producers.joinAll();
    for (std::uint32_t c = 0; c < kConsumers; ++c)
        QCOMPARE(queue->put(main, kSentinelItem + c), BoundedQueue::Result::Ok);
    consumers.joinAll();
    main.exit(ExitCause::Normal);
    QCOMPARE(failures.load(), 0);
    QCOMPARE(queue->depth(), 0u);

    // What the consumers got: every item exactly once, one sentinel each.
    std::vector<std::int64_t> all;
    for (std::uint32_t c = 0; c < kConsumers; ++c) {
        QCOMPARE(sentinelsSeen[c], 1);
        all.insert(all.end(), consumed[c].begin(), consumed[c].end());
    }
    std::sort(all.begin(), all.end());
    std::vector<std::int64_t> expected;
    for (std::uint32_t p = 1; p <= kProducers; ++p)
        for (std::int64_t i = 0; i < kPerProducer; ++i)
            expected.push_back(p * kItemStride + i);
    QCOMPARE(all.size(), expected.size());
    const auto mismatch = std::mismatch(all.begin(), all.end(), expected.begin());
    QVERIFY2(mismatch.first == all.end(),
             qPrintable(QStringLiteral("got item %1 where %2 was expected")
                            .arg(*mismatch.first)
                            .arg(*mismatch.second)));

    // What the recording says.
    run->collect();
    QCOMPARE(run->dropped(), std::uint64_t(0));
    std::map<std::int64_t, int> puts, gets;
    std::uint64_t blocks = 0;
    for (std::uint32_t w = 0; w < kWorkers; ++w) {
        const auto &events = run->byWorker[w];
        QVERIFY(!events.empty());
        QCOMPARE(events.front().kind, EventKind::WorkerStarted);
        QCOMPARE(events.back().kind, EventKind::Terminated);
        QCOMPARE(ExitCause(events.back().reason), ExitCause::Normal);
        for (std::size_t i = 0; i < events.size(); ++i) {
            const Event &e = events[i];
            QCOMPARE(e.worker, w);
            if (e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet) {
                QCOMPARE(e.object, kQueueId);
                QVERIFY2(e.value <= kCapacity, qPrintable(QString::number(e.value)));
                if (e.kind == EventKind::QueuePut)
                    QVERIFY(e.value >= 1 && ++puts[e.arg] == 1);
                else
                    QVERIFY(++gets[e.arg] == 1);
            }
            if (e.kind == EventKind::Blocked) {
                ++blocks;
                // A block is ended by the operation it waited for, before anything else.
                QVERIFY(i + 1 < events.size());
                const BlockReason reason = BlockReason(e.reason);
                QVERIFY(reason == BlockReason::QueueFull || reason == BlockReason::QueueEmpty);
                QCOMPARE(events[i + 1].kind, reason == BlockReason::QueueFull
                                                 ? EventKind::QueuePut
                                                 : EventKind::QueueGet);
            }
        }
    }
    QCOMPARE(puts.size(), std::size_t(kProducers * kPerProducer + kConsumers));
    QVERIFY(puts == gets);
    // Eight threads on a queue of two on two cores: somebody always has to wait.
    QVERIFY(blocks > 0);

    // Replayed in time order: each operation moves the depth by one and the queue is FIFO.
    // Put and get are stamped under the queue's lock, so their times follow the lock order;
    // two stamped within the same nanosecond are the only ones whose order is unknown.
    std::int64_t depth = 0;
    std::uint64_t lastNs = 0;
    std::map<std::int64_t, std::pair<std::int64_t, std::uint64_t>> lastGetOf; // by producer
    int depthBreaks = 0, fifoBreaks = 0;
    for (const Event &e : ofKinds(run->timeOrdered(), {EventKind::QueuePut, EventKind::QueueGet})) {
        const std::int64_t expectedDepth = depth + (e.kind == EventKind::QueuePut ? 1 : -1);
        if (std::int64_t(e.value) != expectedDepth && e.timeNs != lastNs)
            ++depthBreaks;
        depth = e.value;
        lastNs = e.timeNs;
        if (e.kind == EventKind::QueueGet && e.arg < kSentinelItem) {
            auto &[lastIndex, lastTime] =
                lastGetOf.try_emplace(e.arg / kItemStride, -1, 0).first->second;
            const std::int64_t index = e.arg % kItemStride;
            if (index < lastIndex && e.timeNs != lastTime)
                ++fifoBreaks;
            lastIndex = std::max(lastIndex, index);
            lastTime = e.timeNs;
        }
    }
    QCOMPARE(depthBreaks, 0);
    QCOMPARE(fifoBreaks, 0);
    QCOMPARE(depth, std::int64_t(0));
}

void TestBoundedQueue::blockedPutResumesAfterAGet()
{
    std::string error;
    auto run = RunFixture::create(2, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    auto *queue = run->arena->make<BoundedQueue>(kQueueId, 1);
    QVERIFY(queue);
    std::atomic<int> failures{0};
    ThreadGroup threads(*run->arena);
    threads.start([&] {
        WorkerContext producer(*run->arena, *run->gate, *run->table, 1);
        if (queue->put(producer, 10) != BoundedQueue::Result::Ok ||
            queue->put(producer, 11) != BoundedQueue::Result::Ok)
            ++failures;
        producer.exit(ExitCause::Normal);
    });
    // Only the recording can tell that the producer is waiting: poll it.
    QTRY_VERIFY_WITH_TIMEOUT(
        (run->collect(), hasEvent(run->byWorker[1], EventKind::Blocked, BlockReason::QueueFull)),
        10000);
    QCOMPARE(queue->depth(), 1u);

    WorkerContext consumer(*run->arena, *run->gate, *run->table, 0);
    std::int64_t item = 0;
    QCOMPARE(queue->get(consumer, item), BoundedQueue::Result::Ok);
    QCOMPARE(item, std::int64_t(10));
    threads.joinAll(); // the producer can only finish if the get woke it
    QCOMPARE(failures.load(), 0);
    QCOMPARE(queue->get(consumer, item), BoundedQueue::Result::Ok);
    QCOMPARE(item, std::int64_t(11));

    run->collect();
    const auto &events = run->byWorker[1];
    QCOMPARE(events.size(), std::size_t(4));
    QCOMPARE(events[0].kind, EventKind::QueuePut);
    QCOMPARE(events[0].arg, std::int64_t(10));
    QCOMPARE(events[0].value, 1u);
    QCOMPARE(events[1].kind, EventKind::Blocked);
    QCOMPARE(BlockReason(events[1].reason), BlockReason::QueueFull);
    QCOMPARE(events[1].object, kQueueId);
    QCOMPARE(events[2].kind, EventKind::QueuePut);
    QCOMPARE(events[2].arg, std::int64_t(11));
    QCOMPARE(events[2].value, 1u);
    QCOMPARE(events[3].kind, EventKind::Terminated);
    QVERIFY(events[1].timeNs <= events[2].timeNs);
    // The get that made room is stamped between the block and the put it allowed.
    const Event &get = run->byWorker[0].front();
    QCOMPARE(get.kind, EventKind::QueueGet);
    QCOMPARE(get.value, 0u);
    QVERIFY(events[1].timeNs <= get.timeNs && get.timeNs <= events[2].timeNs);
}

void TestBoundedQueue::stopEndsABlockedGet()
{
    std::string error;
    auto run = RunFixture::create(1, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    auto *queue = run->arena->make<BoundedQueue>(kQueueId, 4);
    QVERIFY(queue);
    std::atomic<int> result{-1};
    ThreadGroup threads(*run->arena);
    threads.start([&] {
        WorkerContext consumer(*run->arena, *run->gate, *run->table, 0);
        std::int64_t item = 0;
        result = int(queue->get(consumer, item));
        consumer.exit(consumer.stopCause());
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        (run->collect(), hasEvent(run->byWorker[0], EventKind::Blocked, BlockReason::QueueEmpty)),
        10000);
    run->arena->header().stop.store(1, std::memory_order_release); // "stopped by the user"
    threads.joinAll();
    QCOMPARE(result.load(), int(BoundedQueue::Result::Stopped));
    run->collect();
    const auto &events = run->byWorker[0];
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[1].kind, EventKind::Terminated);
    QCOMPARE(ExitCause(events[1].reason), ExitCause::Stopped);
}

void TestBoundedQueue::joinReturnsOnceEveryItemIsDone()
{
    std::string error;
    auto run = RunFixture::create(2, 1, 256, &error);
    QVERIFY2(run, error.c_str());
    auto *queue = run->arena->make<BoundedQueue>(kQueueId, 4);
    QVERIFY(queue);
    WorkerContext main(*run->arena, *run->gate, *run->table, 0);
    for (std::int64_t item = 1; item <= 3; ++item)
        QCOMPARE(queue->put(main, item), BoundedQueue::Result::Ok);

    std::atomic<int> failures{0};
    ThreadGroup threads(*run->arena);
    threads.start([&] {
        WorkerContext consumer(*run->arena, *run->gate, *run->table, 1);
        for (int i = 0; i < 3; ++i) {
            std::int64_t item = 0;
            if (queue->get(consumer, item) != BoundedQueue::Result::Ok)
                ++failures;
            queue->taskDone(consumer);
        }
        consumer.exit(ExitCause::Normal);
    });
    QCOMPARE(queue->join(main), BoundedQueue::Result::Ok);
    // join() returned, so the last task-done is already recorded (it is stamped under the
    // queue's lock before the wake-up that let join() return).
    run->collect();
    const auto done = ofKinds(run->byWorker[1], {EventKind::TaskDone});
    QCOMPARE(done.size(), std::size_t(3));
    QCOMPARE(done[0].value, 2u);
    QCOMPARE(done[1].value, 1u);
    QCOMPARE(done[2].value, 0u);
    threads.joinAll();
    QCOMPARE(failures.load(), 0);
    // Whether main had to wait depends on timing; if it did, it says what it waited for.
    for (const Event &e : run->byWorker[0])
        if (e.kind == EventKind::Blocked)
            QCOMPARE(BlockReason(e.reason), BlockReason::QueueJoin);
}

QTEST_APPLESS_MAIN(TestBoundedQueue)
#include "tst_boundedqueue.moc"
