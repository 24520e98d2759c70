#include "RunnerProcess.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <map>
#include <set>
#include <sys/resource.h>

using namespace conlab;

namespace {

constexpr int kClients = 100;
constexpr int kPoolSize = 6; // above the 4 pool lanes, so that two pool threads run unlaned

struct RunResult
{
    QJsonObject summary;
    Trace trace;
    QString problems; // unreadable trace or checker violations
    qint64 runnerPid = 0;
    qint64 wallMs = 0;
    bool finished = false;
};

std::int64_t figure(const QJsonObject &summary, const QString &name)
{
    return summary.value(name).toInteger(-1);
}

// Processes whose process group is `group`: the runner leads its own group when streaming, and
// everything it forks stays in it.
QStringList processesInGroup(qint64 group)
{
    QStringList out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 2 && fields[2].toLongLong() == group)
            out << entry + QLatin1Char(' ') + QString::fromLatin1(fields[0]);
    }
    return out;
}

// The pids the trace's lanes ran in, other than the runner's own (forked handlers).
std::set<qint64> forkedPids(const Trace &trace, qint64 runnerPid)
{
    std::set<qint64> out;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::WorkerStarted && e.arg != runnerPid)
            out.insert(e.arg);
    return out;
}

} // namespace

// server-models run for real: each echo server design under 100 loopback clients, every reply
// checked by the clients, every lane and process accounted for afterwards.
class TestServerModelsRuns : public QObject
{
    Q_OBJECT

private slots:
    void eachDesignEchoesEveryMessage_data();
    void eachDesignEchoesEveryMessage();
    void allDesignsInOneRunReportProgress();
    void stopEndsEveryDesignPromptly();
    void stopMidRunOfForkingServerEndsWithinASecond();
    void stopWhileForkingEndsPromptlyAndCleanly();
    void killOfRunnerLeavesNoForkerAndNoChild();
    void badClientCountIsRefused_data();
    void badClientCountIsRefused();

private:
    RunResult run(const QStringList &sets, const QStringList &extra = {},
                  bool expectCompleted = true);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunResult TestServerModelsRuns::run(const QStringList &sets, const QStringList &extra,
                                    bool expectCompleted)
{
    RunResult result;
    const QString path = m_dir.filePath(QStringLiteral("server-%1.trace").arg(++m_runs));
    QStringList arguments = {QStringLiteral("--scenario"), QStringLiteral("server-models"),
                             QStringLiteral("--trace"), path};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    arguments << extra;
    RunnerProcess runner;
    QElapsedTimer timer;
    timer.start();
    // Streaming, so that the runner leads its own process group: what it forks can be found.
    if (!runner.start(arguments)) {
        result.problems = QStringLiteral("the runner did not start");
        return result;
    }
    result.runnerPid = runner.pid();
    bool running = true;
    while ((running = runner.pump(200)) && timer.elapsed() < 60000) {
    }
    if (running) {
        runner.terminate();
        runner.waitForFinished(5000);
    }
    result.finished = !running;
    result.wallMs = timer.elapsed();
    result.summary = runner.summary();
    std::string error;
    if (!result.finished || !TraceFile::read(path.toStdString(), result.trace, &error)) {
        result.problems = QStringLiteral("finished %1, %2")
                              .arg(result.finished)
                              .arg(QString::fromStdString(error));
        return result;
    }
    TraceChecker::Options options;
    options.runCompleted = expectCompleted;
    for (const auto &v : TraceChecker::check(result.trace, options))
        result.problems += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    return result;
}

void TestServerModelsRuns::eachDesignEchoesEveryMessage_data()
{
    QTest::addColumn<QString>("design");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("handlerLanes");
    QTest::newRow("process-per-connection") << "process-per-connection"
                                            << "process_per_connection" << kClients << 4;
    QTest::newRow("thread-per-connection") << "thread-per-connection"
                                           << "thread_per_connection" << kClients << 4;
    QTest::newRow("thread-pool") << "thread-pool"
                                 << "thread_pool" << kPoolSize << 4;
    QTest::newRow("epoll") << "epoll"
                           << "epoll" << 1 << 0;
    QTest::newRow("coroutines") << "coroutines"
                                << "coroutines" << 1 << 0;
    QTest::newRow("io_uring") << "io_uring"
                              << "io_uring" << 1 << 0;
}

void TestServerModelsRuns::eachDesignEchoesEveryMessage()
{
    QFETCH(QString, design);
    QFETCH(QString, prefix);
    QFETCH(int, workers);
    QFETCH(int, handlerLanes);
    const RunResult r = run({"design=" + design, QStringLiteral("clients=%1").arg(kClients),
                             QStringLiteral("pool-size=%1").arg(kPoolSize),
                             QStringLiteral("duration=300"), QStringLiteral("message=100")});
    const auto f = [&](const char *suffix) {
        return figure(r.summary, prefix + suffix);
    };
    if (design == QLatin1String("io_uring") && figure(r.summary, "io_uring_available") == 0)
        QSKIP("io_uring is not available here (the run says so in io_uring_available)");
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY(r.summary.value(QStringLiteral("checks")).toObject().value("passed").toBool());
    QCOMPARE(figure(r.summary, "dropped_events"), 0);

    // Every reply correct, and there were replies.
    QCOMPARE(figure(r.summary, "bad_replies"), 0);
    QCOMPARE(f("_bad_replies"), 0);
    QVERIFY2(f("_replies") > kClients, qPrintable(QString::number(f("_replies"))));
    QVERIFY(f("_throughput_msgs_per_s") > 0);
    QVERIFY(f("_latency_p50_ns") > 0);
    QVERIFY(f("_latency_p99_ns") >= f("_latency_p50_ns"));
    QVERIFY(f("_rss_kib") > 0);

    // The workers the design needs: one loop, the pool, or one per connection; the lane count
    // stays capped and the rest are counted.
    QCOMPARE(f("_workers"), workers);
    QCOMPARE(f("_workers_without_lane"), std::max(0, workers - std::max(handlerLanes, 1)));
    int handlers = 0, clients = 0, servers = 0;
    for (const auto &lane : r.trace.meta.workers) {
        handlers += lane.role == "handler";
        clients += lane.role == "client";
        servers += lane.role == "server";
        if (lane.id != 0)
            QVERIFY2(QString::fromStdString(lane.name).startsWith(design + ": "),
                     lane.name.c_str());
    }
    QCOMPARE(servers, 1);
    QCOMPARE(handlers, handlerLanes);
    QCOMPARE(clients, 2);

    // Every lane ended normally; a handler lane ran in its handler's own thread or process.
    std::map<std::uint32_t, std::set<std::int64_t>> tids;
    for (const Event &e : r.trace.events) {
        if (e.kind == EventKind::Terminated)
            QCOMPARE(ExitCause(e.reason), ExitCause::Normal);
        if (e.kind == EventKind::WorkerStarted)
            tids[e.worker].insert(e.value);
    }
    const std::set<qint64> forked = forkedPids(r.trace, r.runnerPid);
    for (const auto &lane : r.trace.meta.workers) {
        if (lane.role != "handler")
            continue;
        // The runtime's thread hosted the lane; the handler then started on it.
        QCOMPARE(int(tids[lane.id].size()), 2);
    }
    if (design == QLatin1String("coroutines")) {
        // A coroutine per connection, the first four with lanes nested in the event loop's,
        // all on its one thread.
        std::uint32_t server = 0;
        for (const auto &lane : r.trace.meta.workers)
            if (lane.role == "server")
                server = lane.id;
        int coroutines = 0;
        for (const auto &lane : r.trace.meta.workers) {
            if (lane.role != "coroutine")
                continue;
            ++coroutines;
            QCOMPARE(lane.parent, std::int32_t(server));
            QVERIFY(tids[lane.id] == tids[server]);
        }
        QCOMPARE(coroutines, 4);
    }
    if (design == QLatin1String("process-per-connection")) {
        QCOMPARE(int(forked.size()), handlerLanes);
        QCOMPARE(f("_children_left"), 0);
        QVERIFY2(f("_private_kib") > 0, qPrintable(QString::number(f("_private_kib"))));
    } else {
        QVERIFY(forked.empty());
    }

    // Nothing left behind: no process of the run's group, no forked handler, no socket.
    QCOMPARE(processesInGroup(r.runnerPid).join(QLatin1Char(',')), QString());
    for (const qint64 pid : forked)
        QVERIFY2(kill(pid_t(pid), 0) == -1 && errno == ESRCH, qPrintable(QString::number(pid)));
    QCOMPARE(figure(r.summary, "sockets_left_open"), 0);
}

void TestServerModelsRuns::allDesignsInOneRunReportProgress()
{
    const RunResult r = run({QStringLiteral("clients=%1").arg(kClients),
                             QStringLiteral("duration=200"), QStringLiteral("think-time=1")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QCOMPARE(figure(r.summary, "bad_replies"), 0);
    const bool uring = figure(r.summary, "io_uring_available") == 1;
    QCOMPARE(figure(r.summary, "designs_run"), uring ? 6 : 5);

    // Progress: main sets each design's start event when it begins and clears it, with the
    // design's number and correct replies, when it ends; one after the other, in order.
    const QStringList prefixes = {"process_per_connection",
                                  "thread_per_connection",
                                  "thread_pool",
                                  "epoll",
                                  "coroutines",
                                  "io_uring"};
    std::vector<const Event *> progress;
    for (const Event &e : r.trace.events)
        if (e.worker == 0 && (e.kind == EventKind::EventSet || e.kind == EventKind::EventCleared))
            progress.push_back(&e);
    QCOMPARE(int(progress.size()), 12);
    for (int i = 0; i < 6; ++i) {
        const Event &set = *progress[std::size_t(2 * i)];
        const Event &cleared = *progress[std::size_t(2 * i + 1)];
        QCOMPARE(set.kind, EventKind::EventSet);
        QCOMPARE(cleared.kind, EventKind::EventCleared);
        QCOMPARE(set.object, cleared.object);
        // The design's start: an event its lanes wait on for their turn, declared as such.
        QCOMPARE(r.trace.meta.object(set.object)->kind, std::string("turn"));
        QCOMPARE(int(cleared.value), i + 1);
        if (i < 5 || uring)
            QCOMPARE(cleared.arg, figure(r.summary, prefixes[i] + "_replies"));
    }
    // Think time paces the clients: far fewer messages than without it.
    QVERIFY(figure(r.summary, "epoll_replies") > 0);
    QVERIFY(figure(r.summary, "epoll_latency_p50_ns") > 0);
    QCOMPARE(processesInGroup(r.runnerPid).join(QLatin1Char(',')), QString());
    QCOMPARE(figure(r.summary, "sockets_left_open"), 0);
}

void TestServerModelsRuns::stopEndsEveryDesignPromptly()
{
    // The time limit falls while the forking design serves its clients: its children, the
    // client lanes and every later design's lanes must all end, and quickly.
    const RunResult r =
        run({QStringLiteral("clients=%1").arg(kClients), QStringLiteral("duration=20000")},
            {QStringLiteral("--time-limit"), QStringLiteral("1")}, false);
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("timed_out"));
    if (r.wallMs >= 4000) {
        // Once seen on a loaded CI machine (20 s, the clients' whole window) and never since:
        // say when each lane ended, so the next occurrence shows what held the run up.
        QString ends;
        for (const Event &e : r.trace.events)
            if (e.kind == EventKind::Terminated)
                ends += QStringLiteral("%1 at %2 ms; ")
                            .arg(QString::fromStdString(r.trace.meta.workerName(e.worker)))
                            .arg(double(e.timeNs - r.trace.meta.startNs) / 1e6);
        QFAIL(qPrintable(QStringLiteral("%1 ms; elapsed_ns %2; %3")
                             .arg(r.wallMs)
                             .arg(figure(r.summary, "elapsed_ns"))
                             .arg(ends)));
    }
    int ended = 0;
    for (const Event &e : r.trace.events) {
        if (e.kind != EventKind::Terminated)
            continue;
        ++ended;
        QCOMPARE(ExitCause(e.reason), ExitCause::TimeLimit);
    }
    QCOMPARE(ended, int(r.trace.meta.workers.size()));
    QCOMPARE(processesInGroup(r.runnerPid).join(QLatin1Char(',')), QString());
    for (const qint64 pid : forkedPids(r.trace, r.runnerPid))
        QVERIFY2(kill(pid_t(pid), 0) == -1 && errno == ESRCH, qPrintable(QString::number(pid)));
    QCOMPARE(figure(r.summary, "sockets_left_open"), 0);
    QCOMPARE(figure(r.summary, "bad_replies"), 0); // what was due at the stop is not "missing"
}

void TestServerModelsRuns::stopMidRunOfForkingServerEndsWithinASecond()
{
    // Issue 13, item 3: Stop during a process-per-connection run took 1-3 s and the stopped
    // run failed its own trace check (lanes recording after the runner had ended them). The
    // acceptor forked a child for every connection in its backlog before it looked at the
    // stop, the busy client lanes never reached a wait that would, and the acceptor gave its
    // children 2 s before SIGKILL: all of it past the runner's 700 ms grace period.
    // The most clients there can be, all connected at once: at the stop the acceptor still has
    // most of them in its backlog.
    const int clients = 1000;
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0 ||
        (files.rlim_max != RLIM_INFINITY && files.rlim_max < rlim_t(2 * clients + 128)))
        QSKIP("the hard limit on open files is below what 1000 clients need");
    const QString path = m_dir.filePath(QStringLiteral("server-stop.trace"));
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("server-models"),
                          QStringLiteral("--trace"), path, QStringLiteral("--set"),
                          QStringLiteral("design=process-per-connection"), QStringLiteral("--set"),
                          QStringLiteral("clients=%1").arg(clients), QStringLiteral("--set"),
                          QStringLiteral("duration=20000")}));
    const qint64 runnerPid = runner.pid();

    // Mid-run, from the streamed events: every handler lane has been taken over by a forked
    // child, and a handler or client lane has waited for its peer and been answered, so the
    // clients are loading the children. The clients connected all at once; the acceptor is
    // still forking for the rest of them.
    QElapsedTimer waited;
    waited.start();
    std::set<std::uint32_t> handlers, lanes, taken;
    bool echoed = false;
    std::size_t seen = 0;
    const auto underWay = [&] {
        return !handlers.empty() && taken == handlers && echoed;
    };
    while (!underWay() && runner.pump(50) && waited.elapsed() < 30000) {
        for (const auto &lane : runner.meta().workers) {
            if (lane.role == "handler")
                handlers.insert(lane.id);
            if (lane.role == "handler" || lane.role == "client")
                lanes.insert(lane.id);
        }
        for (; seen < runner.events().size(); ++seen) {
            const Event &e = runner.events()[seen];
            if (e.kind == EventKind::WorkerStarted && handlers.count(e.worker) &&
                e.arg != runnerPid)
                taken.insert(e.worker);
            echoed = echoed || (e.kind == EventKind::IoNotified && lanes.count(e.worker));
        }
    }
    QVERIFY2(underWay(), "the run never got under way");

    QElapsedTimer stop;
    stop.start();
    runner.terminate(); // SIGTERM, as the window's Stop sends
    // Keep reading: a runner whose stream nobody reads would block on it.
    while (runner.pump(20) && stop.elapsed() < 10000) {
    }
    const qint64 stopMs = stop.elapsed();
    qInfo("SIGTERM to exit: %lld ms", stopMs);
    QVERIFY2(!runner.pump(0), "the runner was still running 10 s after SIGTERM");
    QVERIFY2(stopMs < 1000, qPrintable(QStringLiteral("the stop took %1 ms").arg(stopMs)));

    const QJsonObject &summary = runner.summary();
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("stopped"));
    QVERIFY(summary.value(QStringLiteral("checks")).toObject().value("passed").toBool());
    Trace trace;
    std::string error;
    QVERIFY2(TraceFile::read(path.toStdString(), trace, &error), error.c_str());
    QString problems;
    for (const auto &v : TraceChecker::check(trace, TraceChecker::Options{}))
        problems += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Every lane ended once, by the stop; the acceptor after the children it reports on.
    std::map<std::uint32_t, int> ends;
    std::map<std::uint32_t, std::uint64_t> endedAt;
    for (const Event &e : trace.events) {
        if (e.kind != EventKind::Terminated)
            continue;
        ++ends[e.worker];
        endedAt[e.worker] = e.timeNs;
        QVERIFY2(ExitCause(e.reason) == ExitCause::Stopped,
                 qPrintable(QString::fromStdString(trace.meta.workerName(e.worker))));
    }
    QCOMPARE(int(ends.size()), int(trace.meta.workers.size()));
    for (const auto &[worker, count] : ends)
        QCOMPARE(count, 1);
    for (const auto &server : trace.meta.workers)
        for (const auto &handler : trace.meta.workers)
            if (server.role == "server" && handler.role == "handler")
                QVERIFY(endedAt[server.id] >= endedAt[handler.id]);

    // The acceptor stopped forking at the stop rather than after its whole backlog, and left
    // nothing behind.
    const std::int64_t forked = figure(summary, "process_per_connection_workers");
    qInfo("%lld of %d connections got a child", static_cast<long long>(forked), clients);
    QVERIFY2(forked >= std::int64_t(handlers.size()) && forked < clients,
             qPrintable(QStringLiteral("%1 children forked").arg(forked)));
    QCOMPARE(processesInGroup(runnerPid).join(QLatin1Char(',')), QString());
    QCOMPARE(figure(summary, "process_per_connection_children_left"), 0);
    QCOMPARE(figure(summary, "sockets_left_open"), 0);
}

void TestServerModelsRuns::stopWhileForkingEndsPromptlyAndCleanly()
{
    // Issue 13, item 3: a Stop that lands while the process-per-connection acceptor is still
    // forking a child for each of its 300 waiting connections. The stop is sent as soon as the
    // streamed events show the first forked child on its lane, so the acceptor has hundreds of
    // forks still to go; it must stop forking, and the runner end with a clean trace and no
    // process of the run left. The README's figure is under a second; 2 s here, so that a
    // machine loaded by other work does not fail the test.
    const int clients = 300;
    const QString path = m_dir.filePath(QStringLiteral("server-forking-stop.trace"));
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("server-models"),
                          QStringLiteral("--trace"), path, QStringLiteral("--set"),
                          QStringLiteral("design=process-per-connection"), QStringLiteral("--set"),
                          QStringLiteral("clients=%1").arg(clients), QStringLiteral("--set"),
                          QStringLiteral("duration=20000")},
                         true));
    const qint64 runnerPid = runner.pid();

    QElapsedTimer waited;
    waited.start();
    std::set<std::uint32_t> handlers;
    bool forkedOne = false;
    std::size_t seen = 0;
    while (!forkedOne && runner.pump(20) && waited.elapsed() < 30000) {
        for (const auto &lane : runner.meta().workers)
            if (lane.role == "handler")
                handlers.insert(lane.id);
        for (; seen < runner.events().size() && !forkedOne; ++seen) {
            const Event &e = runner.events()[seen];
            forkedOne = e.kind == EventKind::WorkerStarted && handlers.count(e.worker) &&
                        e.arg != runnerPid;
        }
    }
    QVERIFY2(forkedOne, "no child was ever forked");

    QElapsedTimer stop;
    stop.start();
    runner.terminate(); // SIGTERM, as the window's Stop sends
    while (runner.pump(20) && stop.elapsed() < 10000) {
    }
    const qint64 stopMs = stop.elapsed();
    qInfo("SIGTERM to exit: %lld ms", stopMs);
    QVERIFY2(!runner.pump(0), "the runner was still running 10 s after SIGTERM");
    QVERIFY2(stopMs < 2000, qPrintable(QStringLiteral("the stop took %1 ms").arg(stopMs)));

    const QJsonObject &summary = runner.summary();
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("stopped"));
    QVERIFY(summary.value(QStringLiteral("checks")).toObject().value("passed").toBool());
    Trace trace;
    std::string error;
    QVERIFY2(TraceFile::read(path.toStdString(), trace, &error), error.c_str());
    QString problems;
    for (const auto &v : TraceChecker::check(trace, TraceChecker::Options{}))
        problems += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    std::map<std::uint32_t, int> ends;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::Terminated)
            ++ends[e.worker];
    QCOMPARE(int(ends.size()), int(trace.meta.workers.size()));
    for (const auto &[worker, count] : ends)
        QCOMPARE(count, 1);

    // The stop came while the acceptor still had connections to fork for, and it forked no
    // more; no process of the run (the runner led its own group) outlived it.
    const std::int64_t forked = figure(summary, "process_per_connection_workers");
    qInfo("%lld of %d connections got a child", static_cast<long long>(forked), clients);
    QVERIFY2(forked >= 1 && forked < clients,
             qPrintable(QStringLiteral("%1 children forked").arg(forked)));
    QCOMPARE(processesInGroup(runnerPid).join(QLatin1Char(',')), QString());
    QCOMPARE(figure(summary, "process_per_connection_children_left"), 0);
    QCOMPARE(figure(summary, "sockets_left_open"), 0);
}

void TestServerModelsRuns::killOfRunnerLeavesNoForkerAndNoChild()
{
    // kill -9 of the runner while children serve: its connection forker dies with it, and the
    // children with the forker (PR_SET_PDEATHSIG both), so nothing of the run's group is left.
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("server-models"),
                          QStringLiteral("--set"), QStringLiteral("design=process-per-connection"),
                          QStringLiteral("--set"), QStringLiteral("clients=50"),
                          QStringLiteral("--set"), QStringLiteral("duration=20000")},
                         true));
    const qint64 runnerPid = runner.pid();
    QElapsedTimer waited;
    waited.start();
    std::set<std::uint32_t> handlers;
    qint64 child = 0;
    qint64 forker = 0;
    std::size_t seen = 0;
    while (child == 0 && runner.pump(20) && waited.elapsed() < 30000) {
        for (const auto &lane : runner.meta().workers)
            if (lane.role == "handler")
                handlers.insert(lane.id);
        for (; seen < runner.events().size() && child == 0; ++seen) {
            const Event &e = runner.events()[seen];
            if (e.kind == EventKind::WorkerStarted && handlers.count(e.worker) &&
                e.arg != runnerPid) {
                child = e.arg;
                forker = e.object; // the child's parent, as it recorded it
            }
        }
    }
    QVERIFY2(child > 0, "no child was ever forked");
    // The children are not the runner's: they are the forker's, a process of the run's group.
    QVERIFY(forker != runnerPid);
    const QString forkerEntry = QStringLiteral("%1 ").arg(forker);
    bool forkerInGroup = false;
    for (const QString &entry : processesInGroup(runnerPid))
        forkerInGroup = forkerInGroup || entry.startsWith(forkerEntry);
    QVERIFY(forkerInGroup);

    QCOMPARE(::kill(pid_t(runnerPid), SIGKILL), 0);
    while (runner.pump(20) && waited.elapsed() < 60000) {
    }
    // The parent-death signals are sent as each parent exits: wait, bounded, for the last.
    QElapsedTimer gone;
    gone.start();
    QStringList left = processesInGroup(runnerPid);
    while (!left.isEmpty() && gone.elapsed() < 5000) {
        QTest::qWait(20);
        left = processesInGroup(runnerPid);
    }
    QCOMPARE(left.join(QLatin1Char(',')), QString());
}

void TestServerModelsRuns::badClientCountIsRefused_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("name");
    QTest::newRow("too many clients") << "clients=1001"
                                      << "clients";
    QTest::newRow("no clients") << "clients=0"
                                << "clients";
    QTest::newRow("unknown design") << "design=forking"
                                    << "design";
}

void TestServerModelsRuns::badClientCountIsRefused()
{
    QFETCH(QString, assignment);
    QFETCH(QString, name);
    QString message;
    QCOMPARE(RunnerProcess::refusal(QStringLiteral("server-models"), assignment, &message), 2);
    QVERIFY2(message.contains(name + QLatin1Char(':')), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("1..1000")) || message.contains(QLatin1Char('|')),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestServerModelsRuns)
#include "tst_servermodelsruns.moc"
