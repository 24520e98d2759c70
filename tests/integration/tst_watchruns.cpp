#include "RunnerProcess.h"
#include "analysis/LaneNames.h"
#include "analysis/OutputLog.h"
#include "analysis/ProcessTree.h"
#include "analysis/StateTimeline.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <map>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace conlab;

namespace {

constexpr std::uint64_t kSampleNs = 2'000'000;
// A boundary is drawn at the first sample that sees it, give or take a sample of counter
// lag; this machine is shared and a sample may come late, so a few milliseconds more.
constexpr std::uint64_t kBoundarySlackNs = 2 * kSampleNs + 6'000'000;

QString watchTarget()
{
    return qEnvironmentVariable("CONLAB_WATCH_TARGET");
}

QString pythonScript(const char *name)
{
    return qEnvironmentVariable("CONLAB_WATCH_PYTHON") + QLatin1Char('/') + QLatin1String(name);
}

// The system's interpreter where there is one: a version manager's shim (pyenv) is a shell
// script that runs a crowd of helper processes before the interpreter.
QString python()
{
    if (QFile::exists(QStringLiteral("/usr/bin/python3")))
        return QStringLiteral("/usr/bin/python3");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

int usableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

// How many cores two busy processes get right now: 2 on an idle two-core machine, nearer 1
// while something else computes (a build on a shared machine).
double freeCores()
{
    const auto cpuNs = [] {
        timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
    };
    const auto wallNs = [] {
        timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
    };
    const double start = wallNs();
    const pid_t child = fork();
    if (child == 0) {
        while (wallNs() - start < 300e6) {
        }
        _exit(0);
    }
    const double cpuStart = cpuNs();
    while (wallNs() - start < 300e6) {
    }
    const double mine = cpuNs() - cpuStart;
    int status = 0;
    rusage usage = {};
    wait4(child, &status, 0, &usage);
    const double theirs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e9 +
                          double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e3;
    return (mine + theirs) / (wallNs() - start);
}

struct Watched
{
    int code = -1;
    QJsonObject summary;
    QByteArray standardError;
    Trace trace;
    StateTimeline timeline;
    QString problems; // unreadable trace, checker violations
};

Watched watch(const QStringList &options, const QStringList &command, const QString &tracePath,
              int timeoutMs = 60000)
{
    Watched run;
    QStringList arguments = options;
    arguments << QStringLiteral("--trace") << tracePath << QStringLiteral("--") << command;
    run.code = RunnerProcess::runToEnd(arguments, &run.summary, &run.standardError, timeoutMs);
    std::string error;
    if (!TraceFile::read(tracePath.toStdString(), run.trace, &error)) {
        run.problems = QString::fromStdString(error) + QString::fromUtf8(run.standardError);
        return run;
    }
    TraceChecker::Options checks;
    checks.runCompleted = TraceChecker::summarySaysCompleted(run.trace.summaryJson);
    for (const auto &v : TraceChecker::check(run.trace, checks))
        run.problems += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    run.timeline.reset(run.trace.meta);
    run.timeline.append(run.trace.events);
    run.timeline.extendOpenTo(run.timeline.lastNs());
    return run;
}

std::uint64_t runningNs(const StateTimeline::Lane &lane)
{
    std::uint64_t total = 0;
    for (const StateInterval &interval : lane.intervals)
        if (interval.state == WorkerState::Running)
            total += interval.endNs - interval.startNs;
    return total;
}

const StateTimeline::Lane *laneOfTid(const StateTimeline &timeline, std::int64_t tid)
{
    for (std::size_t l = 0; l < timeline.laneCount(); ++l)
        if (timeline.lane(l).tid == tid && timeline.lane(l).worker != 0)
            return &timeline.lane(l);
    return nullptr;
}

// The interval of `lane` that covers `timeNs`.
const StateInterval *at(const StateTimeline::Lane &lane, std::uint64_t timeNs)
{
    for (const StateInterval &interval : lane.intervals)
        if (interval.startNs <= timeNs && timeNs < interval.endNs)
            return &interval;
    return nullptr;
}

QString describe(const StateInterval *interval, std::uint64_t startNs)
{
    if (!interval)
        return QStringLiteral("nothing");
    return QStringLiteral("%1 %2 from %3 ms to %4 ms")
        .arg(QString::fromLatin1(toString(interval->state)))
        .arg(QString::fromLatin1(toString(interval->reason)))
        .arg(double(interval->startNs - startNs) / 1e6)
        .arg(double(interval->endNs - startNs) / 1e6);
}

} // namespace

// conlab-runner --exec and --attach: a program the lab did not write, drawn from the kernel's
// accounting. A test program with known phases checks states, reasons, boundaries, the
// process tree and the running total; real Python shows the GIL; attach never kills.
class TestWatchRuns : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(watchTarget()), "CONLAB_WATCH_TARGET names no file");
    }

    void phasesOfAKnownProgram()
    {
        QTemporaryDir dir;
        const QString tracePath = dir.filePath(QStringLiteral("watch.trace"));
        const Watched run =
            watch({QStringLiteral("--exec"), QStringLiteral("--set"), QStringLiteral("sample=2")},
                  {watchTarget()}, tracePath);
        QCOMPARE(run.code, 0);
        QVERIFY2(run.problems.isEmpty(), qPrintable(run.problems));
        QCOMPARE(run.summary.value(QStringLiteral("scenario")).toString(), QStringLiteral("exec"));
        QCOMPARE(run.summary.value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(run.summary.value(QStringLiteral("exit_code")).toInt(-1), 0);
        QCOMPARE(run.summary.value(QStringLiteral("processes_seen")).toInt(), 2);
        QCOMPARE(run.summary.value(QStringLiteral("threads_seen")).toInt(), 4);
        QCOMPARE(run.summary.value(QStringLiteral("sample_ns")).toInteger(), qint64(kSampleNs));
        QVERIFY(run.summary.value(QStringLiteral("samples")).toInteger() > 300);
        QCOMPARE(run.trace.meta.sampleNs, kSampleNs);

        // What the program said of itself: its phases' start times, its child, its CPU time.
        std::map<std::string, std::uint64_t> phases;
        std::uint64_t rusageNs = 0;
        int childPid = 0;
        int childExit = -1;
        for (const OutputLog::Line &line : OutputLog::collect(run.trace.events)) {
            char name[32];
            unsigned long long value = 0;
            if (std::sscanf(line.text.c_str(), "phase %31s %llu", name, &value) == 2)
                phases[name] = value;
            std::sscanf(line.text.c_str(), "rusage_ns %llu", &value) == 1 ? rusageNs = value : 0;
            std::sscanf(line.text.c_str(), "child %d exit %d", &childPid, &childExit);
            QCOMPARE(line.worker, 0u); // the program's output is on the watcher's lane
        }
        QCOMPARE(phases.size(), std::size_t(7));
        QCOMPARE(childExit, 3);
        QVERIFY(rusageNs > 0);

        const std::int64_t pid = run.summary.value(QStringLiteral("pid")).toInteger();
        const StateTimeline::Lane *main = laneOfTid(run.timeline, pid);
        QVERIFY(main);
        QCOMPARE(run.trace.meta.workerName(main->worker),
                 QStringLiteral("watch_target %1").arg(pid).toStdString());
        const std::uint64_t start = run.trace.meta.startNs;
        // Each phase's state, from the phase's start to the next one's.
        struct Expected
        {
            const char *phase;
            const char *next;
            WorkerState state;
            BlockReason reason;
        };
        const Expected expected[] = {
            {"sleep", "pipe", WorkerState::Blocked, BlockReason::Sleep},
            {"pipe", "futex", WorkerState::Blocked, BlockReason::PipeEmpty},
            {"futex", "join", WorkerState::Blocked, BlockReason::Lock},
            {"join", "zombie", WorkerState::Blocked, BlockReason::Join},
            {"zombie", "exit", WorkerState::Blocked, BlockReason::Sleep},
        };
        for (const Expected &e : expected) {
            const std::uint64_t from = phases[e.phase];
            const std::uint64_t to = phases[e.next];
            const StateInterval *drawn = at(*main, from + (to - from) / 2);
            const QString what = QStringLiteral("phase %1 (%2 ms to %3 ms) drawn as %4")
                                     .arg(QLatin1String(e.phase))
                                     .arg(double(from - start) / 1e6)
                                     .arg(double(to - start) / 1e6)
                                     .arg(describe(drawn, start));
            QVERIFY2(drawn && drawn->state == e.state && drawn->reason == e.reason,
                     qPrintable(what));
            QVERIFY2(std::max(drawn->startNs, from) - std::min(drawn->startNs, from) <=
                         kBoundarySlackNs,
                     qPrintable(what + QStringLiteral(": its start is off")));
            QVERIFY2(std::max(drawn->endNs, to) - std::min(drawn->endNs, to) <= kBoundarySlackNs,
                     qPrintable(what + QStringLiteral(": its end is off")));
        }
        // Computing: on a CPU or waiting for one, never blocked.
        for (const StateInterval &interval : main->intervals) {
            if (interval.endNs <= phases["compute"] + kBoundarySlackNs ||
                interval.startNs >= phases["sleep"] - kBoundarySlackNs)
                continue;
            QVERIFY2(interval.state == WorkerState::Running || interval.state == WorkerState::Ready,
                     qPrintable(describe(&interval, start)));
        }
        // The join names the child's lane, and the child sits under its parent and ends 3.
        const StateInterval *join = at(*main, (phases["join"] + phases["zombie"]) / 2);
        const StateTimeline::Lane *child = laneOfTid(run.timeline, childPid);
        QVERIFY(child);
        QCOMPARE(join->object, child->worker);
        QCOMPARE(child->ppid, pid);
        const StateInterval &childEnd = child->intervals.back();
        QCOMPARE(childEnd.state, WorkerState::Terminated);
        QCOMPARE(childEnd.exitCause, ExitCause::Failed);
        QCOMPARE(childEnd.exitArg, std::int64_t(3));
        const ProcessTree tree = ProcessTree::build(run.trace.meta, run.trace.events);
        const auto &processes = tree.processes();
        const auto parent =
            std::find_if(processes.begin(), processes.end(),
                         [&](const ProcessTree::Process &p) { return p.pid == pid; });
        QVERIFY(parent != processes.end());
        QCOMPARE(parent->threads.size(), std::size_t(3));
        QCOMPARE(parent->children.size(), std::size_t(1));
        QCOMPARE(processes[parent->children.front()].pid, std::int64_t(childPid));
        // The main lane ends where the program exited, "finished".
        const StateInterval &mainEnd = main->intervals.back();
        QCOMPARE(mainEnd.state, WorkerState::Terminated);
        QCOMPARE(mainEnd.exitCause, ExitCause::Normal);
        QVERIFY2(mainEnd.startNs + kBoundarySlackNs >= phases["exit"] &&
                     mainEnd.startNs <= phases["exit"] + kBoundarySlackNs,
                 qPrintable(QStringLiteral("exit at %1 ms, drawn at %2 ms")
                                .arg(double(phases["exit"] - start) / 1e6)
                                .arg(double(mainEnd.startNs - start) / 1e6)));

        // Running time across the process's threads against its own rusage.
        std::uint64_t drawnRunning = 0;
        for (std::size_t l = 0; l < run.timeline.laneCount(); ++l)
            if (run.timeline.lane(l).pid == pid && run.timeline.lane(l).worker != 0)
                drawnRunning += runningNs(run.timeline.lane(l));
        const double tolerance = std::max(0.05 * double(rusageNs), 10e6);
        QVERIFY2(std::abs(double(drawnRunning) - double(rusageNs)) <= tolerance,
                 qPrintable(QStringLiteral("drawn running %1 ms, rusage %2 ms")
                                .arg(double(drawnRunning) / 1e6)
                                .arg(double(rusageNs) / 1e6)));
    }

    void theRealGil_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<double>("atMost");
        QTest::addColumn<double>("atLeast");
        // Four threads share one interpreter lock: about one core's worth, whatever the cores.
        QTest::newRow("threads") << QStringLiteral("cpu_threads.py") << 1.3 << 0.0;
        // Four processes have four locks: both cores of a two-core machine.
        QTest::newRow("processes") << QStringLiteral("cpu_processes.py") << 100.0 << 1.5;
    }

    void theRealGil()
    {
        QFETCH(QString, script);
        QFETCH(double, atMost);
        QFETCH(double, atLeast);
        if (python().isEmpty())
            QSKIP("no python3 on this machine: the real GIL cannot be shown");
        if (usableCores() < 2)
            QSKIP("fewer than 2 CPUs: threads and processes cannot be told apart by CPU use");
        if (atLeast > 0) {
            const double free = freeCores();
            if (free < 1.7)
                QSKIP(qPrintable(QStringLiteral("the machine is busy: two busy processes get %1 "
                                                "cores now, too few to show both cores used")
                                     .arg(free, 0, 'f', 2)));
        }
        QTemporaryDir dir;
        const Watched run = watch({QStringLiteral("--exec")},
                                  {python(), pythonScript(qPrintable(script)),
                                   QStringLiteral("4000000"), QStringLiteral("4")},
                                  dir.filePath(QStringLiteral("gil.trace")));
        QCOMPARE(run.code, 0);
        QVERIFY2(run.problems.isEmpty(), qPrintable(run.problems));
        QCOMPARE(run.summary.value(QStringLiteral("exit_code")).toInt(-1), 0);
        // The counters: the lanes that ran a good while (not the main thread, not helpers).
        std::uint64_t running = 0;
        std::uint64_t first = UINT64_MAX;
        std::uint64_t last = 0;
        int counters = 0;
        for (std::size_t l = 0; l < run.timeline.laneCount(); ++l) {
            const auto &lane = run.timeline.lane(l);
            if (lane.worker == 0 || runningNs(lane) < 50'000'000)
                continue;
            ++counters;
            running += runningNs(lane);
            for (const StateInterval &interval : lane.intervals) {
                if (interval.state != WorkerState::Running)
                    continue;
                first = std::min(first, interval.startNs);
                last = std::max(last, interval.endNs);
            }
        }
        QCOMPARE(counters, 4);
        const double cores = double(running) / double(last - first);
        qInfo("%s: %.2f cores' worth of running over %.0f ms", qPrintable(script), cores,
              double(last - first) / 1e6);
        QVERIFY2(cores <= atMost, qPrintable(QString::number(cores)));
        QVERIFY2(cores >= atLeast, qPrintable(QString::number(cores)));
    }

    void twoLocksWarnOfAPossibleDeadlock()
    {
        if (python().isEmpty())
            QSKIP("no python3 on this machine");
        QTemporaryDir dir;
        const Watched run = watch(
            {QStringLiteral("--exec"), QStringLiteral("--time-limit"), QStringLiteral("3"),
             QStringLiteral("--set"), QStringLiteral("stall=1")},
            {python(), pythonScript("two_locks.py")}, dir.filePath(QStringLiteral("locks.trace")));
        QCOMPARE(run.code, 0);
        QVERIFY2(run.problems.isEmpty(), qPrintable(run.problems));
        QCOMPARE(run.summary.value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("timed_out"));
        QCOMPARE(run.summary.value(QStringLiteral("exit_signal")).toInt(), SIGKILL);
        QVERIFY(run.summary.value(QStringLiteral("possible_deadlock")).toBool());
        const QString warning = run.summary.value(QStringLiteral("stall_warning")).toString();
        QVERIFY2(warning.startsWith(QStringLiteral("possible deadlock: every thread has waited "
                                                   "on a lock for 1 s")),
                 qPrintable(warning));
        bool onLaneZero = false;
        for (const OutputLog::Line &line : OutputLog::collect(run.trace.events))
            onLaneZero = onLaneZero || (line.worker == 0 && line.text == warning.toStdString());
        QVERIFY(onLaneZero);
        // Every lane the time limit ended says so.
        for (std::size_t l = 0; l < run.timeline.laneCount(); ++l) {
            const auto &lane = run.timeline.lane(l);
            if (lane.worker != 0 && lane.intervals.back().state == WorkerState::Terminated)
                QCOMPARE(lane.intervals.back().exitCause, ExitCause::TimeLimit);
        }
    }

    void attachAndDetachLeavesTheProgramRunning()
    {
        QProcess target;
        target.start(watchTarget(), {QStringLiteral("--idle")});
        QVERIFY(target.waitForReadyRead(10000));
        const auto pid = pid_t(target.processId());
        RunnerProcess runner;
        QVERIFY(runner.start(
            {QStringLiteral("--attach"), QString::number(pid), QStringLiteral("--stream")}));
        // Until the lane of the target's thread has its name: the watch is under way.
        bool named = false;
        for (int i = 0; i < 200 && !named; ++i) {
            runner.pump(50);
            TraceMeta meta = runner.meta();
            LaneNames::applyAll(runner.events(), meta);
            named = meta.workerName(1) == "watch_target " + std::to_string(pid);
        }
        QVERIFY(named);
        runner.terminate();
        for (int i = 0; i < 100 && runner.pump(100);) {
            ++i;
        }
        QVERIFY(runner.haveSummary());
        QCOMPARE(runner.summary().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("stopped"));
        QVERIFY(runner.summary().value(QStringLiteral("detached")).toBool());
        QVERIFY(runner.summary()
                    .value(QStringLiteral("checks"))
                    .toObject()
                    .value(QStringLiteral("passed"))
                    .toBool());
        // Still there, and still asleep where it was: not stopped, not killed.
        QCOMPARE(kill(pid, 0), 0);
        QCOMPARE(target.state(), QProcess::Running);
        target.kill();
        QVERIFY(target.waitForFinished(10000));
    }

    void badCommandsAndPidsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing program")
            << QStringList{QStringLiteral("--exec"), QStringLiteral("--"),
                           QStringLiteral("no-such-program-anywhere")}
            << QStringLiteral("no program 'no-such-program-anywhere' on PATH");
        QTest::newRow("missing path") << QStringList{QStringLiteral("--exec"), QStringLiteral("--"),
                                                     QStringLiteral("/no/such/file")}
                                      << QStringLiteral("/no/such/file: No such file or directory");
        QTest::newRow("not executable")
            << QStringList{QStringLiteral("--exec"), QStringLiteral("--"),
                           QStringLiteral("/etc/hostname")}
            << QStringLiteral("/etc/hostname"); // not executable, or not a program
        QTest::newRow("no command") << QStringList{QStringLiteral("--exec")}
                                    << QStringLiteral("--exec needs a command after --");
        // Above the largest pid the kernel hands out (4194304).
        QTest::newRow("no such pid")
            << QStringList{QStringLiteral("--attach"), QStringLiteral("4194305")}
            << QStringLiteral("--attach 4194305: no such process");
        QTest::newRow("not a pid") << QStringList{QStringLiteral("--attach"), QStringLiteral("x")}
                                   << QStringLiteral("is not a process id");
        QTest::newRow("bad sample")
            << QStringList{QStringLiteral("--exec"), QStringLiteral("--set"),
                           QStringLiteral("sample=500"), QStringLiteral("--"),
                           QStringLiteral("true")}
            << QStringLiteral("sample: '500' is out of range");
    }

    void badCommandsAndPidsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QByteArray standardError;
        QCOMPARE(RunnerProcess::runToEnd(arguments, nullptr, &standardError), 2);
        QVERIFY2(standardError.contains(message.toUtf8()), standardError.constData());
    }

    void anotherUsersProcessIsRefused()
    {
        if (getuid() == 0)
            QSKIP("running as root, which may read every process: pid 1 would be followed");
        QByteArray standardError;
        QCOMPARE(RunnerProcess::runToEnd({QStringLiteral("--attach"), QStringLiteral("1")}, nullptr,
                                         &standardError),
                 2);
        QVERIFY2(standardError.contains("--attach 1:"), standardError.constData());
    }
};

QTEST_GUILESS_MAIN(TestWatchRuns)
#include "tst_watchruns.moc"
