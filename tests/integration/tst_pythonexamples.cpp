#include "RunnerProcess.h"
#include "scenarios/PythonExampleCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace conlab;

// The real-Python lessons' ids on the command line: `--scenario py-...` watches the lesson's
// installed script as `--exec -- python3 SCRIPT ARGS` would, with the script's arguments
// from its parameters; --list names them; bad values and a missing python3 are refused.
class TestPythonExamples : public QObject
{
    Q_OBJECT

private slots:
    void listNamesEveryExample()
    {
        QProcess process;
        process.start(RunnerProcess::runnerPath(), {QStringLiteral("--list")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        for (const PythonExample &example : PythonExampleCatalog::all()) {
            QVERIFY2(out.contains("\n" + QByteArray::fromStdString(example.info.id) + "  \""),
                     example.info.id.c_str());
            QVERIFY2(out.contains(
                         QByteArray::fromStdString("/share/conlab/python/watch/" + example.script)),
                     example.script.c_str());
        }
        QVERIFY(out.contains("(chapter 9, In real Python)"));
    }

    void anIdWatchesItsScriptWithItsArguments()
    {
        if (PythonExampleCatalog::interpreter().empty())
            QSKIP("python3 is not installed: the real-Python lessons cannot run");
        QJsonObject summary;
        QByteArray standardError;
        const int code = RunnerProcess::runToEnd(
            {QStringLiteral("--scenario"), QStringLiteral("py-cpu-threads"),
             // Counting long enough (about 0.1 s a thread) for every thread to live through
             // several samples: a thread that comes and goes between two is never seen.
             QStringLiteral("--set"), QStringLiteral("count=2000000"), QStringLiteral("--set"),
             QStringLiteral("threads=2"), QStringLiteral("--set"), QStringLiteral("sample=5")},
            &summary, &standardError);
        QVERIFY2(code == 0, standardError.constData());
        QCOMPARE(summary.value(QStringLiteral("scenario")).toString(), QStringLiteral("exec"));
        QCOMPARE(summary.value(QStringLiteral("lesson")).toString(),
                 QStringLiteral("py-cpu-threads"));
        QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value(QStringLiteral("exit_code")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("sample_ns")).toDouble(), 5e6);
        const QJsonArray command = summary.value(QStringLiteral("command")).toArray();
        QCOMPARE(command.size(), 4);
        QVERIFY2(command.at(1).toString().endsWith(QLatin1String("/cpu_threads.py")),
                 qPrintable(command.at(1).toString()));
        QCOMPARE(command.at(2).toString(), QStringLiteral("2000000"));
        QCOMPARE(command.at(3).toString(), QStringLiteral("2"));
        // Main and the two counting threads, at least (the interpreter may add its own).
        QVERIFY(summary.value(QStringLiteral("threads_seen")).toInt() >= 3);
        const QJsonArray output = summary.value(QStringLiteral("output")).toArray();
        bool counted = false;
        for (const QJsonValue &line : output)
            counted = counted || line.toObject()
                                     .value(QStringLiteral("text"))
                                     .toString()
                                     .contains(QLatin1String("2 threads counted to 2000000"));
        QVERIFY2(counted, QJsonDocument(output).toJson().constData());
    }

    void theDeadlockExampleWarns()
    {
        if (PythonExampleCatalog::interpreter().empty())
            QSKIP("python3 is not installed: the real-Python lessons cannot run");
        QJsonObject summary;
        QByteArray standardError;
        const int code = RunnerProcess::runToEnd(
            {QStringLiteral("--scenario"), QStringLiteral("py-two-locks"), QStringLiteral("--set"),
             QStringLiteral("stall=0.5"), QStringLiteral("--time-limit"), QStringLiteral("3")},
            &summary, &standardError);
        QVERIFY2(code == 0, standardError.constData());
        QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("timed_out"));
        QVERIFY(summary.value(QStringLiteral("possible_deadlock")).toBool());
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("mention");
        QTest::newRow("too many threads") << "py-cpu-threads"
                                          << "threads=99"
                                          << "1..16";
        QTest::newRow("a count that is not one") << "py-cpu-processes"
                                                 << "count=lots"
                                                 << "count";
        // Only the deadlock's lesson has a stall warning to tune.
        QTest::newRow("stall where nothing stalls") << "py-mp-pool"
                                                    << "stall=1"
                                                    << "stall";
        QTest::newRow("sample out of range") << "py-io-threads"
                                             << "sample=0"
                                             << "1..100";
    }

    void badValuesAreRefused()
    {
        QFETCH(QString, lesson);
        QFETCH(QString, assignment);
        QFETCH(QString, mention);
        QString message;
        QCOMPARE(RunnerProcess::refusal(lesson, assignment, &message), 2);
        QVERIFY2(message.contains(mention) && message.contains(lesson), qPrintable(message));
    }

    void aMissingInterpreterIsNamed()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CONLAB_PYTHON"), QStringLiteral("/nonexistent/python3"));
        process.setProcessEnvironment(environment);
        process.start(RunnerProcess::runnerPath(),
                      {QStringLiteral("--scenario"), QStringLiteral("py-asyncio-tasks")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QByteArray error = process.readAllStandardError();
        QVERIFY2(error.contains("py-asyncio-tasks needs python3") &&
                     error.contains("/nonexistent/python3"),
                 error.constData());
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPythonExamples)
#include "tst_pythonexamples.moc"
