#include "runtime/CoreBusyTime.h"

#include <QTest>

using namespace conlab;

// The busy time of a set of cores, from /proc/stat's per-CPU lines.
class TestCoreBusyTime : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *kStat = "cpu  500 10 200 9000 40 5 6 7 0 0\n"
                                         "cpu0 100 1 50 4000 20 2 3 4 0 0\n"
                                         "cpu1 400 9 150 5000 20 3 3 3 0 0\n"
                                         "intr 12345 0 0\n"
                                         "ctxt 999\n";

    static cpu_set_t cores(std::initializer_list<int> list)
    {
        cpu_set_t set;
        CPU_ZERO(&set);
        for (const int cpu : list)
            CPU_SET(cpu, &set);
        return set;
    }

private slots:
    void sumsTheBusyFieldsOfTheChosenCores()
    {
        std::uint64_t busy = 0;
        // cpu0: user 100 + nice 1 + system 50 + irq 2 + softirq 3 + steal 4 = 160 ticks.
        QVERIFY(CoreBusyTime::parse(kStat, cores({0}), 100, busy));
        QCOMPARE(busy, std::uint64_t(160) * 10000000);
        QVERIFY(CoreBusyTime::parse(kStat, cores({0, 1}), 100, busy));
        QCOMPARE(busy, std::uint64_t(160 + 568) * 10000000);
    }

    void aMissingCoreOrABrokenLineIsRefused()
    {
        std::uint64_t busy = 0;
        QVERIFY(!CoreBusyTime::parse(kStat, cores({2}), 100, busy));
        QVERIFY(!CoreBusyTime::parse("cpu0 1 2 x\n", cores({0}), 100, busy));
        QVERIFY(!CoreBusyTime::parse(kStat, cores({0}), 0, busy));
    }

    void thisMachineCountsForward()
    {
        cpu_set_t allowed;
        QCOMPARE(sched_getaffinity(0, sizeof allowed, &allowed), 0);
        std::uint64_t before = 0;
        std::uint64_t after = 0;
        QVERIFY(CoreBusyTime::read(allowed, before));
        QVERIFY(CoreBusyTime::read(allowed, after));
        QVERIFY(after >= before);
    }
};

QTEST_GUILESS_MAIN(TestCoreBusyTime)
#include "tst_corebusytime.moc"
