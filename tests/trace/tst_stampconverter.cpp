#include "trace/EventClock.h"
#include "trace/StampConverter.h"

#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace conlab;

// The collector's conversion of TSC stamps to CLOCK_MONOTONIC: within 1 µs of clock_gettime,
// over a simulated 60 s run (pairs as the runner takes them, a drifting clock) and a real
// second on this machine's counter.
class TestStampConverter : public QObject
{
    Q_OBJECT

private slots:
    void interpolatesBetweenPairs();
    void extrapolatesWithTheRateOfAllPairs();
    void ignoresPairsThatGoBack();
    void refusesAPairWhoseReadsWerePulledApart();
    void sixtySecondsOfDriftStayWithinAMicrosecond_data();
    void sixtySecondsOfDriftStayWithinAMicrosecond();
    void realStampsStayWithinAMicrosecond();
    void convertsTaggedStampsOnly();
    void keepsAWorkersOrderAgainstNsStamps();
    void namesAndParsesClocks();
    void monotonicCanBeForced();
};

void TestStampConverter::interpolatesBetweenPairs()
{
    StampConverter converter;
    converter.addPair({1000, 5000});
    converter.addPair({3000, 6000});
    converter.addPair({5000, 8000});
    QCOMPARE(converter.toNs(1000), std::uint64_t(5000));
    QCOMPARE(converter.toNs(2000), std::uint64_t(5500));
    QCOMPARE(converter.toNs(3000), std::uint64_t(6000));
    QCOMPARE(converter.toNs(4000), std::uint64_t(7000));
    QCOMPARE(converter.toNs(5000), std::uint64_t(8000));
}

void TestStampConverter::extrapolatesWithTheRateOfAllPairs()
{
    // The last period is short and off the long-run rate (two collections close together):
    // a stamp outside the pairs follows the rate of all of them, 0.75 ns a tick here.
    StampConverter converter;
    converter.addPair({0, 1000});
    converter.addPair({3990, 4000});
    converter.addPair({4000, 4000});
    QCOMPARE(converter.toNs(0), std::uint64_t(1000));
    QCOMPARE(converter.toNs(5000), std::uint64_t(4750));
    StampConverter late;
    late.addPair({10000, 20000});
    late.addPair({20000, 30000});
    QCOMPARE(late.toNs(5000), std::uint64_t(15000));
}

void TestStampConverter::ignoresPairsThatGoBack()
{
    StampConverter converter;
    converter.addPair({1000, 1000});
    converter.addPair({900, 2000});  // ticks went back
    converter.addPair({2000, 900});  // ns went back
    converter.addPair({1000, 3000}); // no ticks between
    converter.addPair({2000, 2000});
    QCOMPARE(converter.pairsTaken(), std::size_t(2));
    QCOMPARE(converter.toNs(1500), std::uint64_t(1500));
}

void TestStampConverter::refusesAPairWhoseReadsWerePulledApart()
{
    // Two tight pairs, then one whose thread was preempted between its reads (its ns is
    // 5 ms late): converting with it would put stamps milliseconds off.
    StampConverter converter;
    converter.addPair({1'000'000, 1'000'000, 40});
    converter.addPair({2'000'000, 2'000'000, 40});
    converter.addPair({3'000'000, 3'005'000, StampConverter::kMaxSpreadTicks + 1});
    QCOMPARE(converter.pairsTaken(), std::size_t(2));
    QCOMPARE(converter.pairsRefused(), std::size_t(1));
    converter.addPair({4'000'000, 4'000'000, 40});
    QCOMPARE(converter.toNs(3'000'000), std::uint64_t(3'000'000));
    // The first two are taken however loose: there is nothing to convert with before them.
    StampConverter fresh;
    fresh.addPair({1000, 1000, StampConverter::kMaxSpreadTicks * 2});
    QCOMPARE(fresh.pairsTaken(), std::size_t(1));
}

void TestStampConverter::sixtySecondsOfDriftStayWithinAMicrosecond_data()
{
    QTest::addColumn<double>("ticksPerNs");
    QTest::addColumn<double>("stepPpm"); // how far one NTP update moves the clock's rate, at most
    QTest::addColumn<int>("periodMs");   // between collections
    QTest::newRow("2.45 GHz, 10 ms, 50 ppm steps") << 2.45 << 50.0 << 10;
    QTest::newRow("3.0 GHz, 10 ms, 200 ppm steps") << 3.0 << 200.0 << 10;
    QTest::newRow("1.0 GHz, 30 ms (a loaded collector), 50 ppm steps") << 1.0 << 50.0 << 30;
}

void TestStampConverter::sixtySecondsOfDriftStayWithinAMicrosecond()
{
    QFETCH(double, ticksPerNs);
    QFETCH(double, stepPpm);
    QFETCH(int, periodMs);
    // The kernel's CLOCK_MONOTONIC is the counter scaled by a rate it may change at each tick
    // (4 ms) for NTP. Here the rate wanders a little every tick and jumps by up to ±stepPpm
    // about once a second (a daemon's update), always within NTP's ±500 ppm. The truth is
    // integrated per tick; pairs carry the error of a real one (the counter read ±15 ns from
    // the clock's), and the periods between collections vary as a busy runner's do. A jump
    // inside a period bends the line the pairs interpolate: at most stepPpm x period / 4 off.
    std::mt19937_64 random(20240516);
    constexpr std::uint64_t kTickNs = 4'000'000;
    constexpr std::uint64_t kRunNs = 60'000'000'000;
    const std::uint64_t bootTicks = 5'000'000'000'000ull; // about half an hour of uptime
    struct Segment
    {
        std::uint64_t ticks;
        double ns;
        double nsPerTick;
    };
    std::vector<Segment> truth;
    double ppm = 0;
    double ns = 1e12;
    std::uint64_t ticks = bootTicks;
    std::normal_distribution<double> wander(0, 0.05);
    std::uniform_real_distribution<double> jump(-stepPpm, stepPpm);
    std::uniform_int_distribution<int> ticksToJump(125, 375);
    int untilJump = 0;
    for (std::uint64_t t = 0; t <= kRunNs + kTickNs; t += kTickNs) {
        ppm += wander(random);
        if (--untilJump <= 0) {
            ppm += jump(random);
            untilJump = ticksToJump(random);
        }
        ppm = std::clamp(ppm, -500.0, 500.0);
        const double nsPerTick = (1 / ticksPerNs) * (1 + ppm * 1e-6);
        truth.push_back({ticks, ns, nsPerTick});
        const auto span = std::uint64_t(double(kTickNs) / nsPerTick);
        ticks += span;
        ns += double(span) * nsPerTick;
    }
    auto trueNs = [&](std::uint64_t at) {
        auto it = std::upper_bound(truth.begin(), truth.end(), at,
                                   [](std::uint64_t t, const Segment &s) { return t < s.ticks; });
        const Segment &s = *(it - 1);
        return s.ns + double(at - s.ticks) * s.nsPerTick;
    };

    StampConverter converter;
    std::uniform_int_distribution<int> pairError(-15, 15);
    std::uniform_int_distribution<std::uint64_t> late(0, 50'000'000);
    auto pairAt = [&](std::uint64_t at) {
        return StampConverter::Pair{at, std::uint64_t(std::llround(trueNs(at))) +
                                            std::uint64_t(std::int64_t(pairError(random)))};
    };
    const std::uint64_t lastTicks = truth.back().ticks - 1;
    std::uint64_t pairTicks = bootTicks;
    converter.addPair(pairAt(pairTicks));
    double worstNs = 0;
    std::size_t stamps = 0;
    std::uniform_real_distribution<double> periodJitter(0.5, 1.5);
    while (true) {
        const auto periodTicks = std::uint64_t(periodMs * 1e6 * ticksPerNs * periodJitter(random));
        if (pairTicks + periodTicks > lastTicks)
            break;
        const std::uint64_t previous = pairTicks;
        pairTicks += periodTicks;
        // Drained, then the pair: every stamp converted now was taken before it. Some were
        // taken long before, by a worker preempted between its stamp and its push.
        converter.addPair(pairAt(pairTicks));
        std::uniform_int_distribution<std::uint64_t> within(previous, pairTicks);
        for (int i = 0; i < 20; ++i) {
            std::uint64_t at = within(random);
            const std::uint64_t lateBy = i == 0 ? late(random) : 0;
            if (at > bootTicks + lateBy)
                at -= lateBy;
            const double error = double(converter.toNs(at)) - trueNs(at);
            worstNs = std::max(worstNs, std::abs(error));
            ++stamps;
        }
    }
    qInfo("%zu stamps over 60 s, %zu pairs: worst error %.1f ns", stamps, converter.pairsTaken(),
          worstNs);
    QVERIFY(converter.pairsTaken() >= std::size_t(60000 / periodMs / 2));
    QVERIFY2(worstNs < 1000, qPrintable(QString::number(worstNs)));
}

void TestStampConverter::realStampsStayWithinAMicrosecond()
{
    if (!EventClock::tscUsable())
        QSKIP("this machine's TSC is not constant, nonstop and the kernel's clocksource");
    // A worker stamps with the counter and clock_gettime side by side while a collector
    // thread converts what it produced every 10 ms, as RunSession does: drain, pair, convert.
    // The counter is read on both sides of clock_gettime; a pair of reads the OS pulled
    // apart (the thread preempted in between) says nothing about the conversion and is left
    // out, counted.
    struct Sample
    {
        std::uint64_t before = 0;
        std::uint64_t ns = 0;
        std::uint64_t after = 0;
    };
    std::mutex lock;
    std::vector<Sample> produced;
    std::atomic<bool> done{false};
    std::thread worker([&] {
        const std::uint64_t end = monotonicNs() + 1'000'000'000;
        for (std::uint64_t now = monotonicNs(); now < end; now = monotonicNs()) {
            Sample sample;
            sample.before = EventClock::readTicks();
            sample.ns = monotonicNs();
            sample.after = EventClock::readTicks();
            std::lock_guard guard(lock);
            produced.push_back(sample);
        }
        done.store(true);
    });
    StampConverter converter;
    converter.addPair(StampConverter::takePair());
    double worstNs = 0;
    double sumNs = 0;
    std::size_t stamps = 0;
    std::size_t pulledApart = 0;
    for (bool last = false; !last;) {
        last = done.load();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::vector<Sample> batch;
        {
            std::lock_guard guard(lock);
            batch.swap(produced);
        }
        converter.addPair(StampConverter::takePair());
        for (const Sample &sample : batch) {
            const auto before = double(converter.toNs(sample.before));
            const auto after = double(converter.toNs(sample.after));
            if (after - before > 1000) {
                ++pulledApart;
                continue;
            }
            // clock_gettime read the counter somewhere between the two reads: what it said
            // should fall between their conversions.
            const auto ns = double(sample.ns);
            const double outside = ns < before ? before - ns : (ns > after ? ns - after : 0);
            worstNs = std::max(worstNs, outside);
            sumNs += (before + after) / 2 - ns;
            ++stamps;
        }
    }
    worker.join();
    qInfo("%zu stamps over 1 s (%zu left out, preempted), %zu pairs: mean error %.1f ns, worst "
          "%.1f ns outside the reads around clock_gettime",
          stamps, pulledApart, converter.pairsTaken(), stamps ? sumNs / double(stamps) : 0.0,
          worstNs);
    QVERIFY(stamps > 1000);
    QVERIFY2(worstNs < 1000, qPrintable(QString::number(worstNs)));
}

void TestStampConverter::convertsTaggedStampsOnly()
{
    StampConverter converter;
    converter.addPair({1000, 1'000'000});
    converter.addPair({3000, 1'002'000});
    Event events[3];
    events[0].timeNs = 2000 | EventClock::kTicksTag;
    events[1].timeNs = 1'001'500; // ns from clock_gettime (recordAt)
    events[2].timeNs = 2800 | EventClock::kTicksTag;
    for (Event &e : events)
        e.worker = 1;
    converter.convert(events, 3, 1);
    QCOMPARE(events[0].timeNs, std::uint64_t(1'001'000));
    QCOMPARE(events[1].timeNs, std::uint64_t(1'001'500));
    QCOMPARE(events[2].timeNs, std::uint64_t(1'001'800));
    QCOMPARE(converter.heldBack(), std::uint64_t(0));
}

void TestStampConverter::keepsAWorkersOrderAgainstNsStamps()
{
    // Ring order is the order they happened in; a converted stamp a few ns off must not swap
    // with its neighbour. Other workers and other rings keep their own order.
    StampConverter converter;
    converter.addPair({1000, 1'000'000});
    converter.addPair({3000, 1'002'000});
    Event events[4];
    events[0] = {1'001'010, 1, EventKind::Ready};                      // ns
    events[1] = {2000 | EventClock::kTicksTag, 1, EventKind::Running}; // 1'001'000
    events[2] = {1'000'990, 2, EventKind::Ready};                      // another lane
    events[3] = {1'001'005, 1, EventKind::Blocked};                    // ns after it
    converter.convert(events, 4, 3);
    QCOMPARE(events[1].timeNs, std::uint64_t(1'001'010));
    QCOMPARE(events[2].timeNs, std::uint64_t(1'000'990));
    QCOMPARE(events[3].timeNs, std::uint64_t(1'001'010));
    QCOMPARE(converter.heldBack(), std::uint64_t(2));
    // Untagged stamps alone are never touched, even out of order (a ring with no TSC stamps).
    Event plain[2] = {{500, 4, EventKind::Ready}, {400, 4, EventKind::Running}};
    converter.convert(plain, 2, 0);
    QCOMPARE(plain[1].timeNs, std::uint64_t(400));
}

void TestStampConverter::namesAndParsesClocks()
{
    ClockKind kind = ClockKind::Monotonic;
    QVERIFY(EventClock::parse(EventClock::name(ClockKind::Tsc), kind));
    QCOMPARE(kind, ClockKind::Tsc);
    QVERIFY(EventClock::parse("monotonic", kind));
    QCOMPARE(kind, ClockKind::Monotonic);
    QVERIFY(!EventClock::parse("hpet", kind));
    // Stamps follow the chosen clock: tagged ticks, or plain ns close to clock_gettime's.
    EventClock::use(ClockKind::Monotonic);
    const std::uint64_t before = monotonicNs();
    const std::uint64_t stamp = EventClock::now();
    QVERIFY(!EventClock::isTicks(stamp));
    QVERIFY(stamp >= before && stamp <= monotonicNs());
    if (EventClock::tscUsable()) {
        EventClock::use(ClockKind::Tsc);
        QVERIFY(EventClock::isTicks(EventClock::now()));
        EventClock::use(ClockKind::Monotonic);
    }
}

void TestStampConverter::monotonicCanBeForced()
{
    qputenv("CONLAB_CLOCK", "monotonic");
    QCOMPARE(EventClock::choose(), ClockKind::Monotonic);
    qunsetenv("CONLAB_CLOCK");
    QCOMPARE(EventClock::choose(), EventClock::tscUsable() ? ClockKind::Tsc : ClockKind::Monotonic);
}

QTEST_APPLESS_MAIN(TestStampConverter)
#include "tst_stampconverter.moc"
