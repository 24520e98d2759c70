#include "RunnerProcess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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

QTEST_GUILESS_MAIN(TestRunnerCli)
#include "tst_runnercli.moc"
