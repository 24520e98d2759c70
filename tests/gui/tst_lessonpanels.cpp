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

// The lessons' own panels in the window, after real runs: io-models' matrix and round figure,
// the server designs' charts, the kernel's lanes from its counters, multiprogramming's chart,
// policies' job times and Compare, and the Scheduling panel's job table.
class LessonPanelsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
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
};

QTEST_MAIN(LessonPanelsTest)
#include "tst_lessonpanels.moc"
