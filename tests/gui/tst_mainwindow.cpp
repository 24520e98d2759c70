#include "ShotSaver.h"
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
    static void setParameters(MainWindow &window, const QStringList &assignments)
    {
        for (const QString &assignment : assignments) {
            QVERIFY2(window.parameters()->setValue(assignment.section('=', 0, 0),
                                                   assignment.section('=', 1)),
                     qPrintable(assignment));
        }
    }
    static int laneOf(const MainWindow &window, const QString &name)
    {
        for (int lane = 0; lane < window.timeline()->laneCount(); ++lane) {
            if (window.timeline()->laneLabel(lane).startsWith(name + QLatin1String("  ")))
                return lane;
        }
        return -1;
    }
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

    void ioModelsShowPhasesAndTheMatrix()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("io-models")));
        setParameters(window, {QStringLiteral("delay=40"), QStringLiteral("poll-interval=5"),
                               QStringLiteral("rounds=2")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 20000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QVERIFY(window.recording().hasIo());
        // Two rounds for each of the five receivers, each with a measured wait.
        QCOMPARE(window.recording().ioRounds().size(), std::size_t(10));
        for (const auto &round : window.recording().ioRounds())
            QVERIFY(round.waitNs() > 0);
        QVERIFY(!window.recording().ioAttempts().empty());
        QVERIFY2(
            window.lessonTabs()
                ->ioMatrix()
                ->cellText(QStringLiteral("non-blocking"))
                .contains(QLatin1String("failed tries")),
            qPrintable(window.lessonTabs()->ioMatrix()->cellText(QStringLiteral("non-blocking"))));
        QVERIFY(window.lessonTabs()
                    ->ioMatrix()
                    ->cellText(QStringLiteral("async"))
                    .contains(QLatin1String("blocked 0 s")));
        // Each receiver's data row sits right under its own lane, where the two are read
        // together: by label order, and where the window draws (and hit-tests) the rows.
        TimelineView *timeline = window.timeline();
        const QStringList rows = timeline->rowLabels();
        const QString suffix = QStringLiteral(": data");
        QCOMPARE(rows.filter(suffix).size(), 5);
        const double middle = (timeline->visibleStartNs() + timeline->visibleEndNs()) / 2;
        for (int lane = 0; lane < timeline->laneCount(); ++lane) {
            const QString label = timeline->laneLabel(lane);
            const QString name = label.section(QStringLiteral("  "), 0, 0);
            const qsizetype row = rows.indexOf(label);
            QVERIFY(row >= 0);
            if (!rows.contains(name + suffix))
                continue;
            QCOMPARE(rows.value(row + 1), name + suffix);
            const QPoint below =
                timeline->pointFor(lane, middle) +
                QPoint(0, TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap);
            const QString tip = timeline->toolTipAt(below);
            QVERIFY2(tip.startsWith(QStringLiteral("<b>%1</b>").arg(name + suffix)),
                     qPrintable(tip));
        }
        // Under the matrix, the textbook figure: one round of each of the five receivers.
        IoRoundFigureView *figure = window.lessonTabs()->ioFigure();
        QVERIFY(!figure->isEmpty());
        QVERIFY(figure->sizeHint().height() > 5 * IoRoundFigure::kRowHeight);
        window.lessonTabs()->showTab(window.lessonTabs()->ioMatrix());
        saveShot(&window, QStringLiteral("io-models-tab"));
    }

    void serverDesignsAreCharted()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("server-models")));
        QVERIFY(window.isTabShown(window.lessonTabs()->servers()));
        QVERIFY(!window.isTabShown(window.lessonTabs()->ioMatrix()));
        setParameters(window, {QStringLiteral("duration=100"), QStringLiteral("clients=20")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QCOMPARE(window.controller()->summary().value(QLatin1String("bad_replies")).toInt(), 0);
        QVERIFY2(window.lessonTabs()->servers()->designs().size() >=
                     4, // io_uring may be unavailable
                 qPrintable(window.lessonTabs()->servers()->designs().join(QLatin1Char(','))));
        window.lessonTabs()->showTab(window.lessonTabs()->servers());
        saveShot(window.lessonTabs()->servers(), QStringLiteral("servers"));
    }

    void kernelLanesComeFromItsCounters()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("kernel")));
        setParameters(window, {QStringLiteral("time-scale=0.1"), QStringLiteral("cores=1")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 20000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QCOMPARE(window.recording().meta().sampleNs, 10'000'000ull);
        // Each busy thread both ran and waited for the one core, and a point drawn running
        // says so when hovered.
        const StateTimeline &timeline = window.recording().timeline();
        for (const QString &name :
             {QStringLiteral("B1"), QStringLiteral("B2"), QStringLiteral("B3")}) {
            const int lane = laneOf(window, name);
            QVERIFY2(lane >= 0, qPrintable(name));
            int index = -1;
            for (const WorkerInfo &worker : window.recording().meta().workers)
                if (QString::fromStdString(worker.name) == name)
                    index = timeline.laneOf(worker.id);
            QVERIFY(index >= 0);
            double running = 0;
            double ready = 0;
            double runningAt = -1;
            for (const StateInterval &interval : timeline.lane(std::size_t(index)).intervals) {
                const double length = double(interval.endNs - interval.startNs);
                if (interval.state == WorkerState::Running) {
                    running += length;
                    if (runningAt < 0 && length > 2e6)
                        runningAt = double(interval.startNs + interval.endNs) / 2 -
                                    double(timeline.firstNs());
                } else if (interval.state == WorkerState::Ready) {
                    ready += length;
                }
            }
            QVERIFY2(running > 90e6 && ready > 0, qPrintable(name));
            QVERIFY(runningAt >= 0);
            window.timeline()->fit();
            const QString tip =
                window.timeline()->toolTipAt(window.timeline()->pointFor(lane, runningAt));
            QVERIFY2(tip.contains(QLatin1String("running")), qPrintable(tip));
        }
        bool saysKernel = false;
        for (QLabel *label : window.findChildren<QLabel *>())
            saysKernel = saysKernel || label->text().contains(QLatin1String("kernel schedules"));
        QVERIFY(saysKernel);
        saveShot(&window, QStringLiteral("kernel"));
        // The kernel's figures per thread, as a table beside what the lanes draw.
        auto *figures = window.findChild<QTextBrowser *>(QStringLiteral("figures"));
        QVERIFY(figures);
        const QString shown = figures->toPlainText();
        QVERIFY2(shown.contains(QLatin1String("On a CPU")) &&
                     shown.contains(QLatin1String("Waited for a CPU")),
                 qPrintable(shown));
        for (QTabWidget *tabs : window.findChildren<QTabWidget *>()) {
            if (tabs->indexOf(figures->parentWidget()) >= 0)
                tabs->setCurrentWidget(figures->parentWidget());
        }
        saveShot(figures->parentWidget(), QStringLiteral("kernel-figures"));
    }

    void multiprogrammingChartsBothUtilisations()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        auto *chart = window.findChild<MultiprogrammingChart *>();
        QVERIFY(chart);
        QVERIFY(window.selectScenario(QStringLiteral("policies")));
        QVERIFY(!window.isTabShown(chart));
        QVERIFY(window.selectScenario(QStringLiteral("multiprogramming")));
        QVERIFY(window.isTabShown(chart));
        QVERIFY(!window.isTabShown(window.lessonTabs()->servers()));
        setParameters(window, {QStringLiteral("time-scale=0.25")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        // Batch and multiprogrammed, each a measured utilisation in percent.
        const QList<double> bars = chart->utilisationBars();
        QCOMPARE(bars.size(), 2);
        for (const double percent : bars)
            QVERIFY2(percent > 0 && percent <= 100, qPrintable(QString::number(percent)));
        window.lessonTabs()->showTab(chart);
        saveShot(chart, QStringLiteral("multiprogramming"));
    }

    void policiesShowJobTimesAndCompare()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("policies")));
        QVERIFY(window.isTabShown(window.lessonTabs()->scheduling()));
        setParameters(window, {QStringLiteral("policy=rr"), QStringLiteral("unit=10"),
                               QStringLiteral("quantum=20")});
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        const int jobs =
            int(window.controller()->summary().value(QLatin1String("jobs")).toArray().size());
        QVERIFY(jobs > 0);
        QCOMPARE(window.lessonTabs()->scheduling()->jobRows(), jobs + 1); // and the averages
        QVERIFY(window.statusText().contains(QLatin1String("V=1 RR")));

        QVERIFY(window.lessonTabs()->scheduling()->compare(window.currentScenario(),
                                                           window.parameters()->assignments(), 30));
        QVERIFY(window.lessonTabs()->scheduling()->isComparing());
        QTRY_VERIFY_WITH_TIMEOUT(!window.lessonTabs()->scheduling()->isComparing(), 60000);
        QCOMPARE(window.lessonTabs()->scheduling()->chart()->categoryCount(), 6);
        window.lessonTabs()->showTab(window.lessonTabs()->scheduling());
        saveShot(window.lessonTabs()->scheduling(), QStringLiteral("scheduling"));
    }

    void badJobCellIsRefusedAtTheCell()
    {
        // Typed into a cell as a user would: a bad value never reaches the table, and the
        // reason is under it at once, not at Run; a good one is taken and clears it.
        JobTableEditor editor;
        editor.show();
        auto *table = editor.findChild<QTableWidget *>(QStringLiteral("jobTable"));
        auto *problem = editor.findChild<QLabel *>(QStringLiteral("jobCellProblem"));
        QVERIFY(table && problem);
        QVERIFY(table->rowCount() > 0);
        const QString before = table->item(0, 2)->text();
        const auto type = [&](int column, const QString &text) {
            const QModelIndex index = table->model()->index(0, column);
            table->setCurrentIndex(index);
            table->edit(index);
            auto *line = table->viewport()->findChild<QLineEdit *>();
            QVERIFY(line);
            line->selectAll();
            QTest::keyClicks(line, text);
            // What Return does in the editor: the delegate commits, then closes it.
            emit table->itemDelegate()->commitData(line);
            emit table->itemDelegate()->closeEditor(line);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        };
        type(2, QStringLiteral("3/x"));
        QCOMPARE(table->item(0, 2)->text(), before);
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QLatin1String("3/x")), qPrintable(problem->text()));
        saveShot(&editor, QStringLiteral("job-cell-refused"));
        type(1, QStringLiteral("-4"));
        QVERIFY2(problem->text().contains(QLatin1String("arrival")), qPrintable(problem->text()));
        type(2, QStringLiteral("2/1/2"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("2/1/2"));
        QVERIFY(problem->isHidden());
        QVERIFY(JobCellDelegate::problemWith({"P1", "0", "5/3/2", "1"}).isEmpty());
        QVERIFY(!JobCellDelegate::problemWith({"P1", "0", "5/3", "1"}).isEmpty());
        QVERIFY(!JobCellDelegate::problemWith({"P,1", "0", "5", "1"}).isEmpty());
    }

    void editedJobTableIsRunAndCheckedByTheRunner()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("policies")));
        setParameters(window, {QStringLiteral("unit=10")});
        JobTableEditor *table = window.lessonTabs()->scheduling()->jobTable();
        table->loadPreset(QStringLiteral("io"));
        QVERIFY(table->jobCount() > 0);
        table->setUseTable(true);
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QVERIFY(window.controller()->summary().contains(QLatin1String("jobs_file")));
        QCOMPARE(window.lessonTabs()->scheduling()->jobRows(), table->jobCount() + 1);

        // A table the runner cannot read: its message, naming file and line, reaches the window.
        auto *cells = window.findChild<QTableWidget *>(QStringLiteral("jobTable"));
        QVERIFY(cells);
        cells->item(0, 2)->setText(QStringLiteral("x/y"));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 10000);
        QVERIFY2(window.statusText().contains(QLatin1String(".csv:2:")),
                 qPrintable(window.statusText()));
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
