#include "RunSummary.h"
#include "scenarios/Scenario.h"
#include "scenarios/ScenarioRegistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace conlab;

// The summary line's account of lost events: the total always, the workers that lost them by
// name only when there are any.
class TestRunSummary : public QObject
{
    Q_OBJECT

private slots:
    void droppedByWorkerOnlyWhenAnyWereLost();
};

void TestRunSummary::droppedByWorkerOnlyWhenAnyWereLost()
{
    const auto scenario = ScenarioRegistry::create("producer-consumer");
    QVERIFY(scenario);
    const ParameterSet values = ParameterSet::defaults(scenario->parameters());
    Trace trace;
    trace.meta.scenario = "producer-consumer";
    trace.meta.workers = {
        {0, "main", "main"}, {1, "producer", "producer-1"}, {2, "consumer", "consumer-1"}};
    RunSummary::Facts facts;
    facts.scenario = scenario.get();
    facts.values = &values;
    facts.outcome = "completed";
    auto parsed = [&] {
        return QJsonDocument::fromJson(QByteArray::fromStdString(RunSummary::json(trace, facts)))
            .object();
    };
    QJsonObject json = parsed();
    QCOMPARE(json.value("dropped_events").toInt(-1), 0);
    QVERIFY(!json.contains("dropped_by_worker"));

    trace.droppedEvents = 15;
    trace.droppedByWorker = {{1, 12}, {2, 2}};
    json = parsed();
    QCOMPARE(json.value("dropped_events").toInt(-1), 15);
    const QJsonObject byWorker = json.value("dropped_by_worker").toObject();
    QCOMPARE(byWorker.size(), 2);
    QCOMPARE(byWorker.value("producer-1").toInt(), 12);
    QCOMPARE(byWorker.value("consumer-1").toInt(), 2);
}

QTEST_APPLESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
