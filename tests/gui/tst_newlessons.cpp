#include "ShotSaver.h"
#include "app/LessonPanel.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"
#include "scenarios/PythonExampleCatalog.h"
#include "scenarios/ScenarioRegistry.h"
#include "views/QueueDepthChart.h"
#include "views/StartCostChart.h"

#include <QFile>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace conlab;

// The lessons of chapters 1, 3 and 5 in the window: each has its text, runs to completion,
// and start-cost fills its chart from the run's measurements.
class NewLessonsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void everyLessonHasItsText()
    {
        for (const auto &id : ScenarioRegistry::ids())
            QVERIFY2(!LessonPanel::lessonPath(QString::fromStdString(id)).isEmpty(), id.c_str());
    }

    void everyLessonHasEnglishAndChineseTexts()
    {
        // The window falls back to English where a translation is missing; the catalogue
        // promises both languages for every lesson, so none may be missing: the scenarios'
        // and the real-Python lessons'.
        std::vector<std::string> ids = ScenarioRegistry::ids();
        for (const PythonExample &example : PythonExampleCatalog::all())
            ids.push_back(example.info.id);
        for (const auto &id : ids) {
            for (const char *language : {"en", "zh_CN"}) {
                const QString path = QStringLiteral(":/lessons/%1/%2.html")
                                         .arg(QLatin1String(language), QString::fromStdString(id));
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                QVERIFY2(file.size() > 200, qPrintable(path + QStringLiteral(" is nearly empty")));
            }
        }
    }

    void runsInTheWindow_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const char *id : {"spawn-join", "join-order", "memory-isolation", "terminate",
                               "queue-kinds", "pool", "gil", "pipe", "pipeline"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void runsInTheWindow()
    {
        QFETCH(QString, scenario);
        MainWindow window;
        window.resize(1400, 860);
        window.show();
        QVERIFY(window.selectScenario(scenario));
        QVERIFY(window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.2")));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        QVERIFY(window.controller()
                    ->summary()
                    .value(QLatin1String("checks"))
                    .toObject()
                    .value(QLatin1String("passed"))
                    .toBool());
        saveShot(&window, scenario);
    }

    void depthChartSwitchesBetweenBytesAndItems()
    {
        // A pipe's 65536-byte scale, then a queue of 4 items, then the pipe again, in one
        // window: each switch keeps the axis to a handful of ticks.
        MainWindow window;
        window.resize(1400, 860);
        window.show();
        for (const char *scenario : {"pipe", "producer-consumer", "pipe"}) {
            QVERIFY(window.selectScenario(QString::fromLatin1(scenario)));
            QVERIFY(window.parameters()->setValue(QStringLiteral("time-scale"),
                                                  QStringLiteral("0.05")));
            window.run();
            QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
            QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
            saveShot(window.queueChart(), QStringLiteral("depth-") + QLatin1String(scenario));
        }
    }

    void startCostFillsItsChart()
    {
        MainWindow window;
        window.resize(1400, 860);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("start-cost")));
        QVERIFY(window.parameters()->setValue(QStringLiteral("count"), QStringLiteral("40")));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QCOMPARE(window.controller()->outcome(), QStringLiteral("completed"));
        StartCostChart *chart = window.lessonTabs()->startCost();
        auto *tabs = qobject_cast<QTabWidget *>(chart->parentWidget()->parentWidget());
        QVERIFY(tabs);
        QVERIFY(tabs->isTabVisible(tabs->indexOf(chart)));
        QCOMPARE(chart->curveCount(), 4);
        tabs->setCurrentWidget(chart);
        saveShot(&window, QStringLiteral("start-cost"));
        // Another lesson hides the tab.
        QVERIFY(window.selectScenario(QStringLiteral("spawn-join")));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(chart)));
    }
};

QTEST_MAIN(NewLessonsTest)
#include "tst_newlessons.moc"
