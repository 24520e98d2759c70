#include "ShotSaver.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/OutputPanel.h"
#include "app/ParameterPanel.h"
#include "app/ProcessTreeView.h"
#include "app/RunController.h"
#include "trace/OutputText.h"
#include "trace/TraceFile.h"
#include "views/TimelineView.h"
#include "views/WaitForGraphView.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace conlab;

// What the workers printed, as a user meets it: rows in the Output tab that lead to their
// instant on the timeline, pins on the lanes, and the run's processes in the Figures tab.
class OutputPanelTest : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint64_t kStart = 5'000'000'000;
    static constexpr std::uint64_t kMs = 1'000'000;
    static constexpr std::int64_t kShell = 50;
    static constexpr std::int64_t kRunner = 100;
    static constexpr std::int64_t kChild = 200;

    static Event event(std::uint64_t ms, std::uint32_t worker, EventKind kind,
                       std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                       std::int64_t arg = 0)
    {
        return {kStart + ms * kMs, worker, kind, reason, object, value, arg};
    }
    static void print(std::vector<Event> &events, std::uint64_t ms, std::uint32_t worker,
                      const char *text)
    {
        const auto line = OutputText::encode(worker, kStart + ms * kMs, text);
        events.insert(events.end(), line.begin(), line.end());
    }

    // main (in the runner, pid 100) starts p1 (a process, pid 200) and a thread t2, joins p1,
    // and everyone prints along the way.
    static QString writeTrace(const QTemporaryDir &dir)
    {
        Trace trace;
        trace.meta.scenario = "join-order";
        trace.meta.title = "The join-order puzzle";
        trace.meta.startNs = kStart;
        trace.meta.cpus = 0;
        trace.meta.workers = {{0, "main", "main"}, {1, "worker", "p1"}, {2, "worker", "t2"}};
        auto &events = trace.events;
        events = {event(0, 0, EventKind::WorkerNew),
                  event(0, 0, EventKind::WorkerStarted, 0, kShell, kRunner, kRunner),
                  event(0, 0, EventKind::Running), event(1, 1, EventKind::WorkerNew, 0, 0, 0, 1),
                  event(1, 2, EventKind::WorkerNew)};
        print(events, 2, 0, "main: start p1");
        events.push_back(event(3, 1, EventKind::WorkerStarted, 0, kRunner, kChild, kChild));
        events.push_back(event(3, 1, EventKind::Running));
        print(events, 4, 1, "p1: start, works 400 ms");
        events.push_back(event(4, 2, EventKind::WorkerStarted, 0, kShell, 101, kRunner));
        events.push_back(event(4, 2, EventKind::Running));
        events.push_back(event(5, 0, EventKind::Blocked, std::uint16_t(BlockReason::Join), 1));
        events.push_back(event(5, 1, EventKind::Blocked, std::uint16_t(BlockReason::Sleep)));
        events.push_back(event(50, 2, EventKind::Terminated));
        print(events, 404, 1, "p1: done");
        events.push_back(event(405, 1, EventKind::Terminated));
        events.push_back(event(405, 0, EventKind::Running));
        print(events, 406, 0, "main: p1 joined");
        events.push_back(event(500, 0, EventKind::Terminated));
        trace.summaryJson =
            R"({"scenario":"join-order","outcome":"completed","elapsed_ns":500000000,
            "tree":[{"pid":100,"ppid":50,"name":"conlab-runner",
                     "threads":[{"tid":100,"name":"main"},{"tid":101,"name":"t2"}],
                     "children":[{"pid":200,"ppid":100,"name":"p1",
                                  "threads":[{"tid":200,"name":"p1"}],"children":[]}]}],
            "output":[{"worker":"main","text":"main: start p1","t_ns":2000000}],
            "checks":{"passed":true,"violations":[]}})";
        const QString path = dir.filePath(QStringLiteral("output.conlab"));
        std::string error;
        if (!TraceFile::write(path.toStdString(), trace, &error))
            qWarning("%s", error.c_str());
        return path;
    }

    static QString cell(OutputPanel *panel, int row, int column)
    {
        return panel->model()->index(row, column).data().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void openedTraceFillsTheOutputTab()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1400, 800);
        window.show();
        QString error;
        QVERIFY2(window.loadTrace(writeTrace(dir), &error), qPrintable(error));
        OutputPanel *panel = window.lessonTabs()->output();
        QAbstractItemModelTester tester(panel->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel->lineCount(), 4);
        QCOMPARE(cell(panel, 0, 0), QStringLiteral("2.000"));
        QCOMPARE(cell(panel, 0, 1), QStringLiteral("main"));
        QCOMPARE(cell(panel, 0, 2), QStringLiteral("main: start p1"));
        QCOMPARE(cell(panel, 2, 0), QStringLiteral("404.000"));
        QCOMPARE(cell(panel, 2, 1), QStringLiteral("p1"));
        QCOMPARE(cell(panel, 2, 2), QStringLiteral("p1: done"));
        auto *tabs = qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget());
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Output (4)"));
        tabs->setCurrentWidget(panel);
        saveShot(&window, QStringLiteral("output-tab"));
    }

    void clickingARowShowsItsInstant()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1400, 800);
        window.show();
        QString error;
        QVERIFY2(window.loadTrace(writeTrace(dir), &error), qPrintable(error));
        OutputPanel *panel = window.lessonTabs()->output();
        auto *tabs = qobject_cast<QTabWidget *>(panel->parentWidget()->parentWidget());
        tabs->setCurrentWidget(panel);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TimelineView *timeline = window.timeline();
        // Zoomed in on the run's start, so that p1's last line is out of view.
        for (int i = 0; i < 12; ++i)
            timeline->zoomIn();
        QTest::keyClick(timeline, Qt::Key_Left);
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(timeline, Qt::Key_Left);
        const double done = 404.0 * kMs;
        QVERIFY(timeline->visibleEndNs() < done);

        const QModelIndex row = panel->model()->index(2, 2);
        panel->scrollTo(row);
        QTest::mouseClick(panel->viewport(), Qt::LeftButton, {}, panel->visualRect(row).center());
        QCOMPARE(timeline->cursorNs(), done);
        QVERIFY(timeline->visibleStartNs() <= done && done <= timeline->visibleEndNs());
        // As a click on the timeline would: the wait-for graph shows that instant.
        QCOMPARE(window.lessonTabs()->graph()->timeNs(), done);
        QVERIFY(!window.lessonTabs()->graph()->isLive());

        // The arrow keys walk the lines, and the timeline follows.
        QTest::keyClick(panel, Qt::Key_Down);
        QCOMPARE(timeline->cursorNs(), 406.0 * kMs);
        saveShot(&window, QStringLiteral("output-chosen"));
    }

    void pinsAndLaneTooltips()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1400, 800);
        window.show();
        QString error;
        QVERIFY2(window.loadTrace(writeTrace(dir), &error), qPrintable(error));
        TimelineView *timeline = window.timeline();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int p1 = 1;
        QVERIFY(timeline->laneLabel(p1).startsWith(QLatin1String("p1  pid 200")));
        const QString pin = timeline->toolTipAt(timeline->pointFor(p1, 404.0 * kMs));
        QVERIFY2(pin.contains(QLatin1String("p1: done")), qPrintable(pin));
        const QString state = timeline->toolTipAt(timeline->pointFor(p1, 200.0 * kMs));
        QVERIFY2(state.contains(QLatin1String("ppid 100")), qPrintable(state));
        QVERIFY2(!state.contains(QLatin1String("p1: done")), qPrintable(state));
        const QString thread = timeline->toolTipAt(timeline->pointFor(2, 20.0 * kMs));
        QVERIFY2(thread.contains(QLatin1String("ppid 50")), qPrintable(thread));
    }

    void aParentWithoutALaneIsShownAsSuch()
    {
        // server-models' connection forker: known only as its children's parent.
        ProcessTreeView tree;
        tree.showSummary(QJsonDocument::fromJson(R"({"tree":[
            {"pid":100,"ppid":50,"name":"conlab-runner","threads":[{"tid":100,"name":"main"}],
             "children":[]},
            {"pid":150,"ppid":0,"name":"","recorded":false,"threads":[],
             "children":[{"pid":201,"ppid":150,"name":"child process 1",
                          "threads":[{"tid":201,"name":"child process 1"}],"children":[]}]}]})")
                             .object());
        QCOMPARE(tree.rowTexts(), (QStringList{QStringLiteral("conlab-runner  pid 100  ppid 50"),
                                               QStringLiteral("main  tid 100"),
                                               QStringLiteral("a process without a lane  pid 150"),
                                               QStringLiteral("child process 1  pid 201  ppid 150"),
                                               QStringLiteral("child process 1  tid 201")}));
        tree.resize(520, 160);
        tree.show();
        saveShot(&tree, QStringLiteral("tree-forker"));
    }

    void figuresShowTheProcessTree()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QString error;
        QVERIFY2(window.loadTrace(writeTrace(dir), &error), qPrintable(error));
        ProcessTreeView *tree = window.lessonTabs()->processTree();
        QVERIFY(!tree->isHidden());
        QCOMPARE(
            tree->rowTexts(),
            (QStringList{QStringLiteral("conlab-runner  pid 100  ppid 50"),
                         QStringLiteral("main  tid 100"), QStringLiteral("t2  tid 101"),
                         QStringLiteral("p1  pid 200  ppid 100"), QStringLiteral("p1  tid 200")}));
        QVERIFY(tree->topLevelItem(0)->isExpanded());
        QVERIFY(tree->topLevelItem(0)->child(2)->isExpanded());
        // The tree and the printed lines have homes of their own, not rows of raw JSON.
        auto *figures = window.findChild<QTextBrowser *>(QStringLiteral("figures"));
        QVERIFY(figures);
        QVERIFY(!figures->toPlainText().contains(QLatin1String("children")));
        QVERIFY(!figures->toPlainText().contains(QLatin1String("main: start p1")));
        auto *tabs = qobject_cast<QTabWidget *>(
            window.lessonTabs()->output()->parentWidget()->parentWidget());
        tabs->setCurrentIndex(tabs->indexOf(figures->parentWidget()));
        saveShot(&window, QStringLiteral("figures-tree"));
    }

    void aLiveRunPrintsIntoTheTab()
    {
        MainWindow window;
        window.resize(1400, 800);
        window.show();
        if (!window.selectScenario(QStringLiteral("join-order")))
            QSKIP("no join-order lesson in this build");
        QVERIFY(window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.1")));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        const QJsonArray printed =
            window.controller()->summary().value(QLatin1String("output")).toArray();
        QVERIFY(!printed.isEmpty());
        QCOMPARE(window.lessonTabs()->output()->lineCount(), int(printed.size()));
        QVERIFY(!window.lessonTabs()->processTree()->isHidden());
        QVERIFY(window.lessonTabs()->processTree()->rowTexts().first().startsWith(
            QLatin1String("conlab-runner  pid ")));
        auto *tabs = qobject_cast<QTabWidget *>(
            window.lessonTabs()->output()->parentWidget()->parentWidget());
        tabs->setCurrentWidget(window.lessonTabs()->output());
        saveShot(&window, QStringLiteral("output-live"));

        // A new run starts the tab afresh.
        QSignalSpy counts(window.lessonTabs()->output(), &OutputPanel::lineCountChanged);
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.first().first().toInt(), 0);
        QCOMPARE(window.lessonTabs()->output()->lineCount(), int(printed.size()));
    }
};

QTEST_MAIN(OutputPanelTest)
#include "tst_outputpanel.moc"
