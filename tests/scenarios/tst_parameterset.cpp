#include "scenarios/ParameterSet.h"
#include "scenarios/ScenarioParameters.h"
#include "scenarios/ScenarioRegistry.h"

#include <QTest>
#include <stdexcept>
#include <string>

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
    void numbersParseOneWay_data();
    void numbersParseOneWay();
    void setValuesReadBackAsChecked_data();
    void setValuesReadBackAsChecked();
    void everyDefaultPassesItsOwnCheck();
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

void TestParameterSet::numbersParseOneWay_data()
{
    // The one reading of numbers that --set, the window and integer()/real() share.
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("integer");
    QTest::addColumn<qint64>("integerValue");
    QTest::addColumn<bool>("real");
    QTest::addColumn<double>("realValue");
    QTest::newRow("plain") << "10" << true << qint64(10) << true << 10.0;
    QTest::newRow("negative") << "-3" << true << qint64(-3) << true << -3.0;
    QTest::newRow("leading zeros") << "007" << true << qint64(7) << true << 7.0;
    QTest::newRow("fraction") << "0.25" << false << qint64(0) << true << 0.25;
    QTest::newRow("no leading digit") << ".5" << false << qint64(0) << true << 0.5;
    QTest::newRow("no trailing digit") << "5." << false << qint64(0) << true << 5.0;
    QTest::newRow("exponent") << "1e1" << false << qint64(0) << true << 10.0;
    QTest::newRow("negative exponent") << "2.5E-2" << false << qint64(0) << true << 0.025;
    QTest::newRow("hex") << "0x10" << false << qint64(0) << false << 0.0;
    QTest::newRow("hex float") << "0x1p3" << false << qint64(0) << false << 0.0;
    QTest::newRow("nan") << "nan" << false << qint64(0) << false << 0.0;
    QTest::newRow("NAN") << "NAN" << false << qint64(0) << false << 0.0;
    QTest::newRow("inf") << "inf" << false << qint64(0) << false << 0.0;
    QTest::newRow("-infinity") << "-infinity" << false << qint64(0) << false << 0.0;
    QTest::newRow("overflowing real") << "1e999" << false << qint64(0) << false << 0.0;
    QTest::newRow("overflowing integer")
        << "99999999999999999999" << false << qint64(0) << true << 1e20;
    QTest::newRow("leading space") << " 5" << false << qint64(0) << false << 0.0;
    QTest::newRow("trailing space") << "5 " << false << qint64(0) << false << 0.0;
    QTest::newRow("tab") << "5\t" << false << qint64(0) << false << 0.0;
    QTest::newRow("plus") << "+5" << false << qint64(0) << false << 0.0;
    QTest::newRow("double minus") << "--5" << false << qint64(0) << false << 0.0;
    QTest::newRow("lone minus") << "-" << false << qint64(0) << false << 0.0;
    QTest::newRow("lone point") << "." << false << qint64(0) << false << 0.0;
    QTest::newRow("dangling exponent") << "1e" << false << qint64(0) << false << 0.0;
    QTest::newRow("trailing letters") << "5ms" << false << qint64(0) << false << 0.0;
    QTest::newRow("comma decimal") << "0,5" << false << qint64(0) << false << 0.0;
    QTest::newRow("empty") << "" << false << qint64(0) << false << 0.0;
}

void TestParameterSet::numbersParseOneWay()
{
    QFETCH(QString, text);
    QFETCH(bool, integer);
    QFETCH(qint64, integerValue);
    QFETCH(bool, real);
    QFETCH(double, realValue);
    std::int64_t whole = -42;
    QCOMPARE(ParameterSet::parseInteger(text.toStdString(), whole), integer);
    QCOMPARE(qint64(whole), integer ? integerValue : qint64(-42)); // untouched when refused
    double number = -42;
    QCOMPARE(ParameterSet::parseReal(text.toStdString(), number), real);
    QCOMPARE(number, real ? realValue : -42.0);
}

void TestParameterSet::setValuesReadBackAsChecked_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("mention"); // in the refusal
    // The figures once read "1e1" as 1 and "0x10" as 0 after the check let them through as 10
    // and 16: now they are refused, and whatever passes reads back as the check read it.
    QTest::newRow("exponent count") << "workers=1e1" << false << "whole number in 1..16";
    QTest::newRow("hex count") << "workers=0x10" << false << "whole number in 1..16";
    QTest::newRow("spaced count") << "workers= 5" << false << "1..16";
    QTest::newRow("count and space") << "workers=5 " << false << "1..16";
    QTest::newRow("signed count") << "workers=+5" << false << "1..16";
    QTest::newRow("huge count") << "workers=99999999999999999999" << false << "out of range";
    QTest::newRow("count") << "workers=12" << true << "";
    QTest::newRow("nan scale") << "scale=nan" << false << "a number in 0.01..10 x";
    QTest::newRow("inf scale") << "scale=inf" << false << "0.01..10";
    QTest::newRow("hex scale") << "scale=0x1" << false << "0.01..10";
    QTest::newRow("scale below") << "scale=0.001" << false << "out of range";
    QTest::newRow("scale") << "scale=0.5" << true << "";
    QTest::newRow("scale with exponent") << "scale=5e-2" << true << "";
}

void TestParameterSet::setValuesReadBackAsChecked()
{
    QFETCH(QString, assignment);
    QFETCH(bool, accepted);
    QFETCH(QString, mention);
    ParameterSpec scale;
    scale.name = "scale";
    scale.unit = "x";
    scale.type = ParameterSpec::Type::Real;
    scale.minimum = 0.01;
    scale.maximum = 10;
    scale.defaultValue = 1;
    const std::vector<ParameterSpec> specs = {
        ScenarioParameters::integer("workers", "Workers", "", 1, 16, 4, ""), scale};
    ParameterSet set;
    std::string error;
    QCOMPARE(ParameterSet::fromAssignments(specs, {assignment.toStdString()}, set, &error),
             accepted);
    if (!accepted) {
        const QString message = QString::fromStdString(error);
        const QString name = assignment.section('=', 0, 0);
        QVERIFY2(message.startsWith(name + QStringLiteral(": '")), qPrintable(message));
        QVERIFY2(message.contains(mention), qPrintable(message));
        return;
    }
    const std::string value = assignment.section('=', 1).toStdString();
    if (assignment.startsWith(QStringLiteral("workers="))) {
        QCOMPARE(set.integer("workers"), std::stoll(value)); // the figures' own reading agrees
        QCOMPARE(set.real("workers"), double(set.integer("workers")));
    } else {
        QCOMPARE(set.real("scale"), std::stod(value));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, set.integer("scale"));
    }
}

void TestParameterSet::everyDefaultPassesItsOwnCheck()
{
    // Defaults go to worker processes as --set too: each must pass the check it would meet.
    for (const auto &id : ScenarioRegistry::ids()) {
        for (const auto &spec : ScenarioRegistry::create(id)->parameters()) {
            std::string error;
            QVERIFY2(ParameterSet::check(spec, spec.defaultText(), &error),
                     (id + ": " + error).c_str());
        }
    }
}

QTEST_GUILESS_MAIN(TestParameterSet)
#include "tst_parameterset.moc"
