#include "runtime/PolicySimulator.h"
#include "scenarios/ParameterSet.h"
#include "scenarios/PoliciesScenario.h"

#include <QTest>

using namespace conlab;

// The built-in job tables keep their promises: each shows what it is named for, and under
// every policy (with the options the lessons and the fidelity tests use) its schedule has no
// instant a real run could order another way, so a real run must reproduce it.
class TestPolicyPresets : public QObject
{
    Q_OBJECT

private slots:
    void schedulesHaveNoRaces_data();
    void schedulesHaveNoRaces();
    void presetsShowWhatTheyAreNamedFor();
    void parametersBecomeTheGatesConfig();
};

void TestPolicyPresets::schedulesHaveNoRaces_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("sets");
    const QList<QStringList> variants = {
        {"policy=fcfs"},
        {"policy=sjf"},
        {"policy=srtf"},
        {"policy=rr"},
        {"policy=rr", "quantum=300"},
        {"policy=priority"},
        {"policy=priority", "priority-mode=preemptive"},
        {"policy=priority", "priority-mode=preemptive", "aging=500"},
        {"policy=priority", "aging=500"},
        {"policy=mlfq"},
        {"policy=mlfq", "mlfq-boost=0"},
    };
    for (const std::string &preset : PoliciesScenario::presetNames())
        for (const QStringList &sets : variants)
            QTest::addRow("%s, %s", preset.c_str(), qPrintable(sets.join(QLatin1Char(' '))))
                << QString::fromStdString(preset) << sets;
}

void TestPolicyPresets::schedulesHaveNoRaces()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, sets);
    PoliciesScenario scenario;
    std::vector<std::string> assignments = {"preset=" + preset.toStdString()};
    for (const QString &set : sets)
        assignments.push_back(set.toStdString());
    ParameterSet values;
    std::string error;
    QVERIFY2(ParameterSet::fromAssignments(scenario.parameters(), assignments, values, &error),
             error.c_str());
    const JobTable table =
        PoliciesScenario::preset(preset.toStdString()).scaled(PoliciesScenario::nsPerUnit(values));
    // Every preset on one CPU; the one made for two CPUs there too.
    const std::uint32_t mostCpus = preset == QLatin1String("two-cpus") ? 2 : 1;
    for (std::uint32_t cpus = 1; cpus <= mostCpus; ++cpus) {
        const Schedule schedule =
            PolicySimulator::run(table, PoliciesScenario::schedulerConfig(values), cpus);
        QString races;
        for (const auto &race : schedule.races)
            races += QString::fromStdString(race) + QLatin1Char('\n');
        QVERIFY2(races.isEmpty(), qPrintable(QStringLiteral("%1 CPUs: %2").arg(cpus).arg(races)));
        QCOMPARE(schedule.jobs.size(), table.jobs.size());
    }
}

void TestPolicyPresets::presetsShowWhatTheyAreNamedFor()
{
    SchedulerConfig fcfs;
    const JobTable textbook = PoliciesScenario::preset("textbook");
    QVERIFY(textbook.jobs.size() >= 4);
    int sameArrival = 0;
    int sameBurst = 0;
    for (const Job &a : textbook.jobs)
        for (const Job &b : textbook.jobs)
            if (&a < &b) {
                sameArrival += a.arrival == b.arrival;
                sameBurst += a.bursts == b.bursts;
            }
    QVERIFY(sameArrival > 0);
    QVERIFY(sameBurst > 0);

    const Schedule gaps = PolicySimulator::run(PoliciesScenario::preset("gaps"), fcfs, 1);
    QVERIFY(gaps.cpuUtilisation < 0.8);

    const JobTable io = PoliciesScenario::preset("io");
    QVERIFY(std::count_if(io.jobs.begin(), io.jobs.end(),
                          [](const Job &job) { return job.bursts.size() > 1; }) >= 2);
    // While one job waits for IO another runs, so the CPU idles less than the IO time.
    std::uint64_t ioTime = 0;
    for (const Job &job : io.jobs)
        for (std::size_t i = 1; i < job.bursts.size(); i += 2)
            ioTime += job.bursts[i];
    const Schedule ioSchedule = PolicySimulator::run(io, fcfs, 1);
    QVERIFY(ioSchedule.cpuUtilisation > 0.8);
    QVERIFY(ioTime > 8);
}

void TestPolicyPresets::parametersBecomeTheGatesConfig()
{
    PoliciesScenario scenario;
    ParameterSet values;
    std::string error;
    QVERIFY(ParameterSet::fromAssignments(scenario.parameters(),
                                          {"policy=mlfq", "time-scale=0.5", "mlfq-levels=4",
                                           "mlfq-quantum=20", "mlfq-growth=3", "mlfq-allotment=2",
                                           "mlfq-boost=900"},
                                          values, &error));
    const SchedulerConfig config = PoliciesScenario::schedulerConfig(values);
    QCOMPARE(config.policy, SchedulingPolicy::Mlfq);
    QCOMPARE(config.levels, 4u);
    QCOMPARE(config.levelQuantumNs[0], std::uint64_t(10000000));
    QCOMPARE(config.levelQuantumNs[1], std::uint64_t(30000000));
    QCOMPARE(config.levelQuantumNs[3], std::uint64_t(270000000));
    QCOMPARE(config.allotment, 2u);
    QCOMPARE(config.boostNs, std::uint64_t(450000000));
    QCOMPARE(PoliciesScenario::nsPerUnit(values), 50e6);
}

QTEST_APPLESS_MAIN(TestPolicyPresets)
#include "tst_policypresets.moc"
