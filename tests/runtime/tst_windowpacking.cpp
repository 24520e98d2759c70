#include "runtime/WindowPacking.h"

#include <QTest>

using namespace conlab;
using Span = WindowPacking::Span;

// How the kernel's per-window CPU counts are laid out for drawing: never two threads on one
// core at once, only where a thread was runnable, nothing lost.
class TestWindowPacking : public QObject
{
    Q_OBJECT

private slots:
    void sharesFollowEachOtherOnOneCore()
    {
        std::vector<WindowPacking::Thread> threads(3);
        for (auto &t : threads)
            t.runnable = {{100, 200}};
        threads[0].runNs = 30;
        threads[1].runNs = 50;
        threads[2].runNs = 20;
        WindowPacking::pack(100, 200, 1, threads, 1); // thread 1 first this window
        QCOMPARE(threads[1].running, (std::vector<Span>{{100, 150}}));
        QCOMPARE(threads[2].running, (std::vector<Span>{{150, 170}}));
        QCOMPARE(threads[0].running, (std::vector<Span>{{170, 200}}));
        for (const auto &t : threads)
            QCOMPARE(t.carriedNs, 0ull);
    }

    void aShareWrapsOntoTheNextCore()
    {
        std::vector<WindowPacking::Thread> threads(2);
        for (auto &t : threads)
            t.runnable = {{0, 100}};
        threads[0].runNs = 70;
        threads[1].runNs = 60; // 30 at the end of core 0, 30 at the start of core 1
        WindowPacking::pack(0, 100, 2, threads, 0);
        QCOMPARE(threads[0].running, (std::vector<Span>{{0, 70}}));
        QCOMPARE(threads[1].running, (std::vector<Span>{{0, 30}, {70, 100}}));
    }

    void moreThanTheCoresCanGiveIsCarried()
    {
        std::vector<WindowPacking::Thread> threads(2);
        for (auto &t : threads)
            t.runnable = {{0, 100}};
        threads[0].runNs = 80;
        threads[1].runNs = 40; // a tick-late counter: 120 counted in a 100 window
        WindowPacking::pack(0, 100, 1, threads, 0);
        QCOMPARE(threads[0].running, (std::vector<Span>{{0, 80}}));
        QCOMPARE(threads[1].running, (std::vector<Span>{{80, 100}}));
        QCOMPARE(threads[1].carriedNs, 20ull);
    }

    void runningStaysInsideRunnableTime()
    {
        // Asleep in IO from 20 to 60: its 50 of CPU time fit only around that.
        std::vector<WindowPacking::Thread> threads(1);
        threads[0].runnable = {{0, 20}, {60, 100}};
        threads[0].runNs = 50;
        WindowPacking::pack(0, 100, 1, threads, 0);
        QCOMPARE(threads[0].running, (std::vector<Span>{{0, 20}, {60, 90}}));
        QCOMPARE(threads[0].carriedNs, 0ull);

        threads[0].runNs = 70; // more than its 60 runnable: the rest waits for the next window
        WindowPacking::pack(0, 100, 1, threads, 0);
        QCOMPARE(WindowPacking::total(threads[0].running), 60ull);
        QCOMPARE(threads[0].carriedNs, 10ull);
    }

    void aThreadInItsLastWindowGoesFirst()
    {
        std::vector<WindowPacking::Thread> threads(2);
        for (auto &t : threads)
            t.runnable = {{0, 100}};
        threads[0].runNs = 70;
        threads[1].runNs = 60;
        threads[1].lastWindow = true; // it ends here: nothing of it can be carried
        WindowPacking::pack(0, 100, 1, threads, 0);
        QCOMPARE(threads[1].running, (std::vector<Span>{{0, 60}}));
        QCOMPARE(threads[0].running, (std::vector<Span>{{60, 100}}));
        QCOMPARE(threads[0].carriedNs, 30ull);
    }

    void aThreadNotRunnableGetsNothing()
    {
        std::vector<WindowPacking::Thread> threads(2);
        threads[0].runNs = 30; // counted, but it was asleep all window: carried
        threads[1].runnable = {{0, 100}};
        threads[1].runNs = 40;
        WindowPacking::pack(0, 100, 1, threads, 0);
        QVERIFY(threads[0].running.empty());
        QCOMPARE(threads[0].carriedNs, 30ull);
        QCOMPARE(threads[1].running, (std::vector<Span>{{0, 40}}));
    }
};

QTEST_GUILESS_MAIN(TestWindowPacking)
#include "tst_windowpacking.moc"
