#include "scenarios/ParameterSet.h"
#include "scenarios/ScenarioParameters.h"
#include "scenarios/ScenarioRegistry.h"

#include <QTest>

using namespace conlab;

// Integer lists ("100,200,600") and the rules that tie one parameter to another.
class TestParameterSet : public QObject
{
    Q_OBJECT

private slots:
    void listsParse_data();
    void listsParse();
    void listsAreCheckedForCountAndRange_data();
    void listsAreCheckedForCountAndRange();
    void listDefaultsAreValid();
    void crossParameterRulesNameTheParameter();
};

void TestParameterSet::listsParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QList<qint64>>("items");
    QTest::newRow("empty") << "" << true << QList<qint64>{};
    QTest::newRow("one") << "3" << true << QList<qint64>{3};
    QTest::newRow("five") << "100,200,600,300,400" << true
                          << QList<qint64>{100, 200, 600, 300, 400};
    QTest::newRow("spaces") << " 1 , 2 " << true << QList<qint64>{1, 2};
    QTest::newRow("trailing comma") << "1,2," << false << QList<qint64>{};
    QTest::newRow("empty item") << "1,,2" << false << QList<qint64>{};
    QTest::newRow("exponent") << "1e2" << false << QList<qint64>{};
    QTest::newRow("hex") << "0x10" << false << QList<qint64>{};
    QTest::newRow("negative") << "-1" << false << QList<qint64>{};
    QTest::newRow("too long to be a number") << "1234567890123" << false << QList<qint64>{};
}

void TestParameterSet::listsParse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QList<qint64>, items);
    std::vector<std::int64_t> parsed;
    QCOMPARE(ParameterSet::parseList(text.toStdString(), parsed), ok);
    if (ok)
        QCOMPARE(QList<qint64>(parsed.begin(), parsed.end()), items);
}

void TestParameterSet::listsAreCheckedForCountAndRange_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("two") << "1,2" << true;
    QTest::newRow("one is too few") << "1" << false;
    QTest::newRow("four is too many") << "1,2,3,4" << false;
    QTest::newRow("above the range") << "1,11" << false;
    QTest::newRow("not a list") << "a,b" << false;
}

void TestParameterSet::listsAreCheckedForCountAndRange()
{
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    const std::vector<ParameterSpec> specs = {
        ScenarioParameters::integerList("times", "Times", "ms", 0, 10, 2, 3, "1,2", "")};
    ParameterSet set;
    std::string error;
    QCOMPARE(ParameterSet::fromAssignments(specs, {"times=" + value.toStdString()}, set, &error),
             accepted);
    if (!accepted) {
        // The message names the parameter, the count and the range.
        QVERIFY2(QString::fromStdString(error).startsWith(QStringLiteral("times: ")),
                 error.c_str());
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("2 to 3")), error.c_str());
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("0..10")), error.c_str());
    } else {
        QCOMPARE(set.text("times"), value.toStdString());
    }
}

void TestParameterSet::listDefaultsAreValid()
{
    // Every scenario's defaults pass its own checks: the window starts from them.
    for (const auto &id : ScenarioRegistry::ids()) {
        const auto scenario = ScenarioRegistry::create(id);
        ParameterSet set;
        std::string error;
        QVERIFY2(ParameterSet::fromAssignments(scenario->parameters(), {}, set, &error),
                 error.c_str());
        QVERIFY2(scenario->checkParameters(set).empty(), id.c_str());
    }
}

void TestParameterSet::crossParameterRulesNameTheParameter()
{
    const auto joinOrder = ScenarioRegistry::create("join-order");
    ParameterSet set;
    std::string error;
    QVERIFY(ParameterSet::fromAssignments(joinOrder->parameters(), {"first=1,2", "daemons=2"}, set,
                                          &error));
    QVERIFY(QString::fromStdString(joinOrder->checkParameters(set)).startsWith("daemons: p2"));
    QVERIFY(ParameterSet::fromAssignments(joinOrder->parameters(), {"work=1,2", "first=3"}, set,
                                          &error));
    QVERIFY(QString::fromStdString(joinOrder->checkParameters(set)).startsWith("first: p3"));
    const auto spawnJoin = ScenarioRegistry::create("spawn-join");
    QVERIFY(ParameterSet::fromAssignments(spawnJoin->parameters(), {"workers=2", "daemons=3"}, set,
                                          &error));
    QVERIFY(QString::fromStdString(spawnJoin->checkParameters(set)).startsWith("daemons:"));
}

QTEST_GUILESS_MAIN(TestParameterSet)
#include "tst_parameterset.moc"
