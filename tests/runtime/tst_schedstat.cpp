#include "runtime/SchedStat.h"

#include <QTest>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

using namespace conlab;

// Reading the kernel's accounting of a thread: the text formats, and a real reading that
// grows by what the thread burns.
class TestSchedStat : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheThreeCounters()
    {
        SchedStat stat;
        QVERIFY(SchedStat::parse("716355964 162823 10\n", stat));
        QCOMPARE(stat.onCpuNs, 716355964ull);
        QCOMPARE(stat.runDelayNs, 162823ull);
        QCOMPARE(stat.slices, 10ull);
        QVERIFY(!SchedStat::parse("", stat));
        QVERIFY(!SchedStat::parse("12 x 3", stat));
    }

    void findsTheProcessorPastAnOddCommandName()
    {
        // Field 39 is the CPU; the command "(a) b)" holds a space and a parenthesis.
        QByteArray line = "1234 (a) b) R";
        for (int field = 4; field <= 38; ++field)
            line += " 0";
        line += " 5 0 0\n";
        QCOMPARE(SchedStat::parseProcessor(line.toStdString()), 5);
        QCOMPARE(SchedStat::parseProcessor("1234 (x) R 1 2"), -1);
    }

    void readsThisThreadAsItRuns()
    {
        const auto tid = pid_t(syscall(SYS_gettid));
        SchedStat before;
        QVERIFY(SchedStat::read(tid, before));
        QVERIFY(before.processor >= 0);
        // Burn 30 ms of CPU, then sleep so the counter is brought up to date by the switch.
        timespec start{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
        for (;;) {
            timespec now{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
            if ((now.tv_sec - start.tv_sec) * 1000000000ll + (now.tv_nsec - start.tv_nsec) >
                30000000)
                break;
        }
        const timespec nap{0, 1000000};
        nanosleep(&nap, nullptr);
        SchedStat after;
        QVERIFY(SchedStat::read(tid, after));
        QVERIFY2(after.onCpuNs - before.onCpuNs >= 30000000ull,
                 qPrintable(QString::number(after.onCpuNs - before.onCpuNs)));
        QVERIFY(after.slices > before.slices);
        QVERIFY(!SchedStat::read(pid_t(999999999), after));
    }
};

QTEST_GUILESS_MAIN(TestSchedStat)
#include "tst_schedstat.moc"
