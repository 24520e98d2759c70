#include "analysis/RunRecording.h"
#include "app/BatchRunner.h"
#include "app/RunController.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace conlab;

// Every conlab-runner the program starts (a live run, an export, a batch of runs) leads its
// own process group and ends with the program, even when the program is killed outright.
class TestRunnerLaunch : public QObject
{
    Q_OBJECT

private:
    struct ProcStat
    {
        bool exists = false;
        QByteArray comm;
        char state = '?';
        qint64 ppid = 0;
        qint64 pgrp = 0;
    };

    static ProcStat procStat(qint64 pid)
    {
        ProcStat stat;
        QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!file.open(QIODevice::ReadOnly))
            return stat;
        const QByteArray line = file.readAll();
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            return stat;
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (rest.size() < 3)
            return stat;
        stat.exists = true;
        stat.comm = line.mid(open + 1, close - open - 1);
        stat.state = rest[0].isEmpty() ? '?' : rest[0][0];
        stat.ppid = rest[1].toLongLong();
        stat.pgrp = rest[2].toLongLong();
        return stat;
    }

    // Gone, or a zombie nobody has reaped yet: either way it runs no more.
    static bool ended(qint64 pid)
    {
        const ProcStat stat = procStat(pid);
        return !stat.exists || stat.state == 'Z' || stat.state == 'X';
    }

    static QList<qint64> childrenOf(qint64 parent)
    {
        QList<qint64> children;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool isPid = false;
            const qint64 pid = entry.toLongLong(&isPid);
            if (!isPid)
                continue;
            const ProcStat stat = procStat(pid);
            if (stat.exists && stat.ppid == parent && !ended(pid))
                children.append(pid);
        }
        return children;
    }

    static QList<qint64> runnersOf(qint64 parent)
    {
        QList<qint64> runners;
        for (const qint64 pid : childrenOf(parent))
            if (procStat(pid).comm == "conlab-runner")
                runners.append(pid);
        return runners;
    }

    // Polls (no fixed sleeps) until `done` or the deadline.
    template <typename Done> static bool waitUntil(Done done, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QTest::qWait(20);
        }
        return true;
    }

    static QString conlabPath()
    {
        const QString fromEnvironment = qEnvironmentVariable("CONLAB_APP");
        if (!fromEnvironment.isEmpty())
            return fromEnvironment;
        return QCoreApplication::applicationDirPath() + QStringLiteral("/conlab");
    }

private slots:
    void initTestCase()
    {
        // Orphans of the processes this test starts come to it, not to init: it can see they
        // ended and reap them, and nothing of a failed check outlives the test.
        QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }

    void helpAndVersionNeedNoDisplay()
    {
        // No display at all, as on a server or in CI: --version and --help still answer, and
        // the window says why it cannot open instead of aborting in Qt's platform plugin.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        const auto runConlab = [&](const QStringList &arguments, QByteArray *output) {
            QProcess conlab;
            conlab.setProcessEnvironment(environment);
            conlab.start(conlabPath(), arguments);
            if (!conlab.waitForFinished(30000))
                return -1;
            *output = conlab.readAllStandardOutput() + conlab.readAllStandardError();
            return conlab.exitStatus() == QProcess::NormalExit ? conlab.exitCode() : -1;
        };
        QByteArray output;
        QCOMPARE(runConlab({QStringLiteral("--version")}, &output), 0);
        QVERIFY2(output.startsWith("conlab "), output.constData());
        QCOMPARE(runConlab({QStringLiteral("--help")}, &output), 0);
        QVERIFY2(output.contains("--export"), output.constData());
        QCOMPARE(runConlab({}, &output), 2);
        QVERIFY2(output.contains("no display"), output.constData());
    }

    void runnerOfAKilledExportEndsWithIt()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // The export's own scratch folder, which its SIGKILL leaves behind, goes with ours.
        environment.insert(QStringLiteral("TMPDIR"), scratch.path());
        QProcess conlab;
        conlab.setProcessEnvironment(environment);
        // A run that would go on for ten minutes: nobody ever ends the producers' queue.
        conlab.start(conlabPath(),
                     {QStringLiteral("--export"), scratch.filePath(QStringLiteral("out.png")),
                      QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                      QStringLiteral("--set"), QStringLiteral("shutdown=none"),
                      QStringLiteral("--set"), QStringLiteral("kind=process"),
                      QStringLiteral("--time-limit"), QStringLiteral("600")});
        QVERIFY2(conlab.waitForStarted(10000), qPrintable(conlab.errorString()));
        const qint64 gui = conlab.processId();

        QList<qint64> runners;
        QVERIFY2(waitUntil([&] { return !(runners = runnersOf(gui)).isEmpty(); }, 20000),
                 conlab.readAllStandardError().constData());
        QCOMPARE(runners.size(), 1);
        const qint64 runner = runners.front();
        QList<qint64> workers;
        QVERIFY(waitUntil([&] { return (workers = childrenOf(runner)).size() >= 2; }, 20000));
        QCOMPARE(procStat(runner).pgrp, runner); // its own group, for Stop to end all of it

        conlab.kill(); // SIGKILL: no chance to stop anything
        QVERIFY(conlab.waitForFinished(10000));
        QCOMPARE(conlab.exitStatus(), QProcess::CrashExit);

        QList<qint64> all = workers;
        all.prepend(runner);
        // Orphans come to us as their subreaper: reaped here, so none is left a zombie.
        auto allGone = [&] {
            for (const qint64 pid : all) {
                waitpid(pid_t(pid), nullptr, WNOHANG);
                const ProcStat stat = procStat(pid);
                if (stat.exists && (!ended(pid) || stat.ppid == getpid()))
                    return false;
            }
            return true;
        };
        const bool allEnded = waitUntil(allGone, 10000);
        QString left;
        for (const qint64 pid : all) {
            if (!ended(pid))
                left += QStringLiteral(" %1").arg(pid);
        }
        if (!allEnded) {
            // Not to leave a ten-minute run behind a failed check.
            ::kill(pid_t(-runner), SIGKILL);
            for (const qint64 pid : all)
                ::kill(pid_t(pid), SIGKILL);
            waitUntil(allGone, 5000);
        }
        QVERIFY2(allEnded,
                 qPrintable(QStringLiteral("still running after conlab was killed:") + left));
    }

    void liveRunsAndBatchRunsLeadTheirOwnGroup()
    {
        // The window's live run and the Compare-policies batch start their runners the same
        // way as the export: each leads a process group of its own.
        RunRecording recording;
        RunController controller(&recording);
        QVERIFY(controller.start(QStringLiteral("producer-consumer"),
                                 {QStringLiteral("shutdown=none")}, 60));
        const qint64 live = controller.runnerPid();
        QVERIFY(live > 0);
        QCOMPARE(procStat(live).pgrp, live);
        controller.shutdown();
        QVERIFY(ended(live));

        BatchRunner batch;
        QVERIFY(batch.start(QStringLiteral("producer-consumer"),
                            {QStringLiteral("--set"), QStringLiteral("shutdown=none")}, {{}}, 60));
        QList<qint64> runners;
        QVERIFY(waitUntil([&] { return !(runners = runnersOf(getpid())).isEmpty(); }, 10000));
        QCOMPARE(runners.size(), 1);
        QCOMPARE(procStat(runners.front()).pgrp, runners.front());
        batch.cancel();
        QVERIFY(waitUntil([&] { return ended(runners.front()); }, 5000));
    }
};

QTEST_MAIN(TestRunnerLaunch)
#include "tst_runnerlaunch.moc"
