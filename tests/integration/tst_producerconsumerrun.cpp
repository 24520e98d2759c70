#include "RunnerProcess.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <map>
#include <set>

using namespace conlab;

// Runs producer-consumer for real through conlab-runner, as the GUI and scripts do, and
// checks what the recorded trace says happened.
class TestProducerConsumerRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runsToCompletion_data();
    void runsToCompletion();
    void earlySentinelStrandsProducers_data();
    void earlySentinelStrandsProducers();
    void noSentinelStrandsConsumers();
    void consumersGiveUpAfterTheirTimeout_data();
    void consumersGiveUpAfterTheirTimeout();
    void stopEndsEveryWorker();
    void killedWorkerEndsItsLane();
    void csvHasDocumentedColumns();

private:
    Trace runAndRead(const QStringList &sets, QJsonObject *summary, double timeLimit = 30);
    static void verifyChecker(const Trace &trace, bool completed);
    static const Event *lastStateBefore(const Trace &trace, std::uint32_t worker, EventKind until);

    QTemporaryDir m_dir;
    int m_runs = 0;
};

void TestProducerConsumerRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(RunnerProcess::runnerPath()), qPrintable(RunnerProcess::runnerPath()));
}

Trace TestProducerConsumerRun::runAndRead(const QStringList &sets, QJsonObject *summary,
                                          double timeLimit)
{
    const QString tracePath = m_dir.filePath(QStringLiteral("run-%1.trace").arg(++m_runs));
    QStringList arguments = {QStringLiteral("--scenario"),   QStringLiteral("producer-consumer"),
                             QStringLiteral("--trace"),      tracePath,
                             QStringLiteral("--time-limit"), QString::number(timeLimit)};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    QByteArray errors;
    const int code = RunnerProcess::runToEnd(arguments, summary, &errors);
    Trace trace;
    std::string error;
    if (code != 0 || !TraceFile::read(tracePath.toStdString(), trace, &error))
        qWarning("runner exit %d: %s %s", code, errors.constData(), error.c_str());
    return trace;
}

void TestProducerConsumerRun::verifyChecker(const Trace &trace, bool completed)
{
    TraceChecker::Options options;
    options.runCompleted = completed;
    const auto violations = TraceChecker::check(trace, options);
    QString report;
    for (const auto &v : violations)
        report += QString::fromStdString("[" + v.rule + "] " + v.message + "\n");
    QVERIFY2(violations.empty(), qPrintable(report));
}

const Event *TestProducerConsumerRun::lastStateBefore(const Trace &trace, std::uint32_t worker,
                                                      EventKind until)
{
    const Event *last = nullptr;
    for (const Event &e : trace.events) {
        if (e.worker != worker)
            continue;
        if (e.kind == until)
            return last;
        if (e.kind == EventKind::Ready || e.kind == EventKind::Running ||
            e.kind == EventKind::Blocked)
            last = &e;
    }
    return last;
}

void TestProducerConsumerRun::runsToCompletion_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("shutdown");
    QTest::addColumn<int>("cpus");
    QTest::addColumn<int>("producers");
    QTest::addColumn<int>("consumers");
    // More producers than consumers fill the queue; more consumers than producers drain it.
    QTest::newRow("threads, sentinel") << "thread"
                                       << "sentinel" << 1 << 3 << 2;
    QTest::newRow("processes, sentinel") << "process"
                                         << "sentinel" << 1 << 3 << 2;
    QTest::newRow("threads, joinable") << "thread"
                                       << "joinable" << 1 << 3 << 2;
    QTest::newRow("processes, joinable") << "process"
                                         << "joinable" << 1 << 3 << 2;
    QTest::newRow("threads, starved consumers") << "thread"
                                                << "sentinel" << 1 << 1 << 3;
    QTest::newRow("processes, starved consumers") << "process"
                                                  << "joinable" << 1 << 1 << 3;
    QTest::newRow("threads, 2 virtual CPUs") << "thread"
                                             << "sentinel" << 2 << 3 << 2;
    QTest::newRow("processes, 3 virtual CPUs") << "process"
                                               << "sentinel" << 3 << 3 << 2;
}

void TestProducerConsumerRun::runsToCompletion()
{
    QFETCH(QString, kind);
    QFETCH(QString, shutdown);
    QFETCH(int, cpus);
    QFETCH(int, producers);
    QFETCH(int, consumers);
    QJsonObject summary;
    const Trace trace = runAndRead({QStringLiteral("time-scale=0.05"), "kind=" + kind,
                                    "shutdown=" + shutdown, QStringLiteral("cpus=%1").arg(cpus),
                                    QStringLiteral("producers=%1").arg(producers),
                                    QStringLiteral("consumers=%1").arg(consumers)},
                                   &summary);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QVERIFY(summary.value(QStringLiteral("checks"))
                .toObject()
                .value(QStringLiteral("passed"))
                .toBool());
    // 6 items per producer by default.
    QCOMPARE(summary.value(QStringLiteral("produced")).toInt(), producers * 6);
    QCOMPARE(summary.value(QStringLiteral("consumed")).toInt(), producers * 6);
    QVERIFY(summary.value(QStringLiteral("max_depth")).toInt() <= 4);
    QCOMPARE(summary.value(QStringLiteral("dropped_events")).toInt(), 0);
    QCOMPARE(trace.meta.cpus, std::uint32_t(cpus));
    verifyChecker(trace, true);

    // The lesson's observables happened for real: producers waited on a full queue when they
    // outnumber consumers, consumers on an empty one when they outnumber producers.
    bool sawFull = false;
    bool sawEmpty = false;
    std::map<std::uint32_t, std::int64_t> pidOf;
    int running = 0;
    int maxRunning = 0;
    std::set<std::uint32_t> isRunning;
    for (const Event &e : trace.events) {
        sawFull |= e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::QueueFull;
        sawEmpty |=
            e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::QueueEmpty;
        if (e.kind == EventKind::WorkerStarted)
            pidOf[e.worker] = e.arg;
        const bool stateChange = e.kind == EventKind::Ready || e.kind == EventKind::Running ||
                                 e.kind == EventKind::Blocked || e.kind == EventKind::Terminated;
        if (stateChange && isRunning.erase(e.worker))
            --running;
        if (e.kind == EventKind::Running) {
            isRunning.insert(e.worker);
            maxRunning = std::max(maxRunning, ++running);
        }
    }
    if (producers > consumers)
        QVERIFY(sawFull);
    else
        QVERIFY(sawEmpty);
    QVERIFY(maxRunning <= cpus);
    if (cpus > 1)
        QVERIFY2(maxRunning >= 2, "with several virtual CPUs, workers run in parallel");

    // Threads share the runner's pid; processes each have their own.
    QCOMPARE(int(pidOf.size()), int(trace.meta.workers.size()));
    const std::int64_t runnerPid = pidOf[0];
    for (const auto &[worker, pid] : pidOf) {
        if (worker == 0)
            continue;
        if (kind == QLatin1String("thread"))
            QCOMPARE(pid, runnerPid);
        else
            QVERIFY(pid != runnerPid);
    }

    if (shutdown == QLatin1String("joinable")) {
        // Daemon consumers end because main finished, not because they ran out of work.
        for (const Event &e : trace.events)
            if (e.kind == EventKind::Terminated && trace.meta.worker(e.worker)->role == "consumer")
                QCOMPARE(ExitCause(e.reason), ExitCause::DaemonEnded);
    }
}

void TestProducerConsumerRun::earlySentinelStrandsProducers_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("threads") << "thread";
    QTest::newRow("processes") << "process";
}

void TestProducerConsumerRun::earlySentinelStrandsProducers()
{
    QFETCH(QString, kind);
    QJsonObject summary;
    const Trace trace = runAndRead({QStringLiteral("time-scale=0.05"), "kind=" + kind,
                                    QStringLiteral("shutdown=early-sentinel")},
                                   &summary, 1.0);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("timed_out"));
    QCOMPARE(summary.value(QStringLiteral("stranded")).toInt(), 3);
    QVERIFY(summary.value(QStringLiteral("produced")).toInt() >
            summary.value(QStringLiteral("consumed")).toInt());
    verifyChecker(trace, false);
    for (const auto &worker : trace.meta.workers) {
        const Event *last = lastStateBefore(trace, worker.id, EventKind::Terminated);
        QVERIFY(last);
        if (worker.role == "producer") {
            QCOMPARE(last->kind, EventKind::Blocked);
            QCOMPARE(BlockReason(last->reason), BlockReason::QueueFull);
        }
    }
    for (const Event &e : trace.events) {
        if (e.kind != EventKind::Terminated)
            continue;
        const std::string role = trace.meta.worker(e.worker)->role;
        // Consumers took a sentinel and left while there was work; producers were ended by
        // the time limit.
        QCOMPARE(ExitCause(e.reason),
                 role == "consumer" ? ExitCause::Normal : ExitCause::TimeLimit);
    }
}

void TestProducerConsumerRun::noSentinelStrandsConsumers()
{
    QJsonObject summary;
    const Trace trace = runAndRead(
        {QStringLiteral("time-scale=0.05"), QStringLiteral("shutdown=none")}, &summary, 1.0);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("timed_out"));
    // Every item was consumed, yet both consumers still wait for one that never comes.
    QCOMPARE(summary.value(QStringLiteral("consumed")).toInt(),
             summary.value(QStringLiteral("produced")).toInt());
    QCOMPARE(summary.value(QStringLiteral("stranded")).toInt(), 2);
    verifyChecker(trace, false);
    for (const auto &worker : trace.meta.workers) {
        if (worker.role != "consumer")
            continue;
        const Event *last = lastStateBefore(trace, worker.id, EventKind::Terminated);
        QVERIFY(last);
        QCOMPARE(last->kind, EventKind::Blocked);
        QCOMPARE(BlockReason(last->reason), BlockReason::QueueEmpty);
    }
}

void TestProducerConsumerRun::consumersGiveUpAfterTheirTimeout_data()
{
    earlySentinelStrandsProducers_data();
}

void TestProducerConsumerRun::consumersGiveUpAfterTheirTimeout()
{
    QFETCH(QString, kind);
    QJsonObject summary;
    const Trace trace =
        runAndRead({QStringLiteral("time-scale=0.05"), "kind=" + kind,
                    QStringLiteral("shutdown=timeout"), QStringLiteral("get-timeout=1000")},
                   &summary, 10.0);
    QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    QCOMPARE(summary.value(QStringLiteral("consumed")).toInt(), 18);
    QCOMPARE(summary.value(QStringLiteral("stranded")).toInt(), 0);
    verifyChecker(trace, true);
    std::map<std::uint32_t, std::uint64_t> lastGet; // per consumer
    for (const Event &e : trace.events)
        if (e.kind == EventKind::QueueGet)
            lastGet[e.worker] = e.timeNs;
    int gaveUp = 0;
    for (const Event &e : trace.events) {
        if (e.kind != EventKind::Terminated || trace.meta.worker(e.worker)->role != "consumer")
            continue;
        QCOMPARE(ExitCause(e.reason), ExitCause::GaveUp);
        // Not before a whole timeout (1000 ms x 0.05) with nothing to take.
        QVERIFY(e.timeNs >= lastGet[e.worker] + 50'000'000);
        ++gaveUp;
    }
    QCOMPARE(gaveUp, 2);
}

void TestProducerConsumerRun::stopEndsEveryWorker()
{
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                          QStringLiteral("--set"), QStringLiteral("kind=process")}));
    std::set<std::int64_t> pids;
    const std::size_t workers = 6;
    while (pids.size() < workers && runner.pump(5000)) {
        for (const Event &e : runner.events())
            if (e.kind == EventKind::WorkerStarted && e.worker != 0)
                pids.insert(e.arg);
        if (runner.meta().workers.size() == workers && pids.size() == workers - 1)
            break;
    }
    QCOMPARE(pids.size(), workers - 1);
    runner.terminate();
    QVERIFY(runner.waitForFinished(3000));
    while (runner.pump(100)) {
    }
    QVERIFY(runner.haveSummary());
    QCOMPARE(runner.summary().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("stopped"));
    QVERIFY(runner.summary()
                .value(QStringLiteral("checks"))
                .toObject()
                .value(QStringLiteral("passed"))
                .toBool());
    for (const std::int64_t pid : pids)
        QVERIFY2(kill(pid_t(pid), 0) != 0 && errno == ESRCH,
                 qPrintable(QStringLiteral("worker process %1 outlived Stop").arg(pid)));
}

void TestProducerConsumerRun::killedWorkerEndsItsLane()
{
    RunnerProcess runner;
    QVERIFY(runner.start({QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                          QStringLiteral("--set"), QStringLiteral("kind=process"),
                          QStringLiteral("--set"), QStringLiteral("time-scale=0.3"),
                          QStringLiteral("--time-limit"), QStringLiteral("30")}));
    // Find consumer-1 (worker 4: main, 3 producers, then consumers) once it has started.
    std::int64_t victim = 0;
    while (!victim && runner.pump(5000))
        for (const Event &e : runner.events())
            if (e.kind == EventKind::WorkerStarted && e.worker == 4)
                victim = e.arg;
    QVERIFY(victim > 0);
    QCOMPARE(kill(pid_t(victim), SIGKILL), 0);
    while (runner.pump(1000)) {
    }
    QVERIFY(runner.haveSummary());
    QCOMPARE(runner.summary().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("completed"));
    QCOMPARE(runner.summary().value(QStringLiteral("killed")).toInt(), 1);
    bool sawKill = false;
    for (const Event &e : runner.events()) {
        if (e.kind != EventKind::Terminated)
            continue;
        if (e.worker == 4) {
            QCOMPARE(ExitCause(e.reason), ExitCause::Signal);
            QCOMPARE(e.arg, std::int64_t(SIGKILL));
            sawKill = true;
        } else {
            QCOMPARE(ExitCause(e.reason), ExitCause::Normal);
        }
    }
    QVERIFY(sawKill);
    Trace trace;
    trace.meta = runner.meta();
    trace.events = runner.events();
    verifyChecker(trace, false);
}

void TestProducerConsumerRun::csvHasDocumentedColumns()
{
    const QString csvPath = m_dir.filePath(QStringLiteral("intervals.csv"));
    QJsonObject summary;
    QCOMPARE(
        RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("producer-consumer"),
                                 QStringLiteral("--set"), QStringLiteral("time-scale=0.02"),
                                 QStringLiteral("--csv"), csvPath},
                                &summary),
        0);
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("worker,name,pid,tid,state,reason,object,start_ns,end_ns"));
    std::set<QByteArray> names;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split(',');
        QCOMPARE(fields.size(), 9);
        QVERIFY(fields[7].toLongLong() <= fields[8].toLongLong());
        names.insert(fields[1]);
    }
    QCOMPARE(int(names.size()), 6);
    QVERIFY(names.count("consumer-2"));
}

QTEST_GUILESS_MAIN(TestProducerConsumerRun)
#include "tst_producerconsumerrun.moc"
