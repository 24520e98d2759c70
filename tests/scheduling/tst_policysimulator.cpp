#include "runtime/JobTableCsv.h"
#include "runtime/PolicySimulator.h"

#include <QStringList>
#include <QTest>

using namespace conlab;

namespace {

// "rr q=4", "priority preemptive aging=2", "mlfq quanta=1,2,4 allot=1 boost=10": a policy and
// its options in the table's time unit.
SchedulerConfig configFrom(const QString &text)
{
    SchedulerConfig config;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!parsePolicy(words.front().toStdString(), config.policy))
        qFatal("unknown policy %s", qPrintable(words.front()));
    for (const QString &word : words.mid(1)) {
        const QString name = word.section(QLatin1Char('='), 0, 0);
        const QString value = word.section(QLatin1Char('='), 1);
        if (name == QLatin1String("q")) {
            config.quantumNs = value.toULongLong();
        } else if (name == QLatin1String("preemptive")) {
            config.preemptive = true;
        } else if (name == QLatin1String("aging")) {
            config.agingNs = value.toULongLong();
        } else if (name == QLatin1String("quanta")) {
            const QStringList quanta = value.split(QLatin1Char(','));
            config.levels = std::uint32_t(quanta.size());
            for (int i = 0; i < quanta.size(); ++i)
                config.levelQuantumNs[i] = quanta[i].toULongLong();
        } else if (name == QLatin1String("allot")) {
            config.allotment = value.toUInt();
        } else if (name == QLatin1String("boost")) {
            config.boostNs = value.toULongLong();
        } else {
            qFatal("unknown option %s", qPrintable(word));
        }
    }
    return config;
}

JobTable tableFrom(const QString &rows)
{
    JobTable table;
    std::string error;
    const std::string text = rows.split(QLatin1Char(';')).join(QLatin1Char('\n')).toStdString();
    if (!JobTableCsv::parse(text, "test", table, &error))
        qFatal("%s", error.c_str());
    return table;
}

// "P1@0 P2@3": who was dispatched when, with "/cpu" when there is more than one.
QString dispatchesOf(const JobTable &table, const Schedule &schedule, std::uint32_t cpus)
{
    QStringList out;
    for (const auto &d : schedule.dispatches) {
        QString item = QString::fromStdString(table.jobs[d.job].name) + QLatin1Char('@') +
                       QString::number(d.timeNs);
        if (cpus > 1)
            item += QLatin1Char('/') + QString::number(d.cpu);
        out << item;
    }
    return out.join(QLatin1Char(' '));
}

QString listOf(const Schedule &schedule, std::uint64_t Schedule::JobResult::*field)
{
    QStringList out;
    for (const auto &job : schedule.jobs)
        out << QString::number(job.*field);
    return out.join(QLatin1Char(','));
}

double average(const QString &list)
{
    double sum = 0;
    const QStringList items = list.split(QLatin1Char(','));
    for (const QString &item : items)
        sum += item.toDouble();
    return sum / double(items.size());
}

} // namespace

// Every policy on textbook job tables worked out by hand: the dispatch sequence and each job's
// waiting, turnaround and response time.
class TestPolicySimulator : public QObject
{
    Q_OBJECT

private slots:
    void textbookSchedules_data();
    void textbookSchedules();
    void utilisationCountsIdleGapsAndCpus_data();
    void utilisationCountsIdleGapsAndCpus();
    void racesAreReportedOnlyWhereARealRunCouldDiffer();
    void theGateAndTheSimulatorShareOneOrder();
    void stepBoundCatchesTablesTooLongToModel();
};

void TestPolicySimulator::textbookSchedules_data()
{
    QTest::addColumn<QString>("jobs"); // CSV rows separated by ';'
    QTest::addColumn<QString>("policy");
    QTest::addColumn<uint>("cpus");
    QTest::addColumn<QString>("dispatches");
    QTest::addColumn<QString>("waiting");
    QTest::addColumn<QString>("turnaround");
    QTest::addColumn<QString>("response");

    // Silberschatz's convoy: all arrive at 0, ties go by table order.
    const QString convoy = QStringLiteral("P1,0,24;P2,0,3;P3,0,3");
    // An IO burst whose end meets another burst's end, then an idle gap.
    const QString gapAndIo = QStringLiteral("P1,0,3/2/2;P2,1,2;P3,9,1");
    // Two jobs doing IO around a CPU-bound one.
    const QString io = QStringLiteral("J1,0,2/3/2,2;J2,0,4,1;J3,1,1/3/1,3");

    QTest::newRow("fcfs convoy") << convoy << "fcfs" << 1u << "P1@0 P2@24 P3@27"
                                 << "0,24,27"
                                 << "24,27,30"
                                 << "0,24,27";
    QTest::newRow("fcfs io meets burst end, idle gap")
        << gapAndIo << "fcfs" << 1u << "P1@0 P2@3 P1@5 P3@9"
        << "0,2,0"
        << "7,4,1"
        << "0,2,0";
    QTest::newRow("fcfs io") << io << "fcfs" << 1u << "J1@0 J2@2 J3@6 J1@7 J3@10"
                             << "2,2,5"
                             << "9,6,10"
                             << "0,2,5";
    QTest::newRow("fcfs two cpus") << "P1,0,4;P2,0,3;P3,1,2;P4,2,4"
                                   << "fcfs" << 2u << "P1@0/0 P2@0/1 P3@3/1 P4@4/0"
                                   << "0,0,2,2"
                                   << "4,3,4,6"
                                   << "0,0,2,2";

    QTest::newRow("sjf all at zero") << "P1,0,6;P2,0,8;P3,0,7;P4,0,3"
                                     << "sjf" << 1u << "P4@0 P1@3 P3@9 P2@16"
                                     << "3,16,9,0"
                                     << "9,24,16,3"
                                     << "3,16,9,0";
    QTest::newRow("sjf arrivals, equal bursts by arrival") << "P1,0,7;P2,2,4;P3,4,1;P4,5,4"
                                                           << "sjf" << 1u << "P1@0 P3@7 P2@8 P4@12"
                                                           << "0,6,3,7"
                                                           << "7,10,4,11"
                                                           << "0,6,3,7";
    QTest::newRow("sjf io") << io << "sjf" << 1u << "J1@0 J3@2 J2@3 J3@7 J1@8"
                            << "3,3,2"
                            << "10,7,7"
                            << "0,3,1";

    QTest::newRow("srtf classic") << "P1,0,8;P2,1,4;P3,2,9;P4,3,5"
                                  << "srtf" << 1u << "P1@0 P2@1 P4@5 P1@10 P3@17"
                                  << "9,0,15,2"
                                  << "17,4,24,7"
                                  << "0,0,15,2";
    // P2 arrives needing what P1 has left: no preemption on a tie. P3 preempts P1 at 2; at 4
    // P2 (arrived at 2) goes before P1 (preempted at 2). Then an idle gap.
    QTest::newRow("srtf ties and a gap") << "P1,0,5;P2,2,3;P3,2,2;P4,12,1"
                                         << "srtf" << 1u << "P1@0 P3@2 P2@4 P1@7 P4@12"
                                         << "5,2,0,0"
                                         << "10,5,2,1"
                                         << "0,2,0,0";
    QTest::newRow("srtf io, ties keep the runner")
        << io << "srtf" << 1u << "J1@0 J3@2 J2@3 J3@7 J1@8"
        << "3,3,2"
        << "10,7,7"
        << "0,3,1";
    QTest::newRow("srtf two cpus preempts the longer")
        << "P1,0,6;P2,0,5;P3,1,2"
        << "srtf" << 2u << "P2@0/0 P1@0/1 P3@1/1 P1@3/1"
        << "2,0,0"
        << "8,5,2"
        << "0,0,0";

    QTest::newRow("rr q=4 convoy") << convoy << "rr q=4" << 1u << "P1@0 P2@4 P3@7 P1@10"
                                   << "6,4,7"
                                   << "30,7,10"
                                   << "0,4,7";
    // P3 arrives as P1's quantum ends: the newcomer queues before the preempted job.
    QTest::newRow("rr q=2 arrival at a quantum's end")
        << "P1,0,5;P2,1,3;P3,2,2"
        << "rr q=2" << 1u << "P1@0 P2@2 P3@4 P1@6 P2@8 P1@9"
        << "5,5,2"
        << "10,8,4"
        << "0,1,2";
    QTest::newRow("rr q=2 io") << io << "rr q=2" << 1u << "J1@0 J2@2 J3@4 J2@5 J1@7 J3@9"
                               << "2,3,4"
                               << "9,7,9"
                               << "0,2,3";

    QTest::newRow("priority silberschatz") << "P1,0,10,3;P2,0,1,1;P3,0,2,4;P4,0,1,5;P5,0,5,2"
                                           << "priority" << 1u << "P2@0 P5@1 P1@6 P3@16 P4@18"
                                           << "6,0,16,18,1"
                                           << "16,1,18,19,6"
                                           << "6,0,16,18,1";
    // P3 has P2's priority: equal does not preempt.
    QTest::newRow("priority preemptive")
        << "P1,0,4,3;P2,1,3,1;P3,2,2,1;P4,3,2,2"
        << "priority preemptive" << 1u << "P1@0 P2@1 P3@4 P4@6 P1@8"
        << "7,0,2,3"
        << "11,3,4,5"
        << "0,0,2,3";
    QTest::newRow("priority io") << io << "priority" << 1u << "J2@0 J1@4 J3@6 J1@9 J3@11"
                                 << "4,0,6"
                                 << "11,4,11"
                                 << "4,0,5";
    // Without aging P3 (3) would go before P2 (5); having waited 6, P2 counts as 2.
    QTest::newRow("priority aging") << "P1,0,6,1;P2,0,3,5;P3,5,2,3"
                                    << "priority aging=2" << 1u << "P1@0 P2@6 P3@9"
                                    << "0,6,4"
                                    << "6,9,6"
                                    << "0,6,4";
    // P2 (5) ages one step per 2 units: at 9 it counts as 1, better than P1's 2, and keeps
    // that while it runs, so P1 (back to 2 and aging again) does not take the CPU back.
    QTest::newRow("priority preemptive aging")
        << "P1,0,10,2;P2,1,3,5"
        << "priority preemptive aging=2" << 1u << "P1@0 P2@9 P1@12"
        << "3,8"
        << "13,11"
        << "0,8";

    // OSTEP's long job with a short one arriving: the short one preempts from the top queue.
    QTest::newRow("mlfq long job, short arrival")
        << "P1,0,10;P2,5,2"
        << "mlfq quanta=2,4,8 allot=1" << 1u << "P1@0 P2@5 P1@7"
        << "2,0"
        << "12,2"
        << "0,0";
    // Both sink to the bottom; the boost at 10 brings them back to the top.
    QTest::newRow("mlfq boost") << "P1,0,8;P2,0,8"
                                << "mlfq quanta=2,4 allot=1 boost=10" << 1u
                                << "P1@0 P2@2 P1@4 P2@8 P1@12 P2@14"
                                << "6,8"
                                << "14,16"
                                << "0,2";
    QTest::newRow("mlfq io") << io << "mlfq quanta=1,2,4 allot=1" << 1u
                             << "J1@0 J2@1 J3@2 J1@3 J2@4 J3@6 J1@7 J2@8 J1@9"
                             << "3,5,1"
                             << "10,9,6"
                             << "0,1,1";
}

void TestPolicySimulator::textbookSchedules()
{
    QFETCH(QString, jobs);
    QFETCH(QString, policy);
    QFETCH(uint, cpus);
    QFETCH(QString, dispatches);
    QFETCH(QString, waiting);
    QFETCH(QString, turnaround);
    QFETCH(QString, response);

    const JobTable table = tableFrom(jobs);
    const Schedule schedule = PolicySimulator::run(table, configFrom(policy), cpus);
    QCOMPARE(dispatchesOf(table, schedule, cpus), dispatches);
    QCOMPARE(listOf(schedule, &Schedule::JobResult::waitingNs), waiting);
    QCOMPARE(listOf(schedule, &Schedule::JobResult::turnaroundNs), turnaround);
    QCOMPARE(listOf(schedule, &Schedule::JobResult::responseNs), response);
    QCOMPARE(schedule.avgWaitingNs, average(waiting));
    QCOMPARE(schedule.avgTurnaroundNs, average(turnaround));
    QCOMPARE(schedule.avgResponseNs, average(response));
    // Waiting is what turnaround leaves after the job's own CPU and IO time.
    for (std::size_t j = 0; j < table.jobs.size(); ++j) {
        std::uint64_t busy = 0;
        for (const auto burst : table.jobs[j].bursts)
            busy += burst;
        QCOMPARE(schedule.jobs[j].waitingNs + busy, schedule.jobs[j].turnaroundNs);
        QCOMPARE(schedule.jobs[j].cpuNs, table.jobs[j].cpuTotal());
    }
    // The Gantt bars never overlap on a CPU and never exceed the CPU count.
    for (const auto &a : schedule.slices)
        for (const auto &b : schedule.slices)
            if (&a != &b && a.cpu == b.cpu)
                QVERIFY(a.endNs <= b.startNs || b.endNs <= a.startNs);
}

void TestPolicySimulator::utilisationCountsIdleGapsAndCpus_data()
{
    QTest::addColumn<QString>("jobs");
    QTest::addColumn<uint>("cpus");
    QTest::addColumn<double>("utilisation");
    QTest::newRow("busy throughout") << "P1,0,24;P2,0,3;P3,0,3" << 1u << 1.0;
    QTest::newRow("idle gap") << "P1,0,3/2/2;P2,1,2;P3,9,1" << 1u << 0.8;
    QTest::newRow("starts late") << "P1,2,3;P2,3,1" << 1u << 1.0;
    QTest::newRow("two cpus") << "P1,0,4;P2,0,3;P3,1,2;P4,2,4" << 2u << 13.0 / 16.0;
}

void TestPolicySimulator::utilisationCountsIdleGapsAndCpus()
{
    QFETCH(QString, jobs);
    QFETCH(uint, cpus);
    QFETCH(double, utilisation);
    const Schedule schedule = PolicySimulator::run(tableFrom(jobs), configFrom("fcfs"), cpus);
    QCOMPARE(schedule.cpuUtilisation, utilisation);
}

void TestPolicySimulator::racesAreReportedOnlyWhereARealRunCouldDiffer()
{
    // On one CPU the gate decides every instant as the simulator does, ties included: an IO
    // end meeting a burst's end, arrivals at a quantum's end, an arrival needing exactly what
    // the running job has left.
    QVERIFY(PolicySimulator::run(tableFrom("P1,0,3/2/2;P2,1,2;P3,9,1"), configFrom("fcfs"), 1)
                .races.empty());
    QVERIFY(PolicySimulator::run(tableFrom("P1,0,5;P2,1,3;P3,2,2"), configFrom("rr q=2"), 1)
                .races.empty());
    QVERIFY(PolicySimulator::run(tableFrom("P1,0,5;P2,2,3"), configFrom("srtf"), 1).races.empty());
    // Two turns ending at one instant on two CPUs: which worker says so first takes the pick.
    const Schedule tied =
        PolicySimulator::run(tableFrom("P1,0,2;P2,0,2;P3,0,3"), configFrom("fcfs"), 2);
    QCOMPARE(tied.races.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(tied.races.front()).startsWith("at 2:"));
}

void TestPolicySimulator::theGateAndTheSimulatorShareOneOrder()
{
    // Same planned instant: rank (arrived before preempted), then worker id; the gate's
    // arrival counter only orders workers that give no hints.
    ReadyEntry early{3, 9, 0, true, 10, 0};
    ReadyEntry preempted{1, 1, 0, true, 10, 1};
    ReadyEntry arrived{2, 5, 0, true, 10, 0};
    QVERIFY(comesBefore(arrived, preempted));
    QVERIFY(comesBefore(arrived, early));
    QVERIFY(!comesBefore(early, arrived));
    ReadyEntry plainA{7, 2};
    ReadyEntry plainB{4, 3};
    QVERIFY(comesBefore(plainA, plainB));
    QCOMPARE(pickNext(SchedulingPolicy::Fcfs, std::vector<ReadyEntry>{plainB, plainA}.data(), 2),
             std::size_t(1));
}

// Issue 13, item 2: two jobs of 10^6 units at quantum 1 ms took 12.8 s to model and printed
// 92 MB; stepBound() lets the runner refuse that before the run, and stays honest for what
// the simulator is allowed to compute.
void TestPolicySimulator::stepBoundCatchesTablesTooLongToModel()
{
    constexpr std::uint64_t kMs = 1000000;
    JobTable huge;
    huge.jobs = {{"A", 0, {1000000}, 0}, {"B", 0, {1000000}, 0}};
    SchedulerConfig rr;
    rr.policy = SchedulingPolicy::RoundRobin;
    rr.quantumNs = 1 * kMs;
    const JobTable hugeNs = huge.scaled(5 * kMs);
    QVERIFY(PolicySimulator::stepBound(hugeNs, rr) > PolicySimulator::kMaxModelSteps);
    SchedulerConfig fcfs;
    // FCFS decides once per burst, however long: nothing to refuse.
    QVERIFY(PolicySimulator::stepBound(hugeNs, fcfs) < 10);

    // A table within the bound: the simulator's real step count stays below it.
    JobTable small;
    small.jobs = {{"A", 0, {40, 5, 30}, 0}, {"B", 3, {25}, 1}, {"C", 4, {7, 2, 9}, 2}};
    for (const std::uint64_t quantum : {1ull, 3ull, 10ull}) {
        rr.quantumNs = quantum * kMs;
        const JobTable ns = small.scaled(kMs);
        const std::uint64_t bound = PolicySimulator::stepBound(ns, rr);
        QVERIFY(bound <= PolicySimulator::kMaxModelSteps);
        const Schedule schedule = PolicySimulator::run(ns, rr, 1);
        QVERIFY(schedule.races.empty() ||
                schedule.races.back().find("cut short") == std::string::npos);
        QVERIFY2(schedule.slices.size() <= bound,
                 qPrintable(
                     QStringLiteral("%1 slices, bound %2").arg(schedule.slices.size()).arg(bound)));
    }

    // Saturates instead of wrapping.
    JobTable absurd;
    absurd.jobs = {{"A", 0, {~0ull / 2, 1, ~0ull / 2}, 0}};
    rr.quantumNs = 1;
    QCOMPARE(PolicySimulator::stepBound(absurd, rr), ~0ull);
}

QTEST_APPLESS_MAIN(TestPolicySimulator)
#include "tst_policysimulator.moc"
