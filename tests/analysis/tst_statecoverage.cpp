#include "analysis/StateCoverage.h"
#include "analysis/StateTimeline.h"

#include <QTest>
#include <algorithm>
#include <numeric>
#include <random>

using namespace conlab;

// The time each lane spent in each kind of state within any span, read from the lane's
// StateCoverage, is what adding up its intervals gives, at every zoom; and a timeline fed
// live in batches holds the same summary as one fed all at once.
class TestStateCoverage : public QObject
{
    Q_OBJECT

private:
    using Totals = StateCoverage::Totals;
    static constexpr std::uint64_t kStart = 1'000'000'000;
    static constexpr std::uint32_t kWorkers = 4;

    static TraceMeta meta()
    {
        TraceMeta m;
        m.scenario = "coverage";
        m.startNs = kStart;
        for (std::uint32_t worker = 0; worker < kWorkers; ++worker)
            m.workers.push_back({worker, "worker", "worker-" + std::to_string(worker)});
        return m;
    }

    static Event event(std::uint64_t t, std::uint32_t worker, EventKind kind,
                       BlockReason reason = BlockReason::None)
    {
        Event e;
        e.timeNs = t;
        e.worker = worker;
        e.kind = kind;
        e.reason = std::uint16_t(reason);
        return e;
    }

    // Each worker's events in its own time order, the workers' interleaved at random;
    // gaps from 0 (two states at one instant) to long, some workers ending, some not.
    static std::vector<Event> randomRun(std::uint32_t seed, int perWorker)
    {
        std::mt19937 random(seed);
        std::vector<std::vector<Event>> lanes(kWorkers);
        const BlockReason reasons[] = {BlockReason::Lock,      BlockReason::QueueEmpty,
                                       BlockReason::Sleep,     BlockReason::Join,
                                       BlockReason::Semaphore, BlockReason::PipeFull};
        const EventKind kinds[] = {EventKind::Ready, EventKind::Running, EventKind::Blocked};
        for (std::uint32_t worker = 0; worker < kWorkers; ++worker) {
            std::uint64_t t = kStart + random() % 1000;
            lanes[worker].push_back(event(t, worker, EventKind::WorkerNew));
            const int count = perWorker / 2 + int(random() % std::uint32_t(perWorker));
            for (int i = 0; i < count; ++i) {
                const int scale = random() % 10 == 0 ? 100'000 : 1000;
                t += random() % 5 == 0 ? 0 : random() % std::uint32_t(scale);
                const EventKind kind = kinds[random() % 3];
                lanes[worker].push_back(
                    event(t, worker, kind,
                          kind == EventKind::Blocked ? reasons[random() % 6] : BlockReason::None));
            }
            if (worker % 2 == 0)
                lanes[worker].push_back(event(t + random() % 500, worker, EventKind::Terminated));
        }
        std::vector<Event> events;
        std::vector<std::size_t> next(kWorkers, 0);
        for (;;) {
            std::vector<std::uint32_t> left;
            for (std::uint32_t worker = 0; worker < kWorkers; ++worker)
                if (next[worker] < lanes[worker].size())
                    left.push_back(worker);
            if (left.empty())
                break;
            const std::uint32_t worker = left[random() % left.size()];
            events.push_back(lanes[worker][next[worker]++]);
        }
        return events;
    }

    static std::uint64_t lastTime(const std::vector<Event> &events)
    {
        std::uint64_t last = 0;
        for (const Event &e : events)
            last = std::max(last, e.timeNs);
        return last;
    }

    static Totals bruteForce(const StateTimeline::Lane &lane, std::uint64_t from, std::uint64_t to)
    {
        Totals totals{};
        for (const StateInterval &interval : lane.intervals) {
            const std::uint64_t start = std::max(interval.startNs, from);
            const std::uint64_t end = std::min(interval.endNs, to);
            if (end > start)
                totals[std::size_t(StateCoverage::kindOf(interval))] += end - start;
        }
        return totals;
    }

    static std::size_t plainSearch(const StateTimeline::Lane &lane, std::uint64_t timeNs)
    {
        std::size_t index = 0;
        while (index < lane.intervals.size() && lane.intervals[index].endNs <= timeNs &&
               !lane.intervals[index].open)
            ++index;
        return index;
    }

    // The brute force's own ranking: most time first, the earlier kind first on a tie,
    // Terminated left out; -1 where there is no such kind.
    static std::pair<int, int> ranked(const Totals &totals)
    {
        std::vector<int> kinds(std::size_t(StateCoverage::Kind::Terminated));
        std::iota(kinds.begin(), kinds.end(), 0);
        std::stable_sort(kinds.begin(), kinds.end(), [&](int a, int b) {
            return totals[std::size_t(a)] > totals[std::size_t(b)];
        });
        const auto pick = [&](std::size_t i) {
            return totals[std::size_t(kinds[i])] > 0 ? kinds[i] : -1;
        };
        return {pick(0), pick(0) < 0 ? -1 : pick(1)};
    }

    static std::pair<int, int> dominant(const Totals &totals)
    {
        StateCoverage::Kind first{};
        StateCoverage::Kind second{};
        bool mixed = false;
        if (!StateCoverage::dominant(totals, first, second, mixed))
            return {-1, -1};
        return {int(first), mixed ? int(second) : -1};
    }

private slots:
    void handMadeColumn()
    {
        StateTimeline timeline;
        timeline.reset(meta());
        const std::vector<Event> events = {
            event(kStart, 0, EventKind::Running),
            event(kStart + 10, 0, EventKind::Blocked, BlockReason::Lock),
            event(kStart + 12, 0, EventKind::Ready), event(kStart + 30, 0, EventKind::Running)};
        timeline.append(events);
        timeline.extendOpenTo(kStart + 40);
        const Totals column = timeline.timeIn(0, kStart + 5, kStart + 15);
        QCOMPARE(column[std::size_t(StateCoverage::Kind::Running)], std::uint64_t(5));
        QCOMPARE(column[std::size_t(StateCoverage::Kind::BlockedSync)], std::uint64_t(2));
        QCOMPARE(column[std::size_t(StateCoverage::Kind::Ready)], std::uint64_t(3));
        QCOMPARE(dominant(column), std::make_pair(int(StateCoverage::Kind::Running),
                                                  int(StateCoverage::Kind::Ready)));
        // The open interval counts up to the live edge, and grows with it.
        QCOMPARE(timeline.timeIn(0, kStart + 25,
                                 kStart + 100)[std::size_t(StateCoverage::Kind::Running)],
                 std::uint64_t(10));
        timeline.extendOpenTo(kStart + 60);
        QCOMPARE(timeline.timeIn(0, kStart + 25,
                                 kStart + 100)[std::size_t(StateCoverage::Kind::Running)],
                 std::uint64_t(30));
        QCOMPARE(dominant(timeline.timeIn(0, kStart + 200, kStart + 300)), std::make_pair(-1, -1));
    }

    void columnsMatchAddingUpIntervals_data()
    {
        QTest::addColumn<std::uint32_t>("seed");
        QTest::addColumn<int>("perWorker");
        QTest::addColumn<int>("columns");
        QTest::addColumn<double>("zoom"); // the share of the run the columns span
        QTest::newRow("few intervals, wide columns") << 1u << 20 << 50 << 1.0;
        QTest::newRow("many intervals per column") << 2u << 3000 << 100 << 1.0;
        QTest::newRow("about one per column") << 3u << 1000 << 1500 << 1.0;
        QTest::newRow("zoomed in") << 4u << 3000 << 700 << 0.01;
        QTest::newRow("zoomed in further") << 5u << 3000 << 300 << 0.0005;
        QTest::newRow("past both ends") << 6u << 500 << 400 << 1.5;
    }

    void columnsMatchAddingUpIntervals()
    {
        QFETCH(std::uint32_t, seed);
        QFETCH(int, perWorker);
        QFETCH(int, columns);
        QFETCH(double, zoom);
        const std::vector<Event> events = randomRun(seed, perWorker);
        StateTimeline timeline;
        timeline.reset(meta());
        timeline.append(events);
        const std::uint64_t last = lastTime(events);
        timeline.extendOpenTo(last);
        const double span = double(last - kStart) * zoom;
        const double first = kStart + (double(last - kStart) - span) / 2;
        int mixedColumns = 0;
        for (std::size_t lane = 0; lane < timeline.laneCount(); ++lane) {
            // As the painter walks a lane: each column's end searched for from its start.
            std::uint64_t from = std::uint64_t(first);
            std::size_t at = timeline.firstIntervalEndingAfter(lane, from);
            Totals before = timeline.timeBefore(lane, at, from);
            for (int column = 0; column < columns; ++column) {
                const std::uint64_t to = std::uint64_t(first + span * (column + 1) / columns);
                const std::size_t next = timeline.firstIntervalEndingAfter(lane, to, at);
                QCOMPARE(next, timeline.firstIntervalEndingAfter(lane, to));
                QCOMPARE(next, plainSearch(timeline.lane(lane), to));
                // Searched for from anywhere, before or after it.
                const std::size_t size = timeline.lane(lane).intervals.size();
                const std::size_t near =
                    size == 0 ? 0 : (next * 7919 + std::size_t(column)) % (size + 1);
                QCOMPARE(timeline.firstIntervalEndingAfter(lane, to, near), next);
                const Totals upTo = timeline.timeBefore(lane, next, to);
                Totals walked{};
                for (std::size_t kind = 0; kind < walked.size(); ++kind)
                    walked[kind] = upTo[kind] - before[kind];
                const Totals expected = bruteForce(timeline.lane(lane), from, to);
                QCOMPARE(walked, expected);
                QCOMPARE(timeline.timeIn(lane, from, to), expected);
                QCOMPARE(dominant(walked), ranked(expected));
                mixedColumns += dominant(walked).second >= 0;
                before = upTo;
                at = next;
                from = to;
            }
        }
        // The data exercise the runner-up, not only single-state columns.
        if (perWorker >= 1000)
            QVERIFY(mixedColumns > 0);
    }

    void liveBatchesBuildTheSameSummary_data()
    {
        QTest::addColumn<std::uint32_t>("seed");
        QTest::newRow("1") << 11u;
        QTest::newRow("2") << 12u;
        QTest::newRow("3") << 13u;
    }

    void liveBatchesBuildTheSameSummary()
    {
        QFETCH(std::uint32_t, seed);
        const std::vector<Event> events = randomRun(seed, 2000);
        const std::uint64_t last = lastTime(events);
        StateTimeline atOnce;
        atOnce.reset(meta());
        atOnce.append(events);
        atOnce.extendOpenTo(last);

        StateTimeline live;
        live.reset(meta());
        std::mt19937 random(seed);
        std::uint64_t edge = 0;
        for (std::size_t next = 0; next < events.size();) {
            const std::size_t count =
                std::min<std::size_t>(1 + random() % 40, events.size() - next);
            live.append(events.data() + next, count);
            next += count;
            for (std::size_t i = next - count; i < next; ++i)
                edge = std::max(edge, events[i].timeNs);
            live.extendOpenTo(edge); // as the window does at each update
            // Mid-run, what is known so far reads the same as adding it up.
            const std::uint64_t mid = kStart + (edge - kStart) / 2;
            QCOMPARE(live.timeIn(0, mid, edge), bruteForce(live.lane(0), mid, edge));
        }
        live.extendOpenTo(last);
        QCOMPARE(live.laneCount(), atOnce.laneCount());
        for (std::size_t lane = 0; lane < live.laneCount(); ++lane) {
            QVERIFY(live.lane(lane).coverage == atOnce.lane(lane).coverage);
            QCOMPARE(live.lane(lane).intervals.size(), atOnce.lane(lane).intervals.size());
            for (std::uint64_t t = kStart; t < last; t += (last - kStart) / 97 + 1)
                QCOMPARE(live.timeIn(lane, t, t + 5000), atOnce.timeIn(lane, t, t + 5000));
        }
    }
};

QTEST_APPLESS_MAIN(TestStateCoverage)
#include "tst_statecoverage.moc"
