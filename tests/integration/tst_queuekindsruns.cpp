#include "RunnerProcess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace conlab;

// queue-kinds run for real: each discipline's get order (also verified event by event by the
// checker's queue-order rule), the nowait forms' Full and Empty, and get timeouts.
class TestQueueKindsRuns : public QObject
{
    Q_OBJECT

private slots:
    void getOrderFollowsTheDiscipline_data();
    void getOrderFollowsTheDiscipline();
    void nowaitPutOnAFullQueueFails();
    void nowaitGetOnAnEmptyQueueFails();
    void aGetTimesOutAndIsTriedAgain();

private:
    RunnerProcess::CheckedRun run(const QStringList &sets);
    static QStringList texts(const QJsonValue &array);
    QTemporaryDir m_dir;
    int m_runs = 0;
};

RunnerProcess::CheckedRun TestQueueKindsRuns::run(const QStringList &sets)
{
    return RunnerProcess::runChecked(
        QStringLiteral("queue-kinds"), QStringList(sets) << QStringLiteral("time-scale=0.1"),
        m_dir.filePath(QStringLiteral("queue-%1.trace").arg(++m_runs)));
}

QStringList TestQueueKindsRuns::texts(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &value : array.toArray())
        out << value.toString();
    return out;
}

void TestQueueKindsRuns::getOrderFollowsTheDiscipline_data()
{
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("kind");
    QTest::newRow("fifo, threads") << "fifo"
                                   << "thread";
    QTest::newRow("lifo, threads") << "lifo"
                                   << "thread";
    QTest::newRow("priority, threads") << "priority"
                                       << "thread";
    QTest::newRow("priority, processes") << "priority"
                                         << "process";
}

void TestQueueKindsRuns::getOrderFollowsTheDiscipline()
{
    QFETCH(QString, order);
    QFETCH(QString, kind);
    // Every item is in before the consumer starts (6 puts 100 ms apart, the consumer at 800).
    const auto r = run({"order=" + order, "kind=" + kind});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    const QStringList put = texts(r.summary.value(QStringLiteral("put_order")));
    const QStringList got = texts(r.summary.value(QStringLiteral("get_order")));
    QCOMPARE(put.size(), 6);
    QStringList expected = put;
    if (order == QStringLiteral("lifo")) {
        std::reverse(expected.begin(), expected.end());
    } else if (order == QStringLiteral("priority")) {
        // "A3 p2": by the number after p, the older first among equals.
        std::stable_sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) {
            return a.section(QLatin1Char('p'), -1).toInt() <
                   b.section(QLatin1Char('p'), -1).toInt();
        });
        QVERIFY(expected != put); // the spread of priorities really reorders
    }
    QCOMPARE(got, expected);
}

void TestQueueKindsRuns::nowaitPutOnAFullQueueFails()
{
    const auto r = run({QStringLiteral("nowait=on"), QStringLiteral("capacity=2")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(r.summary.value(QStringLiteral("full_errors")).toInt() > 0);
    QCOMPARE(texts(r.summary.value(QStringLiteral("get_order"))).size(), 6);
    // Each failure is on the producer's lane, as a marker too.
    int fullLines = 0;
    for (const QJsonValue &line : r.summary.value(QStringLiteral("output")).toArray())
        fullLines += line.toObject().value(QStringLiteral("text")).toString().endsWith(": Full");
    QCOMPARE(fullLines, r.summary.value(QStringLiteral("full_errors")).toInt());
}

void TestQueueKindsRuns::nowaitGetOnAnEmptyQueueFails()
{
    const auto r = run({QStringLiteral("nowait=on"), QStringLiteral("delay=0"),
                        QStringLiteral("put-gap=300"), QStringLiteral("consume-time=0")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(r.summary.value(QStringLiteral("empty_errors")).toInt() > 0);
    QCOMPARE(r.summary.value(QStringLiteral("full_errors")).toInt(), 0);
}

void TestQueueKindsRuns::aGetTimesOutAndIsTriedAgain()
{
    // Puts 300 ms apart, gets that give up after 100 ms.
    const auto r = run({QStringLiteral("get-timeout=100"), QStringLiteral("delay=0"),
                        QStringLiteral("put-gap=300"), QStringLiteral("consume-time=0")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems));
    QVERIFY(r.summary.value(QStringLiteral("timeouts")).toInt() >= 5);
    QCOMPARE(texts(r.summary.value(QStringLiteral("get_order"))).size(), 6);
}

QTEST_GUILESS_MAIN(TestQueueKindsRuns)
#include "tst_queuekindsruns.moc"
