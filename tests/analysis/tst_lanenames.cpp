#include "analysis/LaneNames.h"
#include "analysis/ProcessTree.h"
#include "analysis/RunRecording.h"
#include "analysis/StateTimeline.h"
#include "trace/OutputText.h"

#include <QTest>

using namespace conlab;

// A watched program's lanes get their real names from LaneNamed events, however the events
// are split into batches; labels, the process tree and exports then read them from the meta.
class TestLaneNames : public QObject
{
    Q_OBJECT

private:
    static TraceMeta placeholders()
    {
        TraceMeta meta;
        meta.scenario = "exec";
        meta.cpus = 0;
        meta.workers = {
            {0, "watch", "watch"}, {1, "thread", "thread-1"}, {2, "thread", "thread-2"}};
        return meta;
    }
    static std::vector<Event> named(std::uint32_t worker, std::string_view name)
    {
        return OutputText::encode(worker, 100, name, EventKind::LaneNamed,
                                  EventKind::LaneNamedMore);
    }

private slots:
    void shortAndLongNamesReplaceThePlaceholders()
    {
        TraceMeta meta = placeholders();
        const std::string longName = "a-rather-long-command 1234567";
        auto events = named(1, "python3 4242");
        const auto more = named(2, longName);
        QCOMPARE(more.size(), std::size_t(2));
        events.insert(events.end(), more.begin(), more.end());
        LaneNames names;
        // The continuation of lane 2's name comes in a later batch.
        QVERIFY(names.apply(events.data(), events.size() - 1, meta));
        QCOMPARE(meta.workerName(1), std::string("python3 4242"));
        QCOMPARE(meta.workerName(2), std::string("thread-2"));
        QVERIFY(names.apply(&events.back(), 1, meta));
        QCOMPARE(meta.workerName(2), longName);
        QCOMPARE(meta.workerName(0), std::string("watch"));
    }

    void aNameCannotBreakTheHeader()
    {
        TraceMeta meta = placeholders();
        LaneNames::applyAll(named(1, "evil\nworker 9 x"), meta);
        QCOMPARE(meta.workerName(1), std::string("evil worker 9 x"));
        TraceMeta parsed;
        QVERIFY(TraceMeta::parse(meta.serialize(), parsed, nullptr));
        QCOMPARE(parsed.workers.size(), std::size_t(3));
    }

    void recordingAndTimelineShowTheNames()
    {
        RunRecording recording;
        recording.reset(placeholders());
        std::vector<Event> events = {{50, 1, EventKind::WorkerNew, 0, 0, 0, 0},
                                     {60, 1, EventKind::WorkerStarted, 0, 1, 4242, 4242}};
        const auto name = named(1, "python3 4242");
        events.insert(events.end(), name.begin(), name.end());
        recording.append(events.data(), events.size());
        QCOMPARE(recording.meta().workerName(1), std::string("python3 4242"));
        QCOMPARE(recording.timeline().meta().workerName(1), std::string("python3 4242"));
        const ProcessTree tree = ProcessTree::build(recording.meta(), recording.trace().events);
        QCOMPARE(tree.processes().size(), std::size_t(1));
        QCOMPARE(tree.processes()[0].threads[0].name, std::string("python3 4242"));
    }

    void aWatchedProgramsLanesAppearAsTheirThreadsDo()
    {
        // Placeholders declared in advance are no lanes until something happens on them.
        TraceMeta meta = placeholders();
        meta.sampleNs = 2'000'000;
        StateTimeline timeline;
        timeline.reset(meta);
        QCOMPARE(timeline.laneCount(), std::size_t(1));
        const std::vector<Event> events = {{50, 2, EventKind::WorkerNew, 0, 0, 0, 0},
                                           {60, 2, EventKind::Ready, 0, 0, 0, 0},
                                           {70, 9, EventKind::WorkerNew, 0, 0, 0, 0}};
        timeline.append(events);
        QCOMPARE(timeline.laneCount(), std::size_t(2)); // worker 9 is not declared
        QCOMPARE(timeline.lane(1).worker, 2u);
        QCOMPARE(timeline.laneOf(1), -1);
        QCOMPARE(timeline.lane(1).intervals.size(), std::size_t(2));
        // A scenario run keeps every declared lane from the start.
        meta.scenario = "producer-consumer";
        timeline.reset(meta);
        QCOMPARE(timeline.laneCount(), std::size_t(3));
    }
};

QTEST_APPLESS_MAIN(TestLaneNames)
#include "tst_lanenames.moc"
