#include "RunnerProcess.h"
#include "analysis/StateTimeline.h"
#include "analysis/TraceChecker.h"
#include "trace/TraceFile.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <sched.h>

using namespace conlab;

namespace {

// 20 ms per time unit: a busy job of the preset is 200 ms of CPU time.
constexpr double kTimeScale = 0.2;

struct Drawn
{
    std::uint64_t runningNs = 0;
    std::uint64_t readyNs = 0;
    std::uint64_t ioNs = 0;
    std::uint64_t lifeNs = 0; // first ready to terminated
    std::uint64_t finalOnCpuNs = 0;
    std::uint64_t runDelayNs = 0; // the kernel's run-queue wait, at the last reading
    std::vector<std::pair<std::uint64_t, std::uint64_t>> running;
};

// What the lanes draw for each job, from the trace alone, beside the kernel's last reading.
std::vector<Drawn> drawnFromTrace(const Trace &trace)
{
    StateTimeline timeline;
    timeline.reset(trace.meta);
    timeline.append(trace.events);
    std::vector<Drawn> out;
    for (std::size_t l = 0; l < timeline.laneCount(); ++l) {
        const auto &lane = timeline.lane(l);
        if (lane.worker == 0)
            continue;
        Drawn drawn;
        std::uint64_t first = 0;
        for (const StateInterval &interval : lane.intervals) {
            const std::uint64_t length = interval.endNs - interval.startNs;
            if (interval.state == WorkerState::Running) {
                drawn.runningNs += length;
                drawn.running.emplace_back(interval.startNs, interval.endNs);
            } else if (interval.state == WorkerState::Ready) {
                drawn.readyNs += length;
            } else if (interval.state == WorkerState::Blocked) {
                drawn.ioNs += length;
            }
            if (first == 0 && interval.state == WorkerState::Ready)
                first = interval.startNs;
            if (interval.state == WorkerState::Terminated)
                drawn.lifeNs = interval.startNs - first;
        }
        for (const Event &e : trace.events)
            if (e.worker == lane.worker && e.kind == EventKind::CpuSample) {
                drawn.finalOnCpuNs = std::uint64_t(e.arg);
                drawn.runDelayNs = std::uint64_t(e.object) * 1000;
            }
        out.push_back(std::move(drawn));
    }
    return out;
}

int usableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

} // namespace

// The "kernel" scenario: job threads the kernel alone schedules, pinned with sched_setaffinity,
// their running and ready time drawn from samples of their schedstat counters.
class TestKernelRuns : public QObject
{
    Q_OBJECT

private slots:
    void drawnRunningMatchesTheKernel_data();
    void drawnRunningMatchesTheKernel();
    void ioIsDrawnAsLogged();
    void jobsFileRunsOnTheKernel();
    void stopEndsEveryThread();
    void badCoresAreRefused();

private:
    Trace run(const QStringList &sets, QJsonObject *summary);

    QTemporaryDir m_dir;
    int m_runs = 0;
};

Trace TestKernelRuns::run(const QStringList &sets, QJsonObject *summary)
{
    const QString path = m_dir.filePath(QStringLiteral("kernel-%1.trace").arg(++m_runs));
    QStringList arguments = {
        QStringLiteral("--scenario"), QStringLiteral("kernel"),
        QStringLiteral("--trace"),    path,
        QStringLiteral("--set"),      QStringLiteral("time-scale=%1").arg(kTimeScale)};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    Trace trace;
    QByteArray errors;
    const int code = RunnerProcess::runToEnd(arguments, summary, &errors);
    if (code != 0) {
        qWarning("runner exited %d: %s", code, errors.constData());
        return trace;
    }
    std::string error;
    if (!TraceFile::read(path.toStdString(), trace, &error))
        qWarning("%s", error.c_str());
    return trace;
}

void TestKernelRuns::drawnRunningMatchesTheKernel_data()
{
    QTest::addColumn<int>("cores");
    QTest::newRow("one core") << 1;
    if (usableCores() >= 2)
        QTest::newRow("two cores") << 2;
}

// Three busy threads: the running time drawn for each is the kernel's on-CPU time (5 %), the
// ready time drawn is the kernel's run-queue wait, and the lanes never show a core running two
// threads at once. On one core each is ready about two thirds of its life: at least while the
// other two run, more only if something else on the machine takes the core too.
void TestKernelRuns::drawnRunningMatchesTheKernel()
{
    QFETCH(int, cores);
    QJsonObject summary;
    const Trace trace = run({QStringLiteral("cores=%1").arg(cores)}, &summary);
    QVERIFY(!trace.events.empty());
    QCOMPARE(summary.value(QLatin1String("outcome")).toString(), QStringLiteral("completed"));
    QCOMPARE(trace.meta.cpus, 0u);
    QCOMPARE(trace.meta.sampleNs, 10'000'000ull);
    TraceChecker::Options options;
    options.runCompleted = true;
    for (const auto &v : TraceChecker::check(trace, options))
        QFAIL(("[" + v.rule + "] " + v.message).c_str());

    const std::vector<Drawn> drawn = drawnFromTrace(trace);
    QCOMPARE(drawn.size(), std::size_t(3));
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (const Drawn &d : drawn) {
        // At least the 200 ms the job asked for; the kernel counts a little start-up too.
        QVERIFY2(d.finalOnCpuNs >= 200'000'000, qPrintable(QString::number(d.finalOnCpuNs)));
        const double error = std::abs(double(d.runningNs) - double(d.finalOnCpuNs));
        QVERIFY2(
            error <= 0.05 * double(d.finalOnCpuNs),
            qPrintable(
                QStringLiteral("drawn %1 ns, kernel %2 ns").arg(d.runningNs).arg(d.finalOnCpuNs)));
        // Ready is what the rest of the life leaves; the kernel's own run-queue wait agrees.
        QVERIFY2(std::abs(double(d.readyNs) - double(d.runDelayNs)) <=
                     0.05 * double(d.lifeNs) + 2 * double(trace.meta.sampleNs),
                 qPrintable(QStringLiteral("drawn ready %1 ns, kernel's run-queue wait %2 ns")
                                .arg(d.readyNs)
                                .arg(d.runDelayNs)));
        if (cores == 1) {
            const double share = double(d.readyNs) / double(d.lifeNs);
            QVERIFY2(share > 2.0 / 3.0 - 0.1 && share < 0.9,
                     qPrintable(QStringLiteral("ready %1 of its life").arg(share)));
            QVERIFY2(
                double(d.readyNs) >= 0.8 * 2 * double(d.runningNs),
                qPrintable(
                    QStringLiteral("ready %1 ns, running %2 ns").arg(d.readyNs).arg(d.runningNs)));
        }
        QCOMPARE(d.ioNs, 0ull);
        for (const auto &[start, end] : d.running) {
            edges.emplace_back(start, +1);
            edges.emplace_back(end, -1);
        }
    }
    std::sort(edges.begin(), edges.end()); // an end sorts before a start at the same instant
    int running = 0;
    for (const auto &edge : edges) {
        running += edge.second;
        QVERIFY2(running <= cores, "more threads drawn running than there are cores");
    }
    const QJsonArray threads = summary.value(QLatin1String("threads")).toArray();
    QCOMPARE(threads.size(), 3);
    QCOMPARE(summary.value(QLatin1String("cores")).toInt(), cores);
    QVERIFY(!summary.contains(QLatin1String("policy")));
    // What else used the job cores: busy jobs keep every core busy, so the jobs' on-CPU time
    // and the others' add up to the cores' time (to a few clock ticks and the start's lead).
    const double others = summary.value(QLatin1String("other_cpu_ns")).toDouble(-1);
    const double coreTime = summary.value(QLatin1String("core_time_ns")).toDouble();
    QVERIFY2(others >= 0 && others <= coreTime, qPrintable(QString::number(others)));
    double ours = 0;
    for (const QJsonValue &thread : threads)
        ours += thread[QLatin1String("on_cpu_ns")].toDouble();
    if (cores == 1)
        QVERIFY2(std::abs(ours + others - coreTime) <= 0.1 * coreTime,
                 qPrintable(QStringLiteral("jobs %1 ns + others %2 ns, cores' time %3 ns")
                                .arg(ours)
                                .arg(others)
                                .arg(coreTime)));
}

// IO bursts are sleeps the thread logs itself: drawn at their real length, and only the rest
// of a window is split between running and ready.
void TestKernelRuns::ioIsDrawnAsLogged()
{
    QJsonObject summary;
    const Trace trace = run({QStringLiteral("preset=io"), QStringLiteral("cores=1")}, &summary);
    QVERIFY(!trace.events.empty());
    TraceChecker::Options options;
    options.runCompleted = true;
    for (const auto &v : TraceChecker::check(trace, options))
        QFAIL(("[" + v.rule + "] " + v.message).c_str());
    // The io preset's IO bursts, in units: P1 2, P2 none, P3 6, P4 6.
    const double unitNs = 100e6 * kTimeScale;
    const double expectedIo[] = {2 * unitNs, 0, 6 * unitNs, 6 * unitNs};
    const std::vector<Drawn> drawn = drawnFromTrace(trace);
    QCOMPARE(drawn.size(), std::size_t(4));
    for (std::size_t j = 0; j < drawn.size(); ++j) {
        QVERIFY2(std::abs(double(drawn[j].ioNs) - expectedIo[j]) <= 0.05 * expectedIo[j] + 2e6,
                 qPrintable(QStringLiteral("job %1: io drawn %2 ns").arg(j).arg(drawn[j].ioNs)));
        const double error = std::abs(double(drawn[j].runningNs) - double(drawn[j].finalOnCpuNs));
        QVERIFY(error <= 0.05 * double(drawn[j].finalOnCpuNs));
    }
}

void TestKernelRuns::jobsFileRunsOnTheKernel()
{
    const QString path = m_dir.filePath(QStringLiteral("two.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# name,arrival,bursts,priority\nA,0,3/2/3,1\nB,1,4,1\n");
    file.close();
    QJsonObject summary;
    QCOMPARE(RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("kernel"),
                                      QStringLiteral("--jobs"), path, QStringLiteral("--set"),
                                      QStringLiteral("time-scale=0.1")},
                                     &summary),
             0);
    QCOMPARE(summary.value(QLatin1String("outcome")).toString(), QStringLiteral("completed"));
    const QJsonArray threads = summary.value(QLatin1String("threads")).toArray();
    QCOMPARE(threads.size(), 2);
    QCOMPARE(threads.at(0)[QLatin1String("name")].toString(), QStringLiteral("A"));
    // Per-job metrics, but nothing to compare with: no model predicts the kernel.
    QCOMPARE(summary.value(QLatin1String("jobs")).toArray().size(), 2);
    QVERIFY(!summary.contains(QLatin1String("expected")));
    QVERIFY(!summary.contains(QLatin1String("dispatches_match")));
}

// A time limit ends the run while every thread is busy: each is recorded as ended by it, the
// checker is satisfied, and the runner is done promptly.
void TestKernelRuns::stopEndsEveryThread()
{
    QJsonObject summary;
    QElapsedTimer clock;
    clock.start();
    const QString path = m_dir.filePath(QStringLiteral("stopped.trace"));
    QCOMPARE(RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("kernel"),
                                      QStringLiteral("--time-limit"), QStringLiteral("0.3"),
                                      QStringLiteral("--trace"), path},
                                     &summary),
             0);
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(summary.value(QLatin1String("outcome")).toString(), QStringLiteral("timed_out"));
    Trace trace;
    std::string error;
    QVERIFY2(TraceFile::read(path.toStdString(), trace, &error), error.c_str());
    for (const auto &v : TraceChecker::check(trace, {}))
        QFAIL(("[" + v.rule + "] " + v.message).c_str());
    int ended = 0;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::Terminated && e.worker > 0) {
            QCOMPARE(ExitCause(e.reason), ExitCause::TimeLimit);
            ++ended;
        }
    QCOMPARE(ended, 3);
}

void TestKernelRuns::badCoresAreRefused()
{
    QString message;
    QCOMPARE(RunnerProcess::refusal(QStringLiteral("kernel"),
                                    QStringLiteral("cores=%1").arg(usableCores() + 1), &message),
             2);
    QVERIFY2(message.contains(QLatin1String("cores")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("1..%1").arg(usableCores())), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestKernelRuns)
#include "tst_kernelruns.moc"
