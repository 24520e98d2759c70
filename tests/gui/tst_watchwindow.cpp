#include "ShotSaver.h"
#include "app/AttachDialog.h"
#include "app/LessonTabs.h"
#include "app/MainWindow.h"
#include "app/RunController.h"
#include "app/WatchDialog.h"
#include "views/TimelineView.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <unistd.h>

using namespace conlab;

// Watch mode in the window: a launched program's real threads as lanes, and the two dialogs
// that choose what to watch.
class WatchWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void aWatchedProgramsThreadsAppearAsLanes()
    {
        const QString shell = QStandardPaths::findExecutable(QStringLiteral("sh"));
        QVERIFY(!shell.isEmpty());
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        // A shell that starts a sleeping child: two processes, each with one thread.
        QVERIFY(window.watch({QStringLiteral("--exec"), QStringLiteral("--set"),
                              QStringLiteral("sample=2"), QStringLiteral("--"), shell,
                              QStringLiteral("-c"), QStringLiteral("sleep 0.3; exit 3")}));
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 20000);
        const QJsonObject summary = window.controller()->summary();
        QCOMPARE(summary.value(QStringLiteral("scenario")).toString(), QStringLiteral("exec"));
        QCOMPARE(summary.value(QStringLiteral("exit_code")).toInt(), 3);
        // Lanes only for what was seen, named by command and thread id, not placeholders.
        const TimelineView *timeline = window.timeline();
        QVERIFY2(timeline->laneCount() < 10, qPrintable(QString::number(timeline->laneCount())));
        QStringList labels;
        for (int lane = 0; lane < timeline->laneCount(); ++lane)
            labels << timeline->laneLabel(lane);
        const QString all = labels.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QLatin1String("sh ")) && all.contains(QLatin1String("sleep ")),
                 qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("thread-")), qPrintable(all));
        // The lesson panel explains watch mode instead of the last lesson.
        const auto *lesson = window.findChild<QTextBrowser *>();
        QVERIFY(lesson);
        saveShot(&window, QStringLiteral("watch-window"));

        // Choosing a lesson afterwards clears the watched run: its lanes, outcome and figures
        // are not the lesson's.
        // (Two lessons, so that one of them is a change whichever lesson was chosen before.)
        QVERIFY(window.selectScenario(QStringLiteral("ticket-race")));
        QVERIFY(window.selectScenario(QStringLiteral("timer")));
        QVERIFY(!window.recording().hasMeta());
        QCOMPARE(window.timeline()->laneCount(), 0);
        QVERIFY2(!window.statusText().contains(QLatin1String("completed")),
                 qPrintable(window.statusText()));
        // A lesson's own run is kept when its lesson is chosen again.
        window.run();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 20000);
        QVERIFY(window.recording().hasMeta());
        QVERIFY(window.selectScenario(QStringLiteral("timer")));
        QVERIFY(window.recording().hasMeta());
    }

    void aStalledProgramGetsTheBanner()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed: the two-locks example cannot run");
        const QString script =
            QStringLiteral(CONLAB_SOURCE_DIR "/resources/python/watch/two_locks.py");
        MainWindow window;
        window.show();
        // Two threads take two locks in opposite orders and never let go; Stop after the
        // warning, as a user would.
        QVERIFY(window.watch({QStringLiteral("--exec"), QStringLiteral("--set"),
                              QStringLiteral("stall=0.5"), QStringLiteral("--"), python, script}));
        QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QLatin1String("possible deadlock")),
                                 20000);
        window.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), 10000);
        QVERIFY2(window.bannerText().contains(QLatin1String("possible deadlock")),
                 qPrintable(window.bannerText()));
        saveShot(&window, QStringLiteral("watch-stall"));
    }

    void watchDialogRefusesAProgramThatIsNotThere()
    {
        WatchDialog dialog;
        auto *command = dialog.findChild<QComboBox *>();
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(command && buttons);
        command->setEditText(QStringLiteral("no-such-program-here --flag"));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        command->setEditText(QStringLiteral("sh -c \"echo quoted words\""));
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(dialog.command().size(), 3);
        QCOMPARE(dialog.runnerArguments().mid(0, 4),
                 QStringList({QStringLiteral("--exec"), QStringLiteral("--set"),
                              QStringLiteral("sample=%1").arg(dialog.sampleMs()),
                              QStringLiteral("--")}));
        command->setEditText(QStringLiteral("sh -c \"unclosed"));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    }

    void attachDialogOffersThisProcess()
    {
        AttachDialog dialog;
        auto *filter = dialog.findChild<QLineEdit *>();
        auto *table = dialog.findChild<QTableView *>();
        QVERIFY(filter && table);
        const QString me = QString::number(getpid());
        filter->setText(me);
        QVERIFY(table->model()->rowCount() >= 1);
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, 0).data().toString() == me) {
                table->selectRow(row);
                break;
            }
        }
        QCOMPARE(dialog.pid(), qint64(getpid()));
        QCOMPARE(dialog.runnerArguments(), QStringList({QStringLiteral("--attach"), me}));
    }
};

QTEST_MAIN(WatchWindowTest)
#include "tst_watchwindow.moc"
