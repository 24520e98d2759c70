#include "ShotSaver.h"
#include "app/InterfaceLanguage.h"
#include "app/LessonPanel.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/ParameterPanel.h"
#include "app/RunController.h"
#include "export/TimelineImage.h"
#include "views/QueueDepthChart.h"
#include "views/TimelineView.h"

#include <QAction>
#include <QChart>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

namespace {

bool hasChinese(const QString &text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

QString menuTitles(QMainWindow &window)
{
    QStringList titles;
    for (const QAction *menu : window.menuBar()->actions())
        titles << menu->text();
    return titles.join(QLatin1Char(' '));
}

} // namespace

// View > Language switches the whole window at once, without a restart, and the choice is
// kept for the next start.
class LanguagesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(InterfaceLanguage::apply(QStringLiteral("en")));
    }

    void cleanup() { InterfaceLanguage::apply(QStringLiteral("en")); }

    void everyLanguageIsEmbedded()
    {
        for (const QString &code : InterfaceLanguage::available()) {
            QVERIFY2(InterfaceLanguage::apply(code), qPrintable(code));
            QCOMPARE(InterfaceLanguage::current(), code);
        }
        QVERIFY(!InterfaceLanguage::apply(QStringLiteral("xx_YY")));
        QCOMPARE(InterfaceLanguage::current(), QStringLiteral("en"));
    }

    void switchesFromTheViewMenuAndBack()
    {
        MainWindow window;
        window.resize(1400, 860);
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("producer-consumer")));
        QVERIFY(window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.1")));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QVERIFY(menuTitles(window).contains(QLatin1String("File")));
        QVERIFY(window.timeline()->legendLabels().contains(QStringLiteral("running")));
        const QString englishLesson = window.lessonTabs()->lesson()->toPlainText();

        auto *chinese = window.findChild<QAction *>(QStringLiteral("language_zh_CN"));
        QVERIFY(chinese);
        QVERIFY(chinese->isCheckable());
        chinese->trigger();
        QCOMPARE(InterfaceLanguage::current(), QStringLiteral("zh_CN"));
        QVERIFY(chinese->isChecked());
        // Qt posts QEvent::LanguageChange to every window: it arrives with the next events.
        QTRY_VERIFY2(hasChinese(menuTitles(window)), qPrintable(menuTitles(window)));
        const QString legend = window.timeline()->legendLabels().join(QLatin1Char(' '));
        QVERIFY2(hasChinese(legend), qPrintable(legend));
        QVERIFY(hasChinese(window.windowTitle()) || !window.windowTitle().isEmpty());
        QVERIFY2(hasChinese(window.statusText()), qPrintable(window.statusText()));
        QVERIFY(hasChinese(window.lessonTabs()->tabText(0)));
        // The lesson text itself comes from lessons/zh_CN.
        QVERIFY(hasChinese(window.lessonTabs()->lesson()->toPlainText()));
        QVERIFY(window.lessonTabs()->lesson()->toPlainText() != englishLesson);
        QCOMPARE(QSettings().value(QStringLiteral("view/language")).toString(),
                 QStringLiteral("zh_CN"));
        QCOMPARE(InterfaceLanguage::preferred(), QStringLiteral("zh_CN"));
        QVERIFY(hasChinese(window.queueChart()->chart()->title()));
        // Charts lay their new words out with the next events; the picture waits for them.
        QTest::qWait(200);
        saveShot(&window, QStringLiteral("window-zh_CN"));

        auto *english = window.findChild<QAction *>(QStringLiteral("language_en"));
        QVERIFY(english);
        english->trigger();
        QCOMPARE(InterfaceLanguage::current(), QStringLiteral("en"));
        QVERIFY(english->isChecked());
        QVERIFY(!chinese->isChecked());
        QTRY_VERIFY(!hasChinese(menuTitles(window)));
        QVERIFY(menuTitles(window).contains(QLatin1String("File")));
        QVERIFY(window.timeline()->legendLabels().contains(QStringLiteral("running")));
        QCOMPARE(window.lessonTabs()->lesson()->toPlainText(), englishLesson);
        QCOMPARE(InterfaceLanguage::preferred(), QStringLiteral("en"));
    }

    void aNewWindowOpensInTheChosenLanguage()
    {
        QVERIFY(InterfaceLanguage::choose(QStringLiteral("zh_CN")));
        MainWindow window;
        window.show();
        QVERIFY2(hasChinese(menuTitles(window)), qPrintable(menuTitles(window)));
        auto *chinese = window.findChild<QAction *>(QStringLiteral("language_zh_CN"));
        QVERIFY(chinese && chinese->isChecked());
        QVERIFY(InterfaceLanguage::choose(QStringLiteral("en")));
    }

    void exportsFollowTheLanguage()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario(QStringLiteral("two-locks")));
        QVERIFY(window.parameters()->setValue(QStringLiteral("time-scale"), QStringLiteral("0.1")));
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 30000);
        QVERIFY(InterfaceLanguage::apply(QStringLiteral("zh_CN")));
        QTemporaryDir folder;
        const QString shots = qEnvironmentVariable("CONLAB_SHOTS");
        for (const char *suffix : {"png", "svg", "pdf"}) {
            const QString path = (shots.isEmpty() ? folder.path() : shots) +
                                 QStringLiteral("/export-zh_CN.") + QLatin1String(suffix);
            QString error;
            QVERIFY2(TimelineImage::save(path, window.recording(), {}, &error), qPrintable(error));
        }
        QTest::qWait(200);
        saveShot(&window, QStringLiteral("window-zh_CN-two-locks"));
        const QString legend = window.timeline()->legendLabels().join(QLatin1Char(' '));
        QVERIFY2(hasChinese(legend), qPrintable(legend));
    }
};

QTEST_MAIN(LanguagesTest)
#include "tst_languages.moc"
