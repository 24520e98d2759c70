#include "ShotSaver.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/ParameterEditor.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"
#include "app/SchedulingPanel.h"
#include "views/QueueDepthChart.h"
#include "views/TimelineView.h"

#include <QAction>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace conlab;

// The window on a 1280x720 laptop screen: the timeline keeps at least half the width, the
// side panels can be hidden from the View menu, and the parameters read well when narrow.
class LaptopLayoutTest : public QObject
{
    Q_OBJECT

private:
    static void showAtLaptopSize(MainWindow &window)
    {
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
    }
    static QAction *viewEntry(MainWindow &window, const QString &name)
    {
        for (QAction *menu : window.menuBar()->actions()) {
            if (!menu->menu())
                continue;
            for (QAction *entry : menu->menu()->actions()) {
                if (entry->objectName() == name)
                    return entry;
            }
        }
        return nullptr;
    }
    static void runToEnd(MainWindow &window)
    {
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(window.recording().hasMeta(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 60000);
    }
    static QSpinBox *spinOf(MainWindow &window, const QString &parameter)
    {
        ParameterEditor *editor = window.parameters()->editor(parameter);
        return editor ? editor->findChild<QSpinBox *>() : nullptr;
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void timelineGetsHalfTheWidth()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.05"));
        runToEnd(window);
        saveShot(&window, QStringLiteral("laptop-producer-consumer"));
        QVERIFY2(window.timeline()->width() * 2 >= window.width(),
                 qPrintable(QStringLiteral("timeline %1 of %2")
                                .arg(window.timeline()->width())
                                .arg(window.width())));
    }

    void viewMenuHidesAndShowsTheSidePanels()
    {
        {
            MainWindow window;
            showAtLaptopSize(window);
            QAction *lessons = viewEntry(window, QStringLiteral("showLessonsDock"));
            QAction *lesson = viewEntry(window, QStringLiteral("showLessonDock"));
            QVERIFY(lessons);
            QVERIFY(lesson);
            QVERIFY(lessons->isCheckable() && lessons->isChecked());
            QVERIFY(lesson->isCheckable() && lesson->isChecked());
            const int before = window.timeline()->width();
            lessons->trigger();
            QVERIFY(!lessons->isChecked());
            QTRY_VERIFY(window.timeline()->width() > before);
            const int withoutLeft = window.timeline()->width();
            lesson->trigger();
            QTRY_VERIFY(window.timeline()->width() > withoutLeft);
            lesson->trigger();
            QVERIFY(lesson->isChecked());
            window.close(); // the layout is saved
        }
        MainWindow again;
        showAtLaptopSize(again);
        QAction *lessons = viewEntry(again, QStringLiteral("showLessonsDock"));
        QVERIFY(lessons);
        QVERIFY2(!lessons->isChecked(), "a hidden panel stays hidden at the next start");
        QVERIFY(viewEntry(again, QStringLiteral("showLessonDock"))->isChecked());
        lessons->trigger();
        QVERIFY(lessons->isChecked());
    }

    void serverModelsLabelsLeaveTheLanesRoom()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("server-models")));
        window.parameters()->setValue(QStringLiteral("duration"), QStringLiteral("100"));
        window.parameters()->setValue(QStringLiteral("clients"), QStringLiteral("20"));
        runToEnd(window);
        saveShot(&window, QStringLiteral("laptop-server-models"));
        TimelineView *timeline = window.timeline();
        int longest = 0;
        for (int lane = 0; lane < timeline->laneCount(); ++lane)
            longest = std::max(longest, int(timeline->laneLabel(lane).size()));
        QVERIFY2(longest > 30, "server-models has long lane names");
        QVERIFY2(timeline->plotLeft() * 3 <= timeline->width(),
                 qPrintable(QStringLiteral("labels %1 of %2")
                                .arg(timeline->plotLeft())
                                .arg(timeline->width())));
    }

    void schedulingAtLaptopWidth()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("policies")));
        // MLFQ's top quantum is the shortest turn of any policy's default.
        window.parameters()->setValue(QStringLiteral("policy"), QStringLiteral("mlfq"));
        window.parameters()->setValue(QStringLiteral("unit"), QStringLiteral("20"));
        runToEnd(window);
        window.lessonTabs()->showTab(window.lessonTabs()->scheduling());
        saveShot(&window, QStringLiteral("laptop-policies"));
    }

    void oneCpuIsSingular()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        QVERIFY(window.parameters()->setValue(QStringLiteral("cpus"), QStringLiteral("1")));
        QSpinBox *cpus = spinOf(window, QStringLiteral("cpus"));
        QVERIFY(cpus);
        QVERIFY2(!cpus->text().contains(QLatin1String("CPUs")), qPrintable(cpus->text()));
        QCOMPARE(cpus->text(), QStringLiteral("1 CPU"));
        QVERIFY(window.parameters()->setValue(QStringLiteral("cpus"), QStringLiteral("2")));
        QCOMPARE(cpus->text(), QStringLiteral("2 CPUs"));
        // Wide enough for its widest value, and the panel inside its dock: nothing is cut.
        QVERIFY(cpus->width() >= cpus->minimumSizeHint().width());
        for (const char *lesson : {"producer-consumer", "policies", "server-models"}) {
            QVERIFY(window.selectScenario(QString::fromLatin1(lesson)));
            QApplication::processEvents();
            QVERIFY2(window.parameters()->width() <= window.parameters()->parentWidget()->width(),
                     lesson);
        }
    }

    void mlfqParametersOnlyUnderMlfq()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("policies")));
        ParameterPanel *panel = window.parameters();
        QVERIFY(panel->setValue(QStringLiteral("policy"), QStringLiteral("rr")));
        QVERIFY(!panel->editor(QStringLiteral("mlfq-levels"))->isVisible());
        QVERIFY(!panel->editor(QStringLiteral("priority-mode"))->isVisible());
        QVERIFY(panel->editor(QStringLiteral("quantum"))->isVisible());
        QVERIFY(panel->setValue(QStringLiteral("policy"), QStringLiteral("mlfq")));
        QVERIFY(panel->editor(QStringLiteral("mlfq-levels"))->isVisible());
        // Hidden or not, every value still goes to the runner.
        QVERIFY(panel->assignments().contains(QStringLiteral("mlfq-levels=3")));
    }

    void aTypedValueOutOfRangeIsClampedAndSaid()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        QSpinBox *producers = spinOf(window, QStringLiteral("producers"));
        QVERIFY(producers);
        producers->setFocus();
        producers->selectAll();
        QTest::keyClicks(producers, QStringLiteral("99"));
        QTest::keyClick(producers, Qt::Key_Return);
        QCOMPARE(producers->value(), producers->maximum());
        ParameterEditor *editor = window.parameters()->editor(QStringLiteral("producers"));
        QVERIFY2(editor->correction().contains(QString::number(producers->maximum())),
                 qPrintable(editor->correction()));
        QVERIFY(editor->correction().contains(QLatin1String("1..16")));

        // Below the minimum, and a real number: the same.
        producers->selectAll();
        QTest::keyClicks(producers, QStringLiteral("0"));
        QTest::keyClick(producers, Qt::Key_Return);
        QCOMPARE(producers->value(), 1);
        QVERIFY2(editor->correction().startsWith(QLatin1String("0 is below")),
                 qPrintable(editor->correction()));
        auto *scale = window.parameters()
                          ->editor(QStringLiteral("time-scale"))
                          ->findChild<QDoubleSpinBox *>();
        QVERIFY(scale);
        scale->setFocus();
        scale->selectAll();
        QTest::keyClicks(scale, QStringLiteral("50"));
        QTest::keyClick(scale, Qt::Key_Return);
        QCOMPARE(scale->value(), scale->maximum());
        const QString said =
            window.parameters()->editor(QStringLiteral("time-scale"))->correction();
        QVERIFY2(said.startsWith(QLatin1String("50 is above")), qPrintable(said));
    }

    void noQueueChartWithoutAQueue()
    {
        MainWindow window;
        showAtLaptopSize(window);
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.05"));
        runToEnd(window);
        QVERIFY(window.queueChart()->isVisible());
        QVERIFY(window.selectScenario(QStringLiteral("ticket-race")));
        QVERIFY(!window.queueChart()->isVisible());
        runToEnd(window);
        QVERIFY(!window.queueChart()->isVisible());
    }
};

QTEST_MAIN(LaptopLayoutTest)
#include "tst_laptoplayout.moc"
