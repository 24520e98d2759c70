#include "ShotSaver.h"
#include "WindowDriving.h"
#include "app/JobCellDelegate.h"
#include "app/JobTableEditor.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/ParameterEditor.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"
#include "app/SchedulingPanel.h"
#include "trace/TraceFile.h"
#include "views/IoModelsMatrix.h"
#include "views/IoRoundFigure.h"
#include "views/IoRoundFigureView.h"
#include "views/MultiprogrammingChart.h"
#include "views/PolicyComparisonChart.h"
#include "views/QueueDepthChart.h"
#include "views/ServerModelsCharts.h"
#include "views/StatePalette.h"
#include "views/TimelinePainter.h"
#include "views/TimelineView.h"
#include "views/WaitForGraphView.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <cerrno>
#include <csignal>

using namespace conlab;

// The window as a user drives it: pick the lesson, set parameters, Run, watch, Stop.
class MainWindowTest : public QObject
{
    Q_OBJECT

private:
    static bool processGone(qint64 pid) { return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH; }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void catalogAndParameterPanelComeFromTheSchema()
    {
        MainWindow window;
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        QCOMPARE(window.currentScenario(), QStringLiteral("producer-consumer"));
        ParameterPanel *panel = window.parameters();
        for (const char *name :
             {"kind", "producers", "consumers", "capacity", "shutdown", "cpus", "time-scale"})
            QVERIFY2(panel->editor(QString::fromLatin1(name)), name);
        ParameterEditor *producers = panel->editor(QStringLiteral("producers"));
        QVERIFY(producers->slider());
        QCOMPARE(producers->slider()->maximum(), 16);
        QVERIFY(!producers->toolTip().isEmpty());
        QVERIFY(!panel->setValue(QStringLiteral("producers"), QStringLiteral("17")));
        QVERIFY(panel->setValue(QStringLiteral("producers"), QStringLiteral("5")));
        QVERIFY(panel->setValue(QStringLiteral("shutdown"), QStringLiteral("joinable")));
        QVERIFY(panel->assignments().contains(QStringLiteral("producers=5")));
        panel->resetToDefaults();
        QVERIFY(panel->assignments().contains(QStringLiteral("producers=3")));
        QVERIFY(panel->assignments().contains(QStringLiteral("shutdown=sentinel")));
    }

    // A trace whose workers lost events names them on the status line, the most losses first,
    // and all of them in its tooltip, with what no worker is named for.
    void statusLineNamesTheWorkersThatLostEvents()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Trace trace;
        trace.meta.scenario = "producer-consumer";
        trace.meta.startNs = 1000;
        trace.meta.workers = {{0, "main", "main"},
                              {1, "producer", "producer-1"},
                              {2, "producer", "producer-2"},
                              {3, "consumer", "consumer-1"},
                              {4, "consumer", "consumer-2"}};
        for (std::uint32_t w = 0; w < 5; ++w)
            trace.events.push_back({1000 + w, w, EventKind::WorkerNew, 0, 0, 0, 0});
        trace.droppedEvents = 26;
        trace.droppedByWorker = {{1, 3}, {2, 12}, {3, 1}, {4, 7}};
        const QString file = dir.filePath(QStringLiteral("lost.trace"));
        std::string written;
        QVERIFY2(TraceFile::write(file.toStdString(), trace, &written), written.c_str());
        MainWindow window;
        QString error;
        QVERIFY2(window.loadTrace(file, &error), qPrintable(error));
        QVERIFY2(window.statusText().contains(QLatin1String(
                     "dropped events 26 (producer-2: 12, consumer-2: 7, producer-1: 3, 1 more)")),
                 qPrintable(window.statusText()));
        auto *label = window.findChild<QLabel *>(QStringLiteral("droppedEvents"));
        QVERIFY(label);
        const QString tip = label->toolTip();
        for (const char *part : {"producer-2: 12, consumer-2: 7, producer-1: 3, consumer-1: 1",
                                 "3 more lost from the runner's own ring"})
            QVERIFY2(tip.contains(QLatin1String(part)), qPrintable(tip));
    }

    void runFillsOneLanePerWorker()
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        window.selectScenario(QStringLiteral("producer-consumer"));
        setParameters(window, {QStringLiteral("time-scale=0.05")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QVERIFY(window.controller()
                    ->summary()
                    .value(QLatin1String("checks"))
                    .toObject()
                    .value(QLatin1String("passed"))
                    .toBool());

        TimelineView *timeline = window.timeline();
        QCOMPARE(timeline->laneCount(), 6); // main, 3 producers, 2 consumers
        const int producer = laneOf(window, QStringLiteral("producer-1"));
        const int consumer = laneOf(window, QStringLiteral("consumer-2"));
        QVERIFY(producer > 0);
        QVERIFY(consumer > 0);
        QVERIFY2(timeline->laneLabel(producer).contains(QLatin1String("tid ")),
                 qPrintable(timeline->laneLabel(producer)));
        QVERIFY(window.statusText().contains(QLatin1String("produced 18, consumed 18")));
        QVERIFY(window.statusText().contains(QLatin1String("dropped events 0")));
        QVERIFY(window.statusText().contains(QLatin1String("V=1 FCFS")));
        QVERIFY(window.queueChart()->pointCount() > 10);
        QCOMPARE(window.queueChart()->capacity(), 4);
        QVERIFY(window.queueChart()->isVisible());

        // What is drawn at the middle of the run on a lane is the colour of the state the
        // recording has there, and the tooltip names the worker and that state.
        const auto &lane = window.recording().timeline().lane(std::size_t(producer));
        const StateInterval *widest = nullptr;
        for (const StateInterval &interval : lane.intervals) {
            if (interval.state != WorkerState::Terminated &&
                (!widest || interval.endNs - interval.startNs > widest->endNs - widest->startNs))
                widest = &interval;
        }
        QVERIFY(widest);
        const double origin = double(window.recording().meta().startNs);
        const double middle = (double(widest->startNs) + double(widest->endNs)) / 2 - origin;
        const QPoint point = timeline->pointFor(producer, middle);
        const QImage image = timeline->viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(point * image.devicePixelRatio()).rgb(),
                 StatePalette::color(StatePalette::categoryOf(*widest)).rgb());
        const QString tip = timeline->toolTipAt(point);
        QVERIFY2(tip.contains(QLatin1String("producer-1")), qPrintable(tip));
        QVERIFY2(tip.contains(StatePalette::stateName(widest->state)), qPrintable(tip));
    }

    void zoomAndFit()
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        window.selectScenario(QStringLiteral("producer-consumer"));
        setParameters(window, {QStringLiteral("time-scale=0.02")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        TimelineView *timeline = window.timeline();
        const double span = timeline->visibleEndNs() - timeline->visibleStartNs();
        QTest::keyClick(timeline, Qt::Key_Plus);
        QVERIFY(timeline->visibleEndNs() - timeline->visibleStartNs() < span * 0.9);
        QTest::keyClick(timeline, Qt::Key_0);
        QCOMPARE(timeline->visibleStartNs(), 0.0);
        QVERIFY(qAbs(timeline->visibleEndNs() - span) < span * 0.01);
    }

    void stopEndsAStrandedRun()
    {
        MainWindow window;
        window.show();
        window.selectScenario(QStringLiteral("producer-consumer"));
        setParameters(
            window, {QStringLiteral("time-scale=0.05"), QStringLiteral("shutdown=early-sentinel")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        const qint64 runner = window.controller()->runnerPid();
        // Stranded: every consumer has gone and a producer waits on a full queue for good.
        const auto stranded = [&window] {
            const StateTimeline &timeline = window.recording().timeline();
            bool producerWaits = false;
            for (std::size_t lane = 0; lane < timeline.laneCount(); ++lane) {
                const auto &intervals = timeline.lane(lane).intervals;
                const WorkerInfo *info = timeline.meta().worker(timeline.lane(lane).worker);
                if (intervals.empty() || !info)
                    return false;
                if (info->role == "consumer" && intervals.back().state != WorkerState::Terminated)
                    return false;
                producerWaits =
                    producerWaits || (info->role == "producer" &&
                                      intervals.back().reason == BlockReason::QueueFull &&
                                      intervals.back().state == WorkerState::Blocked);
            }
            return producerWaits;
        };
        QTRY_VERIFY_WITH_TIMEOUT(stranded(), 20000);
        QVERIFY(window.controller()->isRunning());
        window.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 2000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("stopped"));
        QVERIFY(window.controller()->summary().value(QLatin1String("stranded")).toInt() > 0);
        QVERIFY2(window.statusText().contains(QLatin1String("stranded")),
                 qPrintable(window.statusText()));
        QVERIFY(processGone(runner));
    }

    void killedWorkerProcessEndsItsLane()
    {
        MainWindow window;
        window.show();
        window.selectScenario(QStringLiteral("producer-consumer"));
        setParameters(window, {QStringLiteral("kind=process"), QStringLiteral("time-scale=0.05"),
                               QStringLiteral("shutdown=early-sentinel")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        const StateTimeline &timeline = window.recording().timeline();
        const int producer = timeline.laneOf(1);
        QVERIFY(producer > 0);
        QTRY_VERIFY_WITH_TIMEOUT(timeline.lane(std::size_t(producer)).pid > 0, 10000);
        const qint64 pid = timeline.lane(std::size_t(producer)).pid;
        QVERIFY(pid != timeline.lane(0).pid);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!timeline.lane(std::size_t(producer)).intervals.empty() &&
                                     timeline.lane(std::size_t(producer)).intervals.back().state ==
                                         WorkerState::Terminated,
                                 5000);
        const StateInterval &end = timeline.lane(std::size_t(producer)).intervals.back();
        QCOMPARE(end.exitCause, ExitCause::Signal);
        QCOMPARE(end.exitArg, qint64(SIGKILL));
        QCOMPARE(StatePalette::exitText(end.exitCause, end.exitArg),
                 QStringLiteral("killed by signal 9"));
        QVERIFY(window.controller()->isRunning()); // the window and the run carry on
        window.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 2000);
        QVERIFY(window.isVisible());
    }

    void closingTheWindowEndsTheRun()
    {
        auto *window = new MainWindow;
        window->show();
        window->selectScenario(QStringLiteral("producer-consumer"));
        setParameters(*window,
                      {QStringLiteral("kind=process"), QStringLiteral("shutdown=early-sentinel")});
        window->run();
        QTRY_VERIFY_WITH_TIMEOUT(window->recording().hasMeta(), 10000);
        const qint64 runner = window->controller()->runnerPid();
        std::vector<qint64> workers;
        const StateTimeline &timeline = window->recording().timeline();
        QTRY_VERIFY_WITH_TIMEOUT(timeline.lane(timeline.laneCount() - 1).pid > 0, 10000);
        for (std::size_t lane = 1; lane < timeline.laneCount(); ++lane)
            workers.push_back(timeline.lane(lane).pid);
        window->close();
        delete window;
        QVERIFY(processGone(runner));
        for (const qint64 pid : workers)
            QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 1000);
    }

    void deadlockTurnsTheGraphRedAndNamesTheCycle()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.selectScenario(QStringLiteral("two-locks"));
        setParameters(window, {QStringLiteral("time-scale=0.05"), QStringLiteral("remedy=none")});
        window.findChild<QSpinBox *>(QStringLiteral("timeLimit"))->setValue(2);
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.lessonTabs()->graph()->cycleCount() == 1, 10000);
        QVERIFY2(window.bannerText().startsWith(QLatin1String("deadlock: worker-")),
                 qPrintable(window.bannerText()));
        QVERIFY(window.bannerText().contains(QLatin1String("holds lock")));
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 10000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("deadlocked"));
        QCOMPARE(window.remedyRows(), 1);
        // The lock lanes sit under the worker lanes, one per lock.
        QCOMPARE(window.recording().locks().lanes().size(), std::size_t(2));

        // A remedy finishes, and the table gets a second row to compare with.
        setParameters(window, {QStringLiteral("remedy=order")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 10000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QCOMPARE(window.remedyRows(), 2);
        QCOMPARE(window.lessonTabs()->graph()->cycleCount(), 0);
        QVERIFY(window.bannerText().isEmpty());
    }

    void damageIsNamedInTheBanner_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("banner");
        QTest::newRow("oversold") << "ticket-race"
                                  << QStringList{"lock=none", "buyers=5", "tickets=1"}
                                  << "tickets oversold";
        QTest::newRow("lost updates")
            << "shared-counter" << QStringList{"lock=off"} << "updates lost";
        QTest::newRow("lock order") << "lock-order" << QStringList{} << "potential deadlock";
    }
    void damageIsNamedInTheBanner()
    {
        QFETCH(QString, scenario);
        QFETCH(QStringList, sets);
        QFETCH(QString, banner);
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario(scenario));
        setParameters(window, QStringList{QStringLiteral("time-scale=0.05")} + sets);
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 20000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QVERIFY2(window.bannerText().contains(banner), qPrintable(window.bannerText()));
    }

    void aFailingRunnerIsReportedNotFatal()
    {
        MainWindow window;
        window.show();
        window.selectScenario(QStringLiteral("producer-consumer"));
        const QByteArray runner = qgetenv("CONLAB_RUNNER");
        qputenv("CONLAB_RUNNER", "/bin/false");
        window.run();
        qputenv("CONLAB_RUNNER", runner);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 5000);
        QVERIFY2(window.statusText().contains(QLatin1String("exited with code 1")),
                 qPrintable(window.statusText()));
        QVERIFY(window.isVisible());
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
