#include "trace/EventArchive.h"

#include <QTest>
#include <limits>

using namespace conlab;

namespace {

bool same(const Event &a, const Event &b)
{
    return a.timeNs == b.timeNs && a.worker == b.worker && a.kind == b.kind &&
           a.reason == b.reason && a.object == b.object && a.value == b.value && a.arg == b.arg;
}

// A run's worth of events with every field's extremes mixed in: times that go back (a stamp
// given late), the largest values of each field, negative args.
std::vector<Event> mixedEvents(std::size_t count)
{
    std::vector<Event> events;
    std::uint64_t now = 1'000'000'000;
    std::uint64_t x = 88172645463325252ull;
    for (std::size_t i = 0; i < count; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        now += x % 40'000;
        Event e;
        e.timeNs = i % 997 == 5 ? now - 3'000 : now;
        e.worker = std::uint32_t(x % 100);
        e.kind = EventKind(1 + x % 42);
        e.reason = std::uint16_t(x >> 40);
        e.object = std::uint32_t(x >> 20) % 7;
        e.value = std::uint32_t(x >> 8) % 3;
        e.arg = i % 3 == 0 ? -std::int64_t(x % 1000) : std::int64_t(i);
        if (i % 5000 == 17) {
            e.timeNs = std::numeric_limits<std::uint64_t>::max();
            e.worker = std::numeric_limits<std::uint32_t>::max();
            e.reason = std::numeric_limits<std::uint16_t>::max();
            e.object = std::numeric_limits<std::uint32_t>::max();
            e.value = std::numeric_limits<std::uint32_t>::max();
            e.arg = std::numeric_limits<std::int64_t>::min();
        }
        events.push_back(e);
    }
    return events;
}

} // namespace

class TestEventArchive : public QObject
{
    Q_OBJECT

private slots:
    void givesBackEveryEventInOrder_data();
    void givesBackEveryEventInOrder();
    void forEachVisitsInOrderABlockAtATime();
    void packsARunToAFewBytesAnEvent();
    void clearEmptiesIt();
};

void TestEventArchive::givesBackEveryEventInOrder_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("batch");
    QTest::newRow("none") << 0 << 1;
    QTest::newRow("less than a block") << 100 << 7;
    QTest::newRow("one block exactly") << int(EventArchive::kBlockEvents) << 1000;
    QTest::newRow("blocks and a part, big batches")
        << 3 * int(EventArchive::kBlockEvents) + 11 << 40000;
    QTest::newRow("blocks and a part, one by one") << 2 * int(EventArchive::kBlockEvents) + 1 << 1;
}

void TestEventArchive::givesBackEveryEventInOrder()
{
    QFETCH(int, count);
    QFETCH(int, batch);
    const std::vector<Event> events = mixedEvents(std::size_t(count));
    EventArchive archive;
    for (std::size_t at = 0; at < events.size(); at += std::size_t(batch))
        archive.append(events.data() + at, std::min(std::size_t(batch), events.size() - at));
    QCOMPARE(archive.size(), events.size());
    QCOMPARE(archive.empty(), events.empty());
    const std::vector<Event> back = archive.events();
    QCOMPARE(back.size(), events.size());
    for (std::size_t i = 0; i < events.size(); ++i)
        QVERIFY2(same(back[i], events[i]), qPrintable(QStringLiteral("event %1").arg(i)));
}

void TestEventArchive::forEachVisitsInOrderABlockAtATime()
{
    const std::vector<Event> events = mixedEvents(2 * EventArchive::kBlockEvents + 500);
    EventArchive archive;
    archive.append(events.data(), events.size());
    std::size_t seen = 0;
    std::vector<std::size_t> batches;
    archive.forEach([&](const Event *batch, std::size_t count) {
        batches.push_back(count);
        for (std::size_t i = 0; i < count; ++i, ++seen)
            QVERIFY(same(batch[i], events[seen]));
    });
    QCOMPARE(seen, events.size());
    const std::vector<std::size_t> expected{EventArchive::kBlockEvents, EventArchive::kBlockEvents,
                                            500};
    QCOMPARE(batches, expected);
}

void TestEventArchive::packsARunToAFewBytesAnEvent()
{
    // A lesson-like run: few workers, few kinds, times a few µs apart.
    std::vector<Event> events;
    std::uint64_t now = 5'000'000'000;
    for (std::uint32_t i = 0; i < 400'000; ++i) {
        now += 1000 + (i * 7919) % 20'000;
        Event e;
        e.timeNs = now;
        e.worker = 1 + i % 8;
        e.kind = EventKind(3 + i % 3);
        e.object = e.kind == EventKind::Blocked ? 2 : 0;
        e.reason = e.kind == EventKind::Blocked ? 1 : 0;
        events.push_back(e);
    }
    EventArchive archive;
    archive.append(events.data(), events.size());
    const double perEvent = double(archive.memoryBytes()) / double(events.size());
    qInfo("%.2f bytes an event", perEvent);
    // Raw, 32; the open block's room included.
    QVERIFY2(perEvent < 4, qPrintable(QString::number(perEvent)));
}

void TestEventArchive::clearEmptiesIt()
{
    const std::vector<Event> events = mixedEvents(EventArchive::kBlockEvents + 3);
    EventArchive archive;
    archive.append(events.data(), events.size());
    archive.clear();
    QCOMPARE(archive.size(), std::size_t(0));
    QVERIFY(archive.events().empty());
    archive.append(events.data(), 2);
    QCOMPARE(archive.events().size(), std::size_t(2));
    QVERIFY(same(archive.events()[1], events[1]));
}

QTEST_GUILESS_MAIN(TestEventArchive)
#include "tst_eventarchive.moc"
