#include "ShotSaver.h"
#include "app/FiguresPanel.h"
#include "app/RemedyTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace conlab;

// The Figures tab as a report: words for keys, units for figures, tables for records, the
// run's bookkeeping apart, and remedy rows of the current lesson only.
class TestFiguresPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void labelsAreWordsWithTheKeyBeside();
    void figuresHaveUnits_data();
    void figuresHaveUnits();
    void recordsAreTables();
    void bookkeepingIsInRunDetails();
    void remedyRowsOfTheCurrentLessonOnly();
    void realSummaries_data();
    void realSummaries();

private:
    static QJsonObject handMade();
    static QString shown(const QJsonObject &summary, bool runDetails = false);
};

QJsonObject TestFiguresPanel::handMade()
{
    return QJsonObject{
        {QStringLiteral("scenario"), QStringLiteral("shared-counter")},
        {QStringLiteral("outcome"), QStringLiteral("completed")},
        {QStringLiteral("elapsed_ns"), 320000000.0},
        {QStringLiteral("workers"), 4},
        {QStringLiteral("kind"), QStringLiteral("thread")},
        {QStringLiteral("events"), 1234567},
        {QStringLiteral("lost_updates"), 12345},
        {QStringLiteral("max_concurrent"), 3},
        {QStringLiteral("some_new_figure"), 7},
        {QStringLiteral("speedup"), 1.956},
        {QStringLiteral("thread_pool_rss_kib"), 20480},
        {QStringLiteral("result_order"), QJsonArray{3, 1, 2}},
        {QStringLiteral("params"), QJsonObject{{QStringLiteral("workers"), QStringLiteral("4")}}},
        {QStringLiteral("checks"),
         QJsonObject{{QStringLiteral("passed"), true},
                     {QStringLiteral("rules"), QJsonArray{QStringLiteral("time-order")}},
                     {QStringLiteral("violations"), QJsonArray{}}}},
        {QStringLiteral("tree"), QJsonArray{QJsonObject{{QStringLiteral("pid"), 1}}}},
        {QStringLiteral("output"),
         QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("printed line")}}}},
        {QStringLiteral("per_task"),
         QJsonArray{QJsonObject{{QStringLiteral("task"), 1},
                                {QStringLiteral("worker"), QStringLiteral("pool-worker-1")},
                                {QStringLiteral("start_ns"), 45300},
                                {QStringLiteral("end_ns"), 1200000000.0}},
                    QJsonObject{{QStringLiteral("task"), 2},
                                {QStringLiteral("worker"), QStringLiteral("pool-worker-2")},
                                {QStringLiteral("start_ns"), 999},
                                {QStringLiteral("end_ns"), 2500000}}}}};
}

QString TestFiguresPanel::shown(const QJsonObject &summary, bool runDetails)
{
    FiguresPanel panel;
    panel.setRunDetailsShown(runDetails);
    panel.showSummary(summary);
    return panel.toPlainText();
}

void TestFiguresPanel::initTestCase()
{
    // Thousands separators and decimal points as the expected texts write them.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestFiguresPanel::labelsAreWordsWithTheKeyBeside()
{
    const QString text = shown(handMade());
    QVERIFY2(text.contains(QStringLiteral("Lost updates")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("lost_updates")));
    QVERIFY(text.contains(QStringLiteral("Most running at once")));
    QVERIFY(text.contains(QStringLiteral("Elapsed")));
    // An unknown key still reads as words.
    QVERIFY(text.contains(QStringLiteral("Some new figure")));
    QVERIFY(text.contains(QStringLiteral("Thread pool: memory (RSS)")));
}

void TestFiguresPanel::figuresHaveUnits_data()
{
    QTest::addColumn<QString>("expected");
    QTest::newRow("ns as ms") << QStringLiteral("320 ms");
    QTest::newRow("count with separators") << QStringLiteral("12,345");
    QTest::newRow("ratio, two decimals") << QStringLiteral("1.96×");
    QTest::newRow("KiB as MiB") << QStringLiteral("20.0 MiB");
    QTest::newRow("list of numbers") << QStringLiteral("3, 1, 2");
    QTest::newRow("ns as µs in a table") << QStringLiteral("45.3 µs");
    QTest::newRow("ns as s in a table") << QStringLiteral("1.20 s");
    QTest::newRow("ns as ns") << QStringLiteral("999 ns");
}

void TestFiguresPanel::figuresHaveUnits()
{
    QFETCH(QString, expected);
    const QString text = shown(handMade());
    QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("320000000")));
}

void TestFiguresPanel::recordsAreTables()
{
    const QString text = shown(handMade());
    QVERIFY(text.contains(QStringLiteral("Per task")));
    // The table's header: the columns in words.
    for (const QString &header : {QStringLiteral("Task"), QStringLiteral("Worker"),
                                  QStringLiteral("Started at"), QStringLiteral("Ended at")})
        QVERIFY2(text.contains(header), qPrintable(header));
    QVERIFY(text.contains(QStringLiteral("pool-worker-2")));
    // The process tree and printed lines have their own tabs.
    QVERIFY(!text.contains(QStringLiteral("printed line")));
    QVERIFY(!text.contains(QStringLiteral("pid")));
}

void TestFiguresPanel::bookkeepingIsInRunDetails()
{
    const QString text = shown(handMade());
    QVERIFY(!text.contains(QStringLiteral("params")));
    QVERIFY(!text.contains(QStringLiteral("time-order")));
    QVERIFY(!text.contains(QStringLiteral("Events recorded")));
    QVERIFY(text.contains(QStringLiteral("Run details")));
    QVERIFY(text.indexOf(QStringLiteral("Lost updates")) <
            text.indexOf(QStringLiteral("Run details")));

    const QString details = shown(handMade(), true);
    const qsizetype section = details.indexOf(QStringLiteral("Run details"));
    QVERIFY(details.indexOf(QStringLiteral("Events recorded")) > section);
    QVERIFY(details.contains(QStringLiteral("1,234,567")));
    // Hyphens inside a list's items don't break: a non-breaking hyphen.
    QVERIFY(details.indexOf(QStringLiteral("time\u2011order")) > section);
}

void TestFiguresPanel::remedyRowsOfTheCurrentLessonOnly()
{
    const auto run = [](const QString &scenario, const QString &remedy) {
        QJsonObject params;
        if (!remedy.isEmpty())
            params.insert(QStringLiteral("remedy"), remedy);
        return QJsonObject{{QStringLiteral("scenario"), scenario},
                           {QStringLiteral("outcome"), QStringLiteral("completed")},
                           {QStringLiteral("elapsed_ns"), 2000000},
                           {QStringLiteral("params"), params}};
    };
    RemedyTable table;
    table.addRun(run(QStringLiteral("two-locks"), QStringLiteral("none")));
    table.addRun(run(QStringLiteral("two-locks"), QStringLiteral("order")));
    QCOMPARE(table.rowCount(), 2);
    table.addRun(run(QStringLiteral("philosophers"), QStringLiteral("waiter")));
    QCOMPARE(table.rowCount(), 1);
    QCOMPARE(table.item(0, 0)->text(), QStringLiteral("philosophers"));
    QCOMPARE(table.item(0, 1)->text(), QStringLiteral("waiter"));
    // A lesson without remedies: none of another lesson's rows stay.
    table.addRun(run(QStringLiteral("pool"), QString()));
    QCOMPARE(table.rowCount(), 0);
    table.addRun(run(QStringLiteral("philosophers"), QStringLiteral("none")));
    QCOMPARE(table.rowCount(), 1);
}

void TestFiguresPanel::realSummaries_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("coroutines") << QStringLiteral("coroutines")
                                << QStringList{QStringLiteral("With cooperative sleeps"),
                                               QStringLiteral("Threads used")};
    QTest::newRow("pool") << QStringLiteral("pool")
                          << QStringList{QStringLiteral("Tasks done"), QStringLiteral("Per task"),
                                         QStringLiteral("Queued at")};
}

void TestFiguresPanel::realSummaries()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, words);
    const QString runner = qEnvironmentVariable("CONLAB_RUNNER");
    if (runner.isEmpty())
        QSKIP("CONLAB_RUNNER is not set");
    QProcess process;
    process.start(runner, {QStringLiteral("--scenario"), scenario});
    QVERIFY(process.waitForFinished(60000));
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(summary.value(QStringLiteral("scenario")).toString(), scenario);

    FiguresPanel panel;
    panel.resize(420, 640);
    panel.showSummary(summary);
    const QString text = panel.toPlainText();
    for (const QString &word : words)
        QVERIFY2(text.contains(word), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("params")));
    saveShot(&panel, QStringLiteral("figures-") + scenario);
    panel.setRunDetailsShown(true);
    saveShot(&panel, QStringLiteral("figures-") + scenario + QStringLiteral("-details"));
}

QTEST_MAIN(TestFiguresPanel)
#include "tst_figurespanel.moc"
