#include "ShotSaver.h"
#include "app/LessonPanel.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"
#include "scenarios/PythonExampleCatalog.h"
#include "views/TimelineView.h"

#include <QApplication>
#include <QJsonObject>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace conlab;

// The real-Python lessons in the window: a chapter of their own in the catalogue, each with
// its text and its program's source; Run watches the installed script and draws its threads;
// without python3 the lesson says so before anything starts.
class PythonLessonsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void theCatalogueHasTheChapter()
    {
        MainWindow window;
        auto *catalog = window.findChild<QTreeWidget *>(QStringLiteral("catalog"));
        QVERIFY(catalog);
        const QTreeWidgetItem *last = catalog->topLevelItem(catalog->topLevelItemCount() - 1);
        QCOMPARE(last->text(0), QStringLiteral("9  In real Python"));
        QCOMPARE(last->childCount(), int(PythonExampleCatalog::all().size()));
        for (const PythonExample &example : PythonExampleCatalog::all()) {
            const QString id = QString::fromStdString(example.info.id);
            QVERIFY2(window.selectScenario(id), qPrintable(id));
            QCOMPARE(window.currentScenario(), id);
            // The watch's sample interval on every one, the script's arguments where it has
            // some.
            QVERIFY(!window.parameters()->value(QStringLiteral("sample")).isEmpty());
            for (const ParameterSpec &argument : example.arguments)
                QVERIFY(
                    !window.parameters()->value(QString::fromStdString(argument.name)).isEmpty());
            // The text, then the program as installed.
            const QString text = window.lessonTabs()->lesson()->toPlainText();
            QVERIFY2(text.contains(QString::fromStdString(example.script)), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("if __name__ == \"__main__\":")), qPrintable(id));
        }
        QVERIFY(window.selectScenario(QStringLiteral("py-cpu-threads")));
        QCOMPARE(window.parameters()->value(QStringLiteral("threads")), QStringLiteral("4"));
        QVERIFY(window.parameters()->value(QStringLiteral("stall")).isEmpty());
        QVERIFY(window.selectScenario(QStringLiteral("py-two-locks")));
        QVERIFY(!window.parameters()->value(QStringLiteral("stall")).isEmpty());
    }

    void runWatchesTheProgramsThreads()
    {
        if (PythonExampleCatalog::interpreter().empty())
            QSKIP("python3 is not installed: the real-Python lessons cannot run");
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("py-cpu-threads")));
        QVERIFY(window.parameters()->setValue(QStringLiteral("count"), QStringLiteral("1000000")));
        window.run();
        QVERIFY(window.controller()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 60000);
        const QJsonObject summary = window.controller()->summary();
        QCOMPARE(summary.value(QStringLiteral("scenario")).toString(), QStringLiteral("exec"));
        QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value(QStringLiteral("exit_code")).toInt(), 0);
        // The interpreter's main thread and its four counting threads, each a lane named by
        // its command and thread id.
        const TimelineView *timeline = window.timeline();
        int pythonLanes = 0;
        QStringList labels;
        for (int lane = 0; lane < timeline->laneCount(); ++lane) {
            labels << timeline->laneLabel(lane);
            if (timeline->laneLabel(lane).startsWith(QLatin1String("python3 ")))
                ++pythonLanes;
        }
        QVERIFY2(pythonLanes >= 5, qPrintable(labels.join(QLatin1Char('|'))));
        // The lesson's text stays (not watch mode's general one), and so does the run when
        // the language's catalogue is built again.
        QVERIFY(
            window.lessonTabs()->lesson()->toPlainText().contains(QLatin1String("cpu_threads.py")));
        QCOMPARE(window.currentScenario(), QStringLiteral("py-cpu-threads"));
        QVERIFY(window.selectScenario(QStringLiteral("py-cpu-threads")));
        QVERIFY(window.recording().hasMeta());
        saveShot(&window, QStringLiteral("py-cpu-threads"));
        // Another lesson does not keep it.
        QVERIFY(window.selectScenario(QStringLiteral("py-cpu-processes")));
        QVERIFY(!window.recording().hasMeta());
    }

    void withoutPythonTheLessonSaysSo()
    {
        qputenv("CONLAB_PYTHON", "/nonexistent/python3");
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("py-io-threads")));
        QVERIFY(window.lessonTabs()->lesson()->toPlainText().contains(
            QLatin1String("/nonexistent/python3")));
        // Run says why in a message box (closed here as a user would) and starts nothing.
        QString said;
        QTimer::singleShot(0, this, [&said] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                said = box->text();
                box->accept();
            }
        });
        window.run();
        qunsetenv("CONLAB_PYTHON");
        QVERIFY(!window.controller()->isRunning());
        QVERIFY2(said.contains(QLatin1String("CONLAB_PYTHON")), qPrintable(said));
        QVERIFY2(window.statusText().contains(QLatin1String("CONLAB_PYTHON")),
                 qPrintable(window.statusText()));
    }
};

QTEST_MAIN(PythonLessonsTest)
#include "tst_pythonlessons.moc"
