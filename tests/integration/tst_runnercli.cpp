#include "RunnerProcess.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace conlab;

// The command-line contract: clear errors for bad input, --list, --check.
class TestRunnerCli : public QObject
{
    Q_OBJECT

private slots:
    void listsScenariosWithRanges();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void checkReportsCorruptTraces();
    void checkRefusesHostileTraces_data();
    void checkRefusesHostileTraces();
    void hostileJobTablesAreRefused_data();
    void hostileJobTablesAreRefused();
    void unwritableOutputIsRefusedBeforeTheRun();
    void traceThatCouldNotBeWrittenIsNotNamed();
    void chromeTraceOfARealRun();
    void chromeTraceThatCouldNotBeWrittenIsReported();
    void stopBeforeTheHandlerEndsTheRunStopped_data();
    void stopBeforeTheHandlerEndsTheRunStopped();
};

void TestRunnerCli::listsScenariosWithRanges()
{
    QProcess process;
    process.start(RunnerProcess::runnerPath(), {QStringLiteral("--list")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY(out.contains("producer-consumer"));
    for (const char *name :
         {"kind", "producers", "consumers", "capacity", "shutdown", "cpus", "time-scale"})
        QVERIFY2(out.contains(QByteArray("  ") + name + ' '), name);
    QVERIFY(out.contains("sentinel|early-sentinel|joinable"));
    QVERIFY(out.contains("1..16"));
}

void TestRunnerCli::rejectsBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("mentions");
    const QString s = QStringLiteral("--scenario");
    const QString pc = QStringLiteral("producer-consumer");
    const QString set = QStringLiteral("--set");
    QTest::newRow("count below range")
        << QStringList{s, pc, set, "producers=0"} << QStringList{"producers", "1..16"};
    QTest::newRow("not a number") << QStringList{s, pc, set, "capacity=many"}
                                  << QStringList{"capacity", "1..64"};
    QTest::newRow("fraction for a count")
        << QStringList{s, pc, set, "consumers=1.5"} << QStringList{"consumers", "whole number"};
    QTest::newRow("bad choice") << QStringList{s, pc, set, "kind=fiber"}
                                << QStringList{"kind", "thread|process"};
    QTest::newRow("unknown parameter")
        << QStringList{s, pc, set, "speed=3"} << QStringList{"speed", "producers"};
    QTest::newRow("unknown scenario")
        << QStringList{s, "nope"} << QStringList{"nope", "producer-consumer"};
    QTest::newRow("bad time limit")
        << QStringList{s, pc, "--time-limit", "-1"} << QStringList{"--time-limit"};
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << QStringList{"frobnicate"};
    // Numbers are read one way, for the check and for the run: nothing that reads as another
    // number (or as none) slips through.
    QTest::newRow("exponent for a count")
        << QStringList{s, pc, set, "producers=1e1"} << QStringList{"producers", "1..16"};
    QTest::newRow("hex for a count")
        << QStringList{s, pc, set, "capacity=0x10"} << QStringList{"capacity", "1..64"};
    QTest::newRow("space before a count")
        << QStringList{s, pc, set, "producers= 5"} << QStringList{"producers", "1..16"};
    QTest::newRow("space after a count")
        << QStringList{s, pc, set, "producers=5 "} << QStringList{"producers", "1..16"};
    QTest::newRow("nan for a real")
        << QStringList{s, pc, set, "time-scale=nan"} << QStringList{"time-scale", "0.01..10"};
    QTest::newRow("inf for a real")
        << QStringList{s, pc, set, "time-scale=inf"} << QStringList{"time-scale", "0.01..10"};
    // Command lines that used to mean something else than they said.
    QTest::newRow("nan time limit")
        << QStringList{s, pc, "--time-limit", "nan"} << QStringList{"--time-limit", "(0, 3600]"};
    QTest::newRow("inf time limit")
        << QStringList{s, pc, "--time-limit", "inf"} << QStringList{"--time-limit", "(0, 3600]"};
    QTest::newRow("hex time limit")
        << QStringList{s, pc, "--time-limit", "0x10"} << QStringList{"--time-limit", "(0, 3600]"};
    QTest::newRow("empty trace name")
        << QStringList{s, pc, "--trace", ""} << QStringList{"--trace", "file name"};
    QTest::newRow("empty csv name")
        << QStringList{s, pc, "--csv", ""} << QStringList{"--csv", "file name"};
    QTest::newRow("empty chrome trace name")
        << QStringList{s, pc, "--chrome-trace", ""} << QStringList{"--chrome-trace", "file name"};
    QTest::newRow("empty scenario") << QStringList{s, ""} << QStringList{"--scenario"};
    QTest::newRow("scenario twice")
        << QStringList{s, pc, s, "ticket-race"} << QStringList{"--scenario", "more than once"};
    QTest::newRow("time limit twice")
        << QStringList{s, pc, "--time-limit", "5", "--time-limit", "7"}
        << QStringList{"--time-limit", "more than once"};
    QTest::newRow("trace in a folder that isn't there")
        << QStringList{s, pc, "--trace", "/proc/nope/x"}
        << QStringList{"--trace", "/proc/nope/x", "cannot write"};
    QTest::newRow("csv in a folder that isn't there")
        << QStringList{s, pc, "--csv", "/proc/nope/x.csv"}
        << QStringList{"--csv", "/proc/nope/x.csv", "cannot write"};
    QTest::newRow("chrome trace in a folder that isn't there")
        << QStringList{s, pc, "--chrome-trace", "/proc/nope/x.json"}
        << QStringList{"--chrome-trace", "/proc/nope/x.json", "cannot write"};
}

void TestRunnerCli::rejectsBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, mentions);
    QProcess process;
    process.start(RunnerProcess::runnerPath(), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    for (const QString &mention : mentions)
        QVERIFY2(errors.contains(mention), qPrintable(errors));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void TestRunnerCli::checkReportsCorruptTraces()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.trace"));
    QJsonObject summary;
    QCOMPARE(
        RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                                 QStringLiteral("--set"), QStringLiteral("time-scale=0.02"),
                                 QStringLiteral("--trace"), good},
                                &summary),
        0);
    QProcess check;
    check.start(RunnerProcess::runnerPath(), {QStringLiteral("--check"), good});
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 0);
    QVERIFY(check.readAllStandardOutput().contains("all checks passed"));

    QFile in(good);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const QString cut = dir.filePath(QStringLiteral("cut.trace"));
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() / 2));
    out.close();
    check.start(RunnerProcess::runnerPath(), {QStringLiteral("--check"), cut});
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 2);
    const QString errors = QString::fromUtf8(check.readAllStandardError());
    QVERIFY2(errors.contains(cut) && errors.contains(QStringLiteral("truncated")),
             qPrintable(errors));
}

void TestRunnerCli::unwritableOutputIsRefusedBeforeTheRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("plain-file"));
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const QString pc = QStringLiteral("producer-consumer");
    // A folder, a path through a file, and a folder that takes no new files.
    QDir(dir.path()).mkdir(QStringLiteral("locked"));
    QFile::setPermissions(dir.filePath(QStringLiteral("locked")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const bool root = ::geteuid() == 0; // root writes into a read-only folder anyway
    QStringList paths = {dir.path(), file + QStringLiteral("/x.trace")};
    if (!root)
        paths << dir.filePath(QStringLiteral("locked/x.trace"));
    for (const QString &path : paths) {
        QProcess process;
        QElapsedTimer clock;
        clock.start();
        // A run of a minute, were it started.
        process.start(RunnerProcess::runnerPath(),
                      {QStringLiteral("--scenario"), pc, QStringLiteral("--set"),
                       QStringLiteral("shutdown=none"), QStringLiteral("--time-limit"),
                       QStringLiteral("60"), QStringLiteral("--trace"), path});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(clock.elapsed() < 5000, "refused after running, not before");
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(errors.contains(QStringLiteral("--trace ") + path), qPrintable(errors));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
    QFile::setPermissions(dir.filePath(QStringLiteral("locked")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The check before the run leaves nothing behind where it tried.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("plain-file")});
}

void TestRunnerCli::traceThatCouldNotBeWrittenIsNotNamed()
{
    // /dev/full takes the open and refuses the writes: the failure comes at the end.
    QJsonObject summary;
    QByteArray errors;
    const int code = RunnerProcess::runToEnd(
        {QStringLiteral("--scenario"), QStringLiteral("shared-counter"), QStringLiteral("--set"),
         QStringLiteral("time-scale=0.05"), QStringLiteral("--trace"), QStringLiteral("/dev/full")},
        &summary, &errors);
    QCOMPARE(code, 1);
    QVERIFY2(errors.contains("/dev/full"), errors.constData());
    QVERIFY(!summary.isEmpty());
    QVERIFY(!summary.contains(QStringLiteral("trace")));
    QVERIFY2(summary.value(QStringLiteral("trace_error")).toString().contains("/dev/full"),
             qPrintable(QJsonDocument(summary).toJson()));
}

// Issue 15, item 3: a real run that deadlocks, written for Perfetto beside its own trace.
void TestRunnerCli::chromeTraceOfARealRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tracePath = dir.filePath(QStringLiteral("run.conlab"));
    const QString jsonPath = dir.filePath(QStringLiteral("run.json"));
    QJsonObject summary;
    QByteArray errors;
    // A deadlock lasts until the time limit; the pause lets both take their first lock.
    const int code = RunnerProcess::runToEnd(
        {QStringLiteral("--scenario"), QStringLiteral("two-locks"), QStringLiteral("--set"),
         QStringLiteral("time-scale=0.05"), QStringLiteral("--set"), QStringLiteral("pause=600"),
         QStringLiteral("--time-limit"), QStringLiteral("1"), QStringLiteral("--trace"), tracePath,
         QStringLiteral("--chrome-trace"), jsonPath},
        &summary, &errors);
    QVERIFY2(code == 0, errors.constData());
    Trace trace;
    std::string readError;
    QVERIFY2(TraceFile::read(tracePath.toStdString(), trace, &readError), readError.c_str());

    QFile file(jsonPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(document.isObject());
    QCOMPARE(document.object().value(QLatin1String("displayTimeUnit")).toString(),
             QStringLiteral("ns"));
    const QJsonArray events = document.object().value(QLatin1String("traceEvents")).toArray();
    QVERIFY(!events.isEmpty());

    // Every lane is a named track with its intervals on it.
    QMap<QString, QPair<qint64, qint64>> tracks;
    QMap<QPair<qint64, qint64>, int> intervals;
    bool deadlockMarked = false;
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        const QString ph = e.value(QLatin1String("ph")).toString();
        const QPair<qint64, qint64> track(e.value(QLatin1String("pid")).toInteger(),
                                          e.value(QLatin1String("tid")).toInteger());
        if (ph == QLatin1String("M") &&
            e.value(QLatin1String("name")).toString() == QLatin1String("thread_name"))
            tracks.insert(e.value(QLatin1String("args")).toObject().value("name").toString(),
                          track);
        else if (ph == QLatin1String("X"))
            ++intervals[track];
        else if (ph == QLatin1String("i") &&
                 e.value(QLatin1String("name")).toString() == QLatin1String("deadlock"))
            deadlockMarked = true;
    }
    QVERIFY(!trace.meta.workers.empty());
    for (const WorkerInfo &worker : trace.meta.workers) {
        const QString name = QString::fromStdString(worker.name);
        QVERIFY2(tracks.contains(name), qPrintable(name));
        QVERIFY2(intervals.value(tracks.value(name)) >= 1, qPrintable(name));
    }
    // The runner's lanes are real threads: their OS ids, not made-up ones.
    for (const Event &e : trace.events)
        if (e.kind == EventKind::WorkerStarted)
            QCOMPARE(tracks.value(QString::fromStdString(trace.meta.workerName(e.worker))),
                     (QPair<qint64, qint64>(e.arg, e.value)));
    for (const char *lock : {"lock A", "lock B"})
        QVERIFY2(tracks.contains(QLatin1String(lock)), lock);
    QCOMPARE(deadlockMarked,
             summary.value(QStringLiteral("outcome")).toString() == QLatin1String("deadlocked"));
}

void TestRunnerCli::chromeTraceThatCouldNotBeWrittenIsReported()
{
    // /dev/full takes the open and refuses the writes: the failure comes at the end.
    QJsonObject summary;
    QByteArray errors;
    const int code =
        RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("shared-counter"),
                                 QStringLiteral("--set"), QStringLiteral("time-scale=0.05"),
                                 QStringLiteral("--chrome-trace"), QStringLiteral("/dev/full")},
                                &summary, &errors);
    QCOMPARE(code, 1);
    QVERIFY2(errors.contains("/dev/full"), errors.constData());
    QVERIFY2(summary.value(QStringLiteral("chrome_trace_error")).toString().contains("/dev/full"),
             qPrintable(QJsonDocument(summary).toJson()));
}

void TestRunnerCli::stopBeforeTheHandlerEndsTheRunStopped_data()
{
    QTest::addColumn<bool>("pendingAtExec");
    // The SIGTERM is already there when the runner's first instruction runs.
    QTest::newRow("pending at exec") << true;
    // Stop signals blocked by the starter, as the GUI starts runners; SIGTERM at once.
    QTest::newRow("right after start") << false;
}

void TestRunnerCli::stopBeforeTheHandlerEndsTheRunStopped()
{
    QFETCH(bool, pendingAtExec);
    for (int attempt = 0; attempt < 5; ++attempt) {
        QProcess process;
        process.setChildProcessModifier([pendingAtExec] {
            sigset_t stopSignals;
            sigemptyset(&stopSignals);
            sigaddset(&stopSignals, SIGTERM);
            sigaddset(&stopSignals, SIGINT);
            sigaddset(&stopSignals, SIGHUP);
            sigprocmask(SIG_BLOCK, &stopSignals, nullptr);
            if (pendingAtExec)
                raise(SIGTERM); // blocked: pending, and it stays so through the exec
        });
        // Left alone, a run of a minute.
        process.start(RunnerProcess::runnerPath(),
                      {QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                       QStringLiteral("--set"), QStringLiteral("shutdown=none"),
                       QStringLiteral("--time-limit"), QStringLiteral("60")});
        QVERIFY(process.waitForStarted(10000));
        if (!pendingAtExec)
            process.terminate();
        QVERIFY(process.waitForFinished(10000));
        const QByteArray errors = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, errors.constData());
        const QByteArray out = process.readAllStandardOutput().trimmed();
        const QJsonObject summary = QJsonDocument::fromJson(out).object();
        QVERIFY2(!summary.isEmpty(), out.constData());
        QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("stopped"));
        QVERIFY2(summary.value(QStringLiteral("checks")).toObject().value("passed").toBool(),
                 out.constData());
    }
}

namespace {
QByteArray u64(std::uint64_t v)
{
    return QByteArray(reinterpret_cast<const char *>(&v), sizeof v);
}
} // namespace

// Issue 13, items 1 and 7: --check reads with the GUI's validating reader, refusing quickly.
void TestRunnerCli::checkRefusesHostileTraces_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("mention");
    const QByteArray meta = "scenario producer-consumer\nworker 0 main main\n";
    auto trace = [](const QByteArray &header, std::uint64_t count, const QByteArray &events) {
        return QByteArray("CONLABT1", 8) + u64(std::uint64_t(header.size())) + header + u64(count) +
               u64(0) + events + u64(0);
    };
    QTest::newRow("worker id 2^32-1")
        << trace("scenario producer-consumer\nworker 4294967295 main main\n", 0, {})
        << "worker id 4294967295";
    QTest::newRow("cpus 1000") << trace("scenario producer-consumer\ncpus 1000\n", 0, {})
                               << "1000 virtual CPUs";
    QByteArray oneKb = trace(meta, std::uint64_t(1) << 28, QByteArray(32, '\0'));
    oneKb += QByteArray(1024 - oneKb.size(), '\0');
    QTest::newRow("2^28 events in 1 KB") << oneKb << "event count";
    QTest::newRow("trailing garbage") << trace(meta, 0, {}) + "junk"
                                      << "unexpected bytes";
}

void TestRunnerCli::checkRefusesHostileTraces()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, mention);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.trace"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    QElapsedTimer timer;
    timer.start();
    QProcess check;
    check.start(RunnerProcess::runnerPath(), {QStringLiteral("--check"), path});
    QVERIFY(check.waitForFinished(10000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(check.exitCode(), 2);
    const QString errors = QString::fromUtf8(check.readAllStandardError());
    QVERIFY2(errors.contains(path) && errors.contains(mention), qPrintable(errors));
}

// Issue 13, items 2 and 7: job tables that are not job tables, or whose model is too long.
void TestRunnerCli::hostileJobTablesAreRefused_data()
{
    QTest::addColumn<QString>("jobs"); // file contents; "@zero" /dev/zero, "@dir" a folder
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("/dev/zero") << "@zero" << QStringList{} << QStringList{"/dev/zero", "256 KiB"};
    QTest::newRow("a folder") << "@dir" << QStringList{} << QStringList{"is a folder"};
    QTest::newRow("binary bytes") << QString::fromLatin1("J\x1b[31m\x01,0,3\n") << QStringList{}
                                  << QStringList{"J\\x1b[31m\\x01"};
    QTest::newRow("10^6 units at quantum 1 ms")
        << "A,0,1000000\nB,0,1000000\n"
        << QStringList{"policy=rr", "quantum=1", "unit=5"} << QStringList{"100000", "steps"};
}

void TestRunnerCli::hostileJobTablesAreRefused()
{
    QFETCH(QString, jobs);
    QFETCH(QStringList, sets);
    QFETCH(QStringList, mentions);
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("jobs.csv"));
    if (jobs == QLatin1String("@zero")) {
        path = QStringLiteral("/dev/zero");
    } else if (jobs == QLatin1String("@dir")) {
        path = dir.path();
    } else {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(jobs.toLatin1());
    }
    QStringList arguments{QStringLiteral("--scenario"),   QStringLiteral("policies"),
                          QStringLiteral("--jobs"),       path,
                          QStringLiteral("--time-limit"), QStringLiteral("2")};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(RunnerProcess::runnerPath(), arguments);
    QVERIFY(process.waitForFinished(10000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(process.exitCode(), 2);
    const QByteArray raw = process.readAllStandardError();
    for (const char c : raw)
        QVERIFY2(c == '\n' || (static_cast<unsigned char>(c) >= 0x20 &&
                               static_cast<unsigned char>(c) < 0x7f),
                 raw.toHex().constData());
    const QString errors = QString::fromUtf8(raw);
    for (const QString &mention : mentions)
        QVERIFY2(errors.contains(mention), qPrintable(errors));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestRunnerCli)
#include "tst_runnercli.moc"
