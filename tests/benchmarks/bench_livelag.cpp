#include "app/MainWindow.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <vector>

using namespace conlab;

// How late the window's event loop runs while a run of a thousand threads draws live: a 2 ms
// probe timer notes how much later than due each of its ticks came (what a click or a resize
// would wait), and the percentiles are the figures. A frame's work is the GUI thread's CPU time
// from one live frame to the next (taking in events, the frame's update and its painting),
// against the frame's slot (the screen's refresh: 16.7 ms at 60 Hz). The window is 1920x1080 and
// shown, so every update is painted. Run by hand, with the runner beside it:
//   QT_QPA_PLATFORM=offscreen CONLAB_RUNNER=build/dev/bin/conlab-runner build/dev/bin/bench_livelag
class LiveLagBenchmark : public QObject
{
    Q_OBJECT

private:
    static double percentile(std::vector<double> values, double p)
    {
        if (values.empty())
            return 0;
        std::sort(values.begin(), values.end());
        return values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void thousandThreadsLive_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("10 workers") << 10;
        QTest::newRow("1000 workers") << 1000;
    }

    void thousandThreadsLive()
    {
        QFETCH(int, workers);
        MainWindow window;
        window.resize(1920, 1080);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectScenario(QStringLiteral("shared-counter")));
        // Every worker reads, waits 2 s, writes: a thousand lanes live for about two seconds.
        QVERIFY(window.parameters()->setValue(QStringLiteral("workers"), QString::number(workers)));
        QVERIFY(window.parameters()->setValue(QStringLiteral("delay"), QStringLiteral("2000")));

        std::vector<double> lateMs;
        QElapsedTimer clock;
        qint64 due = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(2);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.nsecsElapsed();
            if (due > 0)
                lateMs.push_back(double(std::max<qint64>(0, now - due)) / 1e6);
            due = now + 2'000'000;
        });
        std::vector<double> frameMs;
        double lastCpuMs = -1;
        connect(&window, &MainWindow::refreshed, this, [&] {
            timespec cpu;
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
            const double ms = double(cpu.tv_sec) * 1e3 + double(cpu.tv_nsec) / 1e6;
            if (lastCpuMs >= 0)
                frameMs.push_back(ms - lastCpuMs);
            lastCpuMs = ms;
        });
        QEventLoop loop;
        QString outcome;
        connect(window.controller(), &RunController::started, this, [&] {
            clock.start();
            probe.start();
        });
        connect(window.controller(), &RunController::finished, this, [&](const QString &o) {
            outcome = o;
            loop.quit();
        });
        connect(window.controller(), &RunController::failed, &loop, &QEventLoop::quit);
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        window.run();
        loop.exec();
        probe.stop();
        QCOMPARE(outcome, QStringLiteral("completed"));
        qInfo("%d workers: %zu ticks over %.2f s, event loop late by p50 %.2f ms, p95 %.2f ms, "
              "p99 %.2f ms, max %.2f ms",
              workers, lateMs.size(), double(clock.nsecsElapsed()) / 1e9, percentile(lateMs, 0.5),
              percentile(lateMs, 0.95), percentile(lateMs, 0.99), percentile(lateMs, 1.0));
        qInfo("%d workers: %zu frames (slot %d ms), a frame's work p50 %.2f ms, p95 %.2f ms, "
              "max %.2f ms",
              workers, frameMs.size(), window.frameIntervalMs(), percentile(frameMs, 0.5),
              percentile(frameMs, 0.95), percentile(frameMs, 1.0));
    }
};

QTEST_MAIN(LiveLagBenchmark)
#include "bench_livelag.moc"
