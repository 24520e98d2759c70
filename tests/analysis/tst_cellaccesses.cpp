#include "analysis/CellAccessLog.h"

#include <QTest>

using namespace conlab;

// Reads and writes of shared cells, each write judged against what its worker last read.
class TestCellAccesses : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint32_t kCounter = 7;

    static TraceMeta meta(std::int64_t initial)
    {
        TraceMeta meta;
        meta.objects.push_back({kCounter, "cell", initial, "counter"});
        meta.objects.push_back({8, "lock", 1, "counter lock"});
        return meta;
    }
    static Event read(std::uint64_t t, std::uint32_t worker, std::int64_t value)
    {
        return {t, worker, EventKind::CellRead, 0, kCounter, 0, value};
    }
    static Event write(std::uint64_t t, std::uint32_t worker, std::int64_t value)
    {
        return {t, worker, EventKind::CellWritten, 0, kCounter, 0, value};
    }

private slots:
    void twoReadsOfOneValueLoseTheFirstWrite()
    {
        // Both read 100; worker 1 writes 99 first, so worker 2's 99 overwrites it.
        CellAccessLog log;
        log.reset(meta(100));
        const std::vector<Event> events{read(10, 1, 100), read(11, 2, 100), write(20, 1, 99),
                                        write(21, 2, 99)};
        log.append(events.data(), events.size());
        const auto &all = log.accesses();
        QCOMPARE(all.size(), std::size_t(4));
        QVERIFY(!all[2].stale);
        QVERIFY(all[3].stale);
        QCOMPARE(all[3].readValue, std::int64_t(100));
        QCOMPARE(all[3].overwritten, std::int64_t(99));
        QCOMPARE(all[3].overwriter, 1u);
        QCOMPARE(log.staleWrites(), std::size_t(1));
    }

    void serialisedUpdatesLoseNothing()
    {
        CellAccessLog log;
        log.reset(meta(100));
        const std::vector<Event> events{read(10, 1, 100), write(20, 1, 99), read(30, 2, 99),
                                        write(40, 2, 98)};
        log.append(events.data(), events.size());
        QCOMPARE(log.staleWrites(), std::size_t(0));
    }

    void lateBatchIsSortedAndJudgedAgain()
    {
        // Worker 1's write arrives in a later batch than worker 2's, though it came first.
        CellAccessLog log;
        log.reset(meta(5));
        const std::vector<Event> first{read(10, 1, 5), read(11, 2, 5), write(30, 2, 4)};
        log.append(first.data(), first.size());
        QCOMPARE(log.staleWrites(), std::size_t(0));
        const Event late = write(20, 1, 4);
        log.append(&late, 1);
        const auto &all = log.accesses();
        QCOMPARE(all[2].worker, 1u);
        QVERIFY(!all[2].stale);
        QVERIFY(all[3].stale);
        QCOMPARE(all[3].overwriter, 1u);
    }

    void addsAreNeverStaleAndCarryTheirDelta()
    {
        CellAccessLog log;
        log.reset(meta(0));
        const std::vector<Event> events{
            {10, 1, EventKind::CellWritten, kCellAdd, kCounter, 1, 1},
            {11, 2, EventKind::CellWritten, kCellAdd, kCounter, std::uint32_t(-3), -2}};
        log.append(events.data(), events.size());
        const auto &all = log.accesses();
        QCOMPARE(all[0].kind, CellAccessLog::Kind::Add);
        QCOMPARE(all[1].delta, std::int64_t(-3));
        QCOMPARE(log.staleWrites(), std::size_t(0));
    }

    void otherObjectsAndTracesWithoutCellsAreIgnored()
    {
        CellAccessLog log;
        log.reset(TraceMeta{});
        const Event e = read(10, 1, 3);
        log.append(&e, 1);
        QVERIFY(log.empty());
    }
};

QTEST_GUILESS_MAIN(TestCellAccesses)
#include "tst_cellaccesses.moc"
