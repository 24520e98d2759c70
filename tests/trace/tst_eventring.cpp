#include "trace/Clock.h"
#include "trace/EventRing.h"

#include <QTest>
#include <algorithm>
#include <atomic>
#include <memory>
#include <new>
#include <thread>
#include <vector>

using namespace conlab;

namespace {

// A ring in ordinary heap memory: the ring's logic does not depend on the arena, and the
// cache-line alignment of its counters must be honoured wherever it lives.
class RingMemory
{
public:
    explicit RingMemory(std::uint32_t capacity, std::atomic<std::uint32_t> *doorbell = nullptr)
        : m_memory(::operator new(EventRing::bytesFor(capacity), std::align_val_t(64))),
          m_ring(EventRing::create(m_memory, capacity, doorbell))
    {
    }
    ~RingMemory() { ::operator delete(m_memory, std::align_val_t(64)); }
    RingMemory(const RingMemory &) = delete;
    RingMemory &operator=(const RingMemory &) = delete;

    EventRing *operator->() const { return m_ring; }
    EventRing *ring() const { return m_ring; }

private:
    void *m_memory;
    EventRing *m_ring;
};

Event numbered(std::int64_t value, std::uint32_t worker = 0)
{
    Event e;
    e.timeNs = std::uint64_t(value);
    e.worker = worker;
    e.kind = EventKind::CellWritten;
    e.arg = value;
    return e;
}

} // namespace

// The single-producer, single-consumer ring every event passes through.
class TestEventRing : public QObject
{
    Q_OBJECT

private slots:
    void emptyRingDrainsNothing();
    void wrapAroundKeepsOrder();
    void drainStopsAtMaxCount();
    void overflowKeepsTheOldestAndCountsDrops();
    void concurrentProducersAndCollector();
    void doorbellRingsOnceEachTimeTheRingIsHalfFull();
};

void TestEventRing::emptyRingDrainsNothing()
{
    RingMemory ring(8);
    QCOMPARE(ring->capacity(), 8u);
    QCOMPARE(ring->size(), std::uint64_t(0));
    QCOMPARE(ring->dropped(), std::uint64_t(0));
    Event out[4];
    QCOMPARE(ring->drain(out, 4), std::size_t(0));
    QCOMPARE(ring->drain(out, 0), std::size_t(0));
}

void TestEventRing::wrapAroundKeepsOrder()
{
    // Batch sizes that are not divisors of the capacity move head and tail to every slot
    // offset, so the index masking is exercised at every position of the wrap.
    const std::uint32_t capacity = 16;
    RingMemory ring(capacity);
    std::int64_t nextPushed = 0;
    std::int64_t nextDrained = 0;
    Event out[capacity];
    for (int round = 0; round < 2000; ++round) {
        const int pushes = 1 + round % int(capacity);
        for (int i = 0; i < pushes; ++i)
            QVERIFY(ring->push(numbered(nextPushed++)));
        QCOMPARE(ring->size(), std::uint64_t(nextPushed - nextDrained));
        const std::size_t batch = 1 + std::size_t(round % 5);
        for (;;) {
            const std::size_t count = ring->drain(out, batch);
            for (std::size_t i = 0; i < count; ++i)
                QCOMPARE(out[i].arg, nextDrained++);
            if (count < batch)
                break;
        }
        QCOMPARE(ring->size(), std::uint64_t(0));
    }
    QCOMPARE(nextDrained, nextPushed);
    QVERIFY(nextPushed > 1000 * std::int64_t(capacity));
    QCOMPARE(ring->dropped(), std::uint64_t(0));
}

void TestEventRing::drainStopsAtMaxCount()
{
    RingMemory ring(8);
    for (int i = 0; i < 6; ++i)
        QVERIFY(ring->push(numbered(i)));
    Event out[8];
    QCOMPARE(ring->drain(out, 4), std::size_t(4));
    QCOMPARE(out[3].arg, std::int64_t(3));
    QCOMPARE(ring->size(), std::uint64_t(2));
    QCOMPARE(ring->drain(out, 8), std::size_t(2));
    QCOMPARE(out[0].arg, std::int64_t(4));
    QCOMPARE(out[1].arg, std::int64_t(5));
}

void TestEventRing::overflowKeepsTheOldestAndCountsDrops()
{
    const std::uint32_t capacity = 32;
    RingMemory ring(capacity);
    const int extra = 77;
    for (int i = 0; i < int(capacity) + extra; ++i)
        QCOMPARE(ring->push(numbered(i)), i < int(capacity));
    QCOMPARE(ring->dropped(), std::uint64_t(extra));
    QCOMPARE(ring->size(), std::uint64_t(capacity));

    Event out[capacity];
    QCOMPARE(ring->drain(out, capacity), std::size_t(capacity));
    for (std::uint32_t i = 0; i < capacity; ++i)
        QCOMPARE(out[i].arg, std::int64_t(i));

    // Room again: pushes succeed and the drop count is a running total, not reset.
    QVERIFY(ring->push(numbered(1000)));
    QCOMPARE(ring->dropped(), std::uint64_t(extra));
    QCOMPARE(ring->drain(out, capacity), std::size_t(1));
    QCOMPARE(out[0].arg, std::int64_t(1000));
}

void TestEventRing::doorbellRingsOnceEachTimeTheRingIsHalfFull()
{
    std::atomic<std::uint32_t> doorbell{0};
    RingMemory ring(16, &doorbell);
    for (int i = 0; i < 7; ++i)
        ring->push(numbered(i));
    QCOMPARE(doorbell.load(), 0u);
    ring->push(numbered(7)); // 8 of 16
    QCOMPARE(doorbell.load(), 1u);
    for (int i = 8; i < 20; ++i) // on to full, and past it: no more rings
        ring->push(numbered(i));
    QCOMPARE(doorbell.load(), 1u);
    Event out[16];
    QCOMPARE(ring->drain(out, 16), std::size_t(16));
    for (int i = 0; i < 8; ++i) // half full again after the collector emptied it
        ring->push(numbered(i));
    QCOMPARE(doorbell.load(), 2u);
}

void TestEventRing::concurrentProducersAndCollector()
{
    // A small capacity and more threads than cores make the rings fill up now and then, so
    // both the drop path and the wrap race against a collector that drains concurrently.
    constexpr std::uint32_t kRings = 4;
    constexpr std::int64_t kPerRing = 200000;
    constexpr std::uint32_t capacity = 1024;
    std::vector<std::unique_ptr<RingMemory>> rings;
    for (std::uint32_t i = 0; i < kRings; ++i)
        rings.push_back(std::make_unique<RingMemory>(capacity));

    // A start line: without it the first producers can finish before the collector runs.
    std::atomic<bool> go{false};
    std::atomic<std::uint32_t> producersDone{0};
    std::vector<std::uint64_t> rejected(kRings, 0);
    std::vector<std::thread> producers;
    for (std::uint32_t r = 0; r < kRings; ++r) {
        producers.emplace_back([&, r] {
            while (!go.load(std::memory_order_acquire))
                std::this_thread::yield();
            std::uint64_t failures = 0;
            for (std::int64_t value = 1; value <= kPerRing; ++value) {
                // Stamped like a real recording: the clock read paces a producer as in a run.
                Event e = numbered(value, r);
                e.timeNs = monotonicNs();
                if (!rings[r]->ring()->push(e))
                    ++failures;
            }
            rejected[r] = failures;
            producersDone.fetch_add(1, std::memory_order_release);
        });
    }

    struct Seen
    {
        std::uint64_t count = 0;
        std::int64_t last = 0;
        std::uint64_t outOfOrder = 0;
        std::uint64_t wrongWorker = 0;
    };
    std::vector<Seen> seen(kRings);
    std::thread collector([&] {
        Event buffer[256];
        auto drainAll = [&] {
            for (std::uint32_t r = 0; r < kRings; ++r) {
                std::size_t count;
                while ((count = rings[r]->ring()->drain(buffer, std::size(buffer))) > 0) {
                    for (std::size_t i = 0; i < count; ++i) {
                        if (buffer[i].arg <= seen[r].last)
                            ++seen[r].outOfOrder;
                        if (buffer[i].worker != r)
                            ++seen[r].wrongWorker;
                        seen[r].last = buffer[i].arg;
                    }
                    seen[r].count += count;
                }
            }
        };
        go.store(true, std::memory_order_release);
        while (producersDone.load(std::memory_order_acquire) < kRings)
            drainAll();
        // Every push happened before its producer's release above: one more pass gets the rest.
        drainAll();
    });
    for (auto &producer : producers)
        producer.join();
    collector.join();

    for (std::uint32_t r = 0; r < kRings; ++r) {
        const EventRing *ring = rings[r]->ring();
        QCOMPARE(seen[r].outOfOrder, std::uint64_t(0));
        QCOMPARE(seen[r].wrongWorker, std::uint64_t(0));
        QCOMPARE(ring->dropped(), rejected[r]);
        QCOMPARE(seen[r].count + ring->dropped(), std::uint64_t(kPerRing));
        QCOMPARE(ring->size(), std::uint64_t(0));
        if (ring->dropped() == 0) // then nothing was lost, including the newest value
            QCOMPARE(seen[r].last, kPerRing);
    }
}

QTEST_APPLESS_MAIN(TestEventRing)
#include "tst_eventring.moc"
