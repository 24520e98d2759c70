#include "RunnerProcess.h"
#include "analysis/WorkerLifetimes.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace conlab;

// Chapter 5's pool run for real: reuse of k workers, the four ways to submit and collect,
// where done callbacks run, and the semaphore executor's fresh worker per task.
class TestPoolRuns : public QObject
{
    Q_OBJECT

private slots:
    void poolReusesAtMostKWorkers_data();
    void poolReusesAtMostKWorkers();
    void syncSubmissionIsSerial();
    void asyncIoTasksOverlapByPoolSize();
    void mapKeepsSubmissionOrder();
    void asCompletedFollowsCompletionOrder();
    void callbacksRunWherePythonRunsThem_data();
    void callbacksRunWherePythonRunsThem();
    void semaphoreExecutorStartsAWorkerPerTask();
    void semaphoreExecutorRefusesMoreTasksThanLanes();

private:
    RunnerProcess::CheckedRun run(const QStringList &sets);
    static QList<int> ints(const QJsonValue &array);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestPoolRuns::run(const QStringList &sets)
{
    return RunnerProcess::runChecked(QStringLiteral("pool"),
                                     QStringList(sets) << QStringLiteral("time-scale=0.1"),
                                     m_dir.filePath(QStringLiteral("pool-%1.trace").arg(++m_runs)));
}

QList<int> TestPoolRuns::ints(const QJsonValue &array)
{
    QList<int> out;
    for (const QJsonValue &value : array.toArray())
        out << value.toInt();
    return out;
}

void TestPoolRuns::poolReusesAtMostKWorkers_data()
{
    QTest::addColumn<QString>("pool");
    QTest::addColumn<QString>("task");
    QTest::newRow("threads, cpu") << "thread"
                                  << "cpu";
    QTest::newRow("threads, io") << "thread"
                                 << "io";
    QTest::newRow("processes, mixed") << "process"
                                      << "mixed";
}

void TestPoolRuns::poolReusesAtMostKWorkers()
{
    QFETCH(QString, pool);
    QFETCH(QString, task);
    const auto r =
        run({"pool=" + pool, "task=" + task, QStringLiteral("size=3"), QStringLiteral("tasks=9")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("tasks_done")).toInt(), 9);
    const int used = r.summary.value(QStringLiteral("workers_used")).toInt();
    QVERIFY(used >= 1 && used <= 3);
    // No worker runs two tasks at once, and never more than k run together.
    QMap<QString, QList<QPair<double, double>>> byWorker;
    QList<QPair<double, int>> changes;
    for (const QJsonValue &value : r.summary.value(QStringLiteral("per_task")).toArray()) {
        const QJsonObject t = value.toObject();
        const double start = t.value(QStringLiteral("start_ns")).toDouble();
        const double end = t.value(QStringLiteral("end_ns")).toDouble();
        QVERIFY(end >= start);
        byWorker[t.value(QStringLiteral("worker")).toString()] << qMakePair(start, end);
        changes << qMakePair(start, +1) << qMakePair(end, -1);
    }
    for (auto intervals : byWorker) {
        std::sort(intervals.begin(), intervals.end());
        for (int i = 1; i < intervals.size(); ++i)
            QVERIFY(intervals[i].first >= intervals[i - 1].second);
    }
    std::sort(changes.begin(), changes.end());
    int running = 0;
    for (const auto &change : changes) {
        running += change.second;
        QVERIFY(running <= 3);
    }
}

void TestPoolRuns::syncSubmissionIsSerial()
{
    const auto r =
        run({QStringLiteral("submit=sync"), QStringLiteral("task=io"), QStringLiteral("tasks=6")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(r.summary.value(QStringLiteral("elapsed_ns")).toDouble() >=
            r.summary.value(QStringLiteral("serial_ns")).toDouble());
    // The submitter waited for each result on its own lane.
    int waits = 0;
    for (const Event &e : r.trace.events)
        waits += e.worker == 0 && e.kind == EventKind::Blocked &&
                 BlockReason(e.reason) == BlockReason::Result;
    QCOMPARE(waits, 6);
}

void TestPoolRuns::asyncIoTasksOverlapByPoolSize()
{
    // 12 tasks of 20 ms on 4 workers: three rounds, about 60 ms, far from the serial 240 ms.
    const auto r = run({QStringLiteral("submit=async"), QStringLiteral("task=io")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const double elapsed = r.summary.value(QStringLiteral("elapsed_ns")).toDouble();
    const double serial = r.summary.value(QStringLiteral("serial_ns")).toDouble();
    QVERIFY(elapsed >= serial / 4);
    QVERIFY2(elapsed < serial / 2, qPrintable(QString::number(elapsed)));
}

void TestPoolRuns::mapKeepsSubmissionOrder()
{
    const auto r = run({QStringLiteral("submit=map"), QStringLiteral("task=mixed")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(ints(r.summary.value(QStringLiteral("result_order"))),
             QList<int>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    // One wait for the whole list.
    int waits = 0;
    for (const Event &e : r.trace.events)
        waits += e.worker == 0 && e.kind == EventKind::Blocked &&
                 BlockReason(e.reason) == BlockReason::Result;
    QCOMPARE(waits, 1);
}

void TestPoolRuns::asCompletedFollowsCompletionOrder()
{
    const auto r = run({QStringLiteral("submit=as-completed"), QStringLiteral("task=io"),
                        QStringLiteral("pool=process")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    // Results arrive in the order they were handed over, whatever the submission order.
    QList<int> handedOver;
    for (const Event &e : r.trace.events)
        if (e.kind == EventKind::TaskResult)
            handedOver << int(e.object);
    QCOMPARE(ints(r.summary.value(QStringLiteral("result_order"))), handedOver);
    QList<int> sorted = handedOver;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, QList<int>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
}

void TestPoolRuns::callbacksRunWherePythonRunsThem_data()
{
    QTest::addColumn<QString>("pool");
    QTest::newRow("thread pool: the worker that ran the task") << "thread";
    QTest::newRow("process pool: the result-handler thread") << "process";
}

void TestPoolRuns::callbacksRunWherePythonRunsThem()
{
    QFETCH(QString, pool);
    const auto r = run({"pool=" + pool, QStringLiteral("callback=on"), QStringLiteral("tasks=8")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QMap<QString, qint64> tidOf;
    for (const Event &e : r.trace.events)
        if (e.kind == EventKind::WorkerStarted)
            tidOf[QString::fromStdString(r.trace.meta.workerName(e.worker))] = qint64(e.value);
    const QJsonArray tasks = r.summary.value(QStringLiteral("per_task")).toArray();
    QCOMPARE(tasks.size(), 8);
    for (const QJsonValue &value : tasks) {
        const QJsonObject t = value.toObject();
        const qint64 callbackTid = t.value(QStringLiteral("callback_tid")).toInteger();
        const QString ranOn = t.value(QStringLiteral("worker")).toString();
        if (pool == QStringLiteral("thread"))
            QCOMPARE(callbackTid, tidOf.value(ranOn));
        else
            QCOMPARE(callbackTid, tidOf.value(QStringLiteral("result-handler")));
    }
    QCOMPARE(r.summary.value(QStringLiteral("processes_created")).toInt(),
             pool == QStringLiteral("process") ? 4 : 0);
}

void TestPoolRuns::semaphoreExecutorStartsAWorkerPerTask()
{
    const auto r = run({QStringLiteral("executor=semaphore"), QStringLiteral("size=3"),
                        QStringLiteral("tasks=9"), QStringLiteral("task=io")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QCOMPARE(r.summary.value(QStringLiteral("threads_created")).toInt(), 9);
    QCOMPARE(r.summary.value(QStringLiteral("workers_used")).toInt(), 9);
    // Each task its own worker, never more than k tasks running at once. (A worker's thread
    // lives a moment past its release of the semaphore, as a Python thread does after its
    // `with` block, so lifetimes may overlap by one.)
    QList<QPair<double, int>> changes;
    for (const QJsonValue &value : r.summary.value(QStringLiteral("per_task")).toArray()) {
        const QJsonObject t = value.toObject();
        changes << qMakePair(t.value(QStringLiteral("start_ns")).toDouble(), +1)
                << qMakePair(t.value(QStringLiteral("end_ns")).toDouble(), -1);
    }
    std::sort(changes.begin(), changes.end());
    int running = 0;
    int most = 0;
    for (const auto &change : changes)
        most = std::max(most, running += change.second);
    QCOMPARE(most, 3);
    const auto lives = WorkerLifetimes::build(r.trace.events, 10);
    QVERIFY(lives.maxConcurrent() <= 4);
}

void TestPoolRuns::semaphoreExecutorRefusesMoreTasksThanLanes()
{
    QByteArray standardError;
    QJsonObject summary;
    const int code =
        RunnerProcess::runToEnd({QStringLiteral("--scenario"), QStringLiteral("pool"),
                                 QStringLiteral("--set"), QStringLiteral("executor=semaphore"),
                                 QStringLiteral("--set"), QStringLiteral("tasks=200")},
                                &summary, &standardError);
    QCOMPARE(code, 2);
    QVERIFY2(standardError.contains("tasks"), standardError.constData());
    QString message;
    QCOMPARE(RunnerProcess::refusal(QStringLiteral("pool"), QStringLiteral("size=17"), &message),
             2);
    QVERIFY2(message.contains(QStringLiteral("1..16")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestPoolRuns)
#include "tst_poolruns.moc"
