#include "analysis/ChromeTraceWriter.h"
#include "analysis/RunRecording.h"
#include "trace/OutputText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>

using namespace conlab;

namespace {

// Far from zero, so that a time written absolute instead of relative shows.
constexpr std::uint64_t kStart = 5000000000;
constexpr std::uint32_t kLockA = 1;
constexpr std::uint32_t kLockB = 2;
constexpr std::int64_t kPid = 4000;

// Hand-made runs: main and three workers on two virtual CPUs, two locks; worker-3 never
// starts, so its OS ids are unknown. Times are offsets from the trace start.
class TraceBuilder
{
public:
    TraceBuilder()
    {
        m_trace.meta.scenario = "two-locks";
        m_trace.meta.title = "Two locks";
        m_trace.meta.cpus = 2;
        m_trace.meta.startNs = kStart;
        m_trace.meta.params = {{"workers", "2"}};
        m_trace.meta.workers = {{0, "main", "main"},
                                {1, "worker", "worker-1"},
                                {2, "worker", "worker-2"},
                                {3, "worker", "worker-3"}};
        m_trace.meta.objects = {{kLockA, "lock", 0, "lock A"}, {kLockB, "lock", 0, "lock B"}};
        for (const auto &worker : m_trace.meta.workers)
            add(0, worker.id, EventKind::WorkerNew);
    }

    TraceBuilder &add(std::uint64_t at, std::uint32_t worker, EventKind kind,
                      std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                      std::int64_t arg = 0)
    {
        m_trace.events.push_back({kStart + at, worker, kind, reason, object, value, arg});
        return *this;
    }
    TraceBuilder &started(std::uint64_t at, std::uint32_t w, std::int64_t pid, std::uint32_t tid)
    {
        return add(at, w, EventKind::WorkerStarted, 0, 1, tid, pid);
    }
    TraceBuilder &ready(std::uint64_t at, std::uint32_t w) { return add(at, w, EventKind::Ready); }
    TraceBuilder &running(std::uint64_t at, std::uint32_t w, std::uint32_t cpu)
    {
        return add(at, w, EventKind::Running, 0, 0, cpu);
    }
    TraceBuilder &blocked(std::uint64_t at, std::uint32_t w, BlockReason reason,
                          std::uint32_t object)
    {
        return add(at, w, EventKind::Blocked, std::uint16_t(reason), object);
    }
    TraceBuilder &terminated(std::uint64_t at, std::uint32_t w, ExitCause cause)
    {
        return add(at, w, EventKind::Terminated, std::uint16_t(cause));
    }
    TraceBuilder &lock(std::uint64_t at, std::uint32_t w, std::uint32_t lock)
    {
        return add(at, w, EventKind::LockAcquired, 0, lock, 1);
    }
    TraceBuilder &unlock(std::uint64_t at, std::uint32_t w, std::uint32_t lock)
    {
        return add(at, w, EventKind::LockReleased, 0, lock, 0);
    }
    TraceBuilder &print(std::uint64_t at, std::uint32_t w, const std::string &text)
    {
        for (const Event &e : OutputText::encode(w, kStart + at, text))
            m_trace.events.push_back(e);
        return *this;
    }

    // As the window holds it: loaded at once, open intervals closed at the last event.
    const RunRecording &recording()
    {
        std::stable_sort(m_trace.events.begin(), m_trace.events.end(),
                         [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
        m_recording.load(m_trace);
        return m_recording;
    }

private:
    Trace m_trace;
    RunRecording m_recording;
};

// worker-1 holds lock A while worker-2 waits for it; the release at 1234.567 µs wakes
// worker-2, which then takes A while worker-1 takes B; each reaches for the other's lock and
// the cycle closes at 2345.678 µs. The time limit ends the run at 3000 µs.
TraceBuilder deadlockedRun()
{
    TraceBuilder b;
    b.started(0, 0, kPid, kPid).started(10, 1, kPid, 4001).started(10, 2, kPid, 4002);
    b.running(50, 0, 0).blocked(100, 0, BlockReason::Join, 1);
    b.ready(100, 1).ready(100, 2).running(200, 1, 0).running(250, 2, 1);
    b.lock(300, 1, kLockA);
    b.blocked(320, 2, BlockReason::Lock, kLockA);
    b.unlock(1234567, 1, kLockA);
    b.running(1234999, 2, 1).lock(1234999, 2, kLockA);
    b.lock(1300000, 1, kLockB);
    b.print(1400000, 1, "holding \"B\"\tand a line longer than sixteen bytes");
    b.blocked(1500000, 1, BlockReason::Lock, kLockA);
    b.blocked(2345678, 2, BlockReason::Lock, kLockB);
    b.terminated(3000000, 1, ExitCause::TimeLimit).terminated(3000000, 2, ExitCause::TimeLimit);
    b.ready(3000050, 0).running(3000060, 0, 0).terminated(3000100, 0, ExitCause::TimeLimit);
    return b;
}

// The same run up to worker-1's release, then both finish: no cycle ever closes.
TraceBuilder finishedRun()
{
    TraceBuilder b;
    b.started(0, 0, kPid, kPid).started(10, 1, kPid, 4001).started(10, 2, kPid, 4002);
    b.running(50, 0, 0).blocked(100, 0, BlockReason::Join, 1);
    b.ready(100, 1).ready(100, 2).running(200, 1, 0).running(250, 2, 1);
    b.lock(300, 1, kLockA);
    b.blocked(320, 2, BlockReason::Lock, kLockA);
    b.unlock(1000, 1, kLockA);
    b.running(1100, 2, 1).lock(1100, 2, kLockA).unlock(1200, 2, kLockA);
    b.terminated(1300, 1, ExitCause::Normal).terminated(1300, 2, ExitCause::Normal);
    b.ready(1400, 0).running(1400, 0, 0).terminated(1500, 0, ExitCause::Normal);
    return b;
}

// Microseconds as written back to the nanosecond.
std::int64_t nanoseconds(const QJsonValue &us)
{
    return qRound64(us.toDouble() * 1000.0);
}

// The parsed file with its events grouped the ways the tests ask for them.
struct ParsedTrace
{
    QJsonObject root;
    QJsonArray events;
    // thread_name and process_name by name: (pid, tid), and pid.
    std::map<QString, std::pair<std::int64_t, std::int64_t>> threads;
    std::map<QString, std::int64_t> processes;
    std::map<std::pair<std::int64_t, std::int64_t>, int> sortIndex;

    QJsonArray ofPhase(const QString &ph, const QString &cat = {}) const
    {
        QJsonArray out;
        for (const QJsonValue &value : events) {
            const QJsonObject e = value.toObject();
            if (e.value(QLatin1String("ph")).toString() == ph &&
                (cat.isEmpty() || e.value(QLatin1String("cat")).toString() == cat))
                out.append(e);
        }
        return out;
    }
    QJsonArray onTrack(const QJsonArray &list, std::pair<std::int64_t, std::int64_t> track) const
    {
        QJsonArray out;
        for (const QJsonValue &value : list) {
            const QJsonObject e = value.toObject();
            if (e.value(QLatin1String("pid")).toInteger() == track.first &&
                e.value(QLatin1String("tid")).toInteger() == track.second)
                out.append(e);
        }
        return out;
    }
};

ParsedTrace parse(const RunRecording &recording)
{
    const std::string text = ChromeTraceWriter::format(recording);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s at %d", qPrintable(error.errorString()), error.offset);
    ParsedTrace parsed;
    parsed.root = document.object();
    parsed.events = parsed.root.value(QLatin1String("traceEvents")).toArray();
    for (const QJsonValue &value : parsed.ofPhase(QStringLiteral("M"))) {
        const QJsonObject e = value.toObject();
        const QString name = e.value(QLatin1String("name")).toString();
        const auto track = std::pair{e.value(QLatin1String("pid")).toInteger(),
                                     e.value(QLatin1String("tid")).toInteger()};
        const QJsonObject args = e.value(QLatin1String("args")).toObject();
        if (name == QLatin1String("thread_name"))
            parsed.threads[args.value(QLatin1String("name")).toString()] = track;
        else if (name == QLatin1String("process_name"))
            parsed.processes[args.value(QLatin1String("name")).toString()] = track.first;
        else if (name == QLatin1String("thread_sort_index"))
            parsed.sortIndex[track] = args.value(QLatin1String("sort_index")).toInt();
    }
    return parsed;
}

} // namespace

// The Chrome / Perfetto export of hand-made runs: the same intervals, holds, arrows and
// instants the window draws, on tracks named after the lanes.
class TestChromeTrace : public QObject
{
    Q_OBJECT

private slots:
    void microsecondsKeepEveryNanosecond_data()
    {
        QTest::addColumn<quint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << quint64(0) << "0.000";
        QTest::newRow("below a microsecond") << quint64(5) << "0.005";
        QTest::newRow("sub-microsecond part") << quint64(1234567) << "1234.567";
        QTest::newRow("whole microseconds") << quint64(42000) << "42.000";
        QTest::newRow("an hour") << quint64(3600000000001) << "3600000000.001";
    }
    void microsecondsKeepEveryNanosecond()
    {
        QFETCH(quint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(ChromeTraceWriter::microseconds(ns)), text);
    }

    void isAJsonObjectInNanosecondDisplay()
    {
        TraceBuilder b = deadlockedRun();
        const ParsedTrace parsed = parse(b.recording());
        QVERIFY(!parsed.events.isEmpty());
        QCOMPARE(parsed.root.value(QLatin1String("displayTimeUnit")).toString(),
                 QStringLiteral("ns"));
        const QJsonObject meta = parsed.root.value(QLatin1String("metadata")).toObject();
        QCOMPARE(meta.value(QLatin1String("scenario")).toString(), QStringLiteral("two-locks"));
        QCOMPARE(meta.value(QLatin1String("params")).toObject().value("workers").toString(),
                 QStringLiteral("2"));
        // Every event has what a reader needs to place it.
        for (const QJsonValue &value : parsed.events) {
            const QJsonObject e = value.toObject();
            for (const char *key : {"name", "ph", "pid", "tid"})
                QVERIFY2(e.contains(QLatin1String(key)), key);
            if (e.value(QLatin1String("ph")).toString() != QLatin1String("M")) {
                QVERIFY(e.contains(QLatin1String("ts")));
                QVERIFY(e.value(QLatin1String("ts")).toDouble() >= 0);
            }
        }
    }

    void lanesAreNamedWithTheirOsIds()
    {
        TraceBuilder b = deadlockedRun();
        const ParsedTrace parsed = parse(b.recording());
        using Track = std::pair<std::int64_t, std::int64_t>;
        QCOMPARE(parsed.threads.at(QStringLiteral("main")), Track(kPid, kPid));
        QCOMPARE(parsed.threads.at(QStringLiteral("worker-1")), Track(kPid, 4001));
        QCOMPARE(parsed.threads.at(QStringLiteral("worker-2")), Track(kPid, 4002));
        // Never started, so no OS ids: pid 1, tid 1000 + worker id.
        QCOMPARE(parsed.threads.at(QStringLiteral("worker-3")), Track(1, 1003));
        QCOMPARE(parsed.processes.at(QStringLiteral("Two locks")), kPid);
        // The lab's lane order.
        QCOMPARE(parsed.sortIndex.at(Track(kPid, kPid)), 0);
        QCOMPARE(parsed.sortIndex.at(Track(kPid, 4001)), 1);
        QCOMPARE(parsed.sortIndex.at(Track(kPid, 4002)), 2);
        QCOMPARE(parsed.sortIndex.at(Track(1, 1003)), 3);
    }

    void completeEventsAreTheTimelinesIntervals()
    {
        TraceBuilder b = deadlockedRun();
        const RunRecording &recording = b.recording();
        const ParsedTrace parsed = parse(recording);
        const QJsonArray states = parsed.ofPhase(QStringLiteral("X"), QStringLiteral("state"));
        const StateTimeline &timeline = recording.timeline();
        std::size_t total = 0;
        for (std::size_t lane = 0; lane < timeline.laneCount(); ++lane) {
            const auto &intervals = timeline.lane(lane).intervals;
            const QString name =
                QString::fromStdString(timeline.meta().workerName(timeline.lane(lane).worker));
            const QJsonArray events = parsed.onTrack(states, parsed.threads.at(name));
            QCOMPARE(std::size_t(events.size()), intervals.size());
            for (std::size_t i = 0; i < intervals.size(); ++i) {
                const QJsonObject e = events[int(i)].toObject();
                QCOMPARE(nanoseconds(e.value(QLatin1String("ts"))),
                         std::int64_t(intervals[i].startNs - kStart));
                QCOMPARE(nanoseconds(e.value(QLatin1String("dur"))),
                         std::int64_t(intervals[i].endNs - intervals[i].startNs));
            }
            total += intervals.size();
        }
        QCOMPARE(std::size_t(states.size()), total);

        // worker-2: new, ready, running, blocked on A, running, blocked on B, terminated.
        const QJsonArray w2 = parsed.onTrack(states, parsed.threads.at(QStringLiteral("worker-2")));
        QStringList names;
        for (const QJsonValue &e : w2)
            names << e.toObject().value(QLatin1String("name")).toString();
        QCOMPARE(names, QStringList({"new", "ready", "running", "blocked: lock", "running",
                                     "blocked: lock", "terminated"}));
        const QJsonObject waitA = w2[3].toObject();
        QCOMPARE(nanoseconds(waitA.value(QLatin1String("ts"))), std::int64_t(320));
        QCOMPARE(nanoseconds(waitA.value(QLatin1String("dur"))), std::int64_t(1234999 - 320));
        QCOMPARE(waitA.value(QLatin1String("args")).toObject().value("reason").toString(),
                 QStringLiteral("lock"));
        QCOMPARE(waitA.value(QLatin1String("args")).toObject().value("object").toString(),
                 QStringLiteral("lock A"));
        QCOMPARE(w2[2].toObject().value(QLatin1String("args")).toObject().value("cpu").toInt(), 1);
        QCOMPARE(w2[6].toObject().value(QLatin1String("args")).toObject().value("exit").toString(),
                 QStringLiteral("time limit"));
        // main waited to join worker-1.
        const QJsonArray main = parsed.onTrack(states, parsed.threads.at(QStringLiteral("main")));
        QCOMPARE(main[2].toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("blocked: join"));
        QCOMPARE(main[2].toObject().value(QLatin1String("args")).toObject().value("object"),
                 QJsonValue(QStringLiteral("worker-1")));
    }

    void eachLockHasATrackOfHolds()
    {
        TraceBuilder b = deadlockedRun();
        const ParsedTrace parsed = parse(b.recording());
        QVERIFY(parsed.threads.count(QStringLiteral("lock A")));
        QVERIFY(parsed.threads.count(QStringLiteral("lock B")));
        const auto trackA = parsed.threads.at(QStringLiteral("lock A"));
        const auto trackB = parsed.threads.at(QStringLiteral("lock B"));
        QVERIFY(trackA != trackB);
        QCOMPARE(parsed.processes.at(QStringLiteral("Two locks: locks")), trackA.first);
        // Lock tracks are nobody's thread, and come after the lanes.
        std::set<std::int64_t> tids;
        for (const auto &[name, track] : parsed.threads)
            QVERIFY2(tids.insert(track.second).second, qPrintable(name));
        QCOMPARE(parsed.sortIndex.at(trackA), 4);
        QCOMPARE(parsed.sortIndex.at(trackB), 5);

        const QJsonArray holds = parsed.ofPhase(QStringLiteral("X"), QStringLiteral("lock"));
        const QJsonArray a = parsed.onTrack(holds, trackA);
        QCOMPARE(a.size(), 2);
        QCOMPARE(a[0].toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("worker-1"));
        QCOMPARE(nanoseconds(a[0].toObject().value(QLatin1String("ts"))), std::int64_t(300));
        QCOMPARE(nanoseconds(a[0].toObject().value(QLatin1String("dur"))),
                 std::int64_t(1234567 - 300));
        QVERIFY(
            a[0].toObject().value(QLatin1String("args")).toObject().value("contended").toBool());
        QCOMPARE(a[1].toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("worker-2"));
        QCOMPARE(nanoseconds(a[1].toObject().value(QLatin1String("ts"))), std::int64_t(1234999));
        // Still held when the run ended: to the last event, as the lock lane draws it.
        QCOMPARE(nanoseconds(a[1].toObject().value(QLatin1String("dur"))),
                 std::int64_t(3000100 - 1234999));
        const QJsonArray bHolds = parsed.onTrack(holds, trackB);
        QCOMPARE(bHolds.size(), 1);
        QCOMPARE(bHolds[0].toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("worker-1"));
    }

    void aWakeUpIsAFlowPair()
    {
        TraceBuilder b = deadlockedRun();
        const RunRecording &recording = b.recording();
        QCOMPARE(recording.wakeups().size(), std::size_t(1));
        const ParsedTrace parsed = parse(recording);
        const QJsonArray starts = parsed.ofPhase(QStringLiteral("s"));
        const QJsonArray ends = parsed.ofPhase(QStringLiteral("f"));
        QCOMPARE(starts.size(), 1);
        QCOMPARE(ends.size(), 1);
        const QJsonObject s = starts[0].toObject();
        const QJsonObject f = ends[0].toObject();
        QCOMPARE(s.value(QLatin1String("id")), f.value(QLatin1String("id")));
        QCOMPARE(s.value(QLatin1String("name")), f.value(QLatin1String("name")));
        QCOMPARE(s.value(QLatin1String("cat")), f.value(QLatin1String("cat")));
        QCOMPARE(f.value(QLatin1String("bp")).toString(), QStringLiteral("e"));
        // From worker-1's release to worker-2's wake-up.
        using Track = std::pair<std::int64_t, std::int64_t>;
        QCOMPARE(Track(s.value(QLatin1String("pid")).toInteger(),
                       s.value(QLatin1String("tid")).toInteger()),
                 parsed.threads.at(QStringLiteral("worker-1")));
        QCOMPARE(Track(f.value(QLatin1String("pid")).toInteger(),
                       f.value(QLatin1String("tid")).toInteger()),
                 parsed.threads.at(QStringLiteral("worker-2")));
        QCOMPARE(nanoseconds(s.value(QLatin1String("ts"))), std::int64_t(1234567));
        QCOMPARE(nanoseconds(f.value(QLatin1String("ts"))), std::int64_t(1234999));
    }

    void theDeadlockIsAGlobalInstant()
    {
        TraceBuilder b = deadlockedRun();
        const RunRecording &recording = b.recording();
        QVERIFY(recording.hasDeadlock());
        const ParsedTrace parsed = parse(recording);
        QJsonArray deadlocks;
        for (const QJsonValue &e : parsed.ofPhase(QStringLiteral("i")))
            if (e.toObject().value(QLatin1String("name")).toString() == QLatin1String("deadlock"))
                deadlocks.append(e);
        QCOMPARE(deadlocks.size(), 1);
        const QJsonObject deadlock = deadlocks[0].toObject();
        QCOMPARE(deadlock.value(QLatin1String("s")).toString(), QStringLiteral("g"));
        QCOMPARE(nanoseconds(deadlock.value(QLatin1String("ts"))),
                 std::int64_t(recording.firstDeadlock().formedNs - kStart));
        QCOMPARE(nanoseconds(deadlock.value(QLatin1String("ts"))), std::int64_t(2345678));
        const QJsonObject args = deadlock.value(QLatin1String("args")).toObject();
        QCOMPARE(args.value(QLatin1String("workers")).toArray(),
                 QJsonArray({QStringLiteral("worker-1"), QStringLiteral("worker-2")}));
        QVERIFY2(args.value(QLatin1String("cycle"))
                     .toString()
                     .contains(QStringLiteral("worker-1 holds lock B, waits for lock A")),
                 qPrintable(args.value(QLatin1String("cycle")).toString()));
    }

    void noDeadlockNoInstant()
    {
        TraceBuilder b = finishedRun();
        const RunRecording &recording = b.recording();
        QVERIFY(!recording.hasDeadlock());
        const ParsedTrace parsed = parse(recording);
        QVERIFY(!parsed.events.isEmpty());
        for (const QJsonValue &e : parsed.ofPhase(QStringLiteral("i")))
            QVERIFY(e.toObject().value(QLatin1String("name")).toString() !=
                    QLatin1String("deadlock"));
        // Its lock handover is still an arrow.
        QCOMPARE(parsed.ofPhase(QStringLiteral("s")).size(), 1);
        QCOMPARE(parsed.ofPhase(QStringLiteral("f")).size(), 1);
    }

    void printedLinesAreInstantsOnTheirLane()
    {
        TraceBuilder b = deadlockedRun();
        const ParsedTrace parsed = parse(b.recording());
        const QJsonArray lines = parsed.ofPhase(QStringLiteral("i"), QStringLiteral("output"));
        QCOMPARE(lines.size(), 1);
        const QJsonObject line = lines[0].toObject();
        QCOMPARE(line.value(QLatin1String("s")).toString(), QStringLiteral("t"));
        QCOMPARE(line.value(QLatin1String("tid")).toInteger(), 4001);
        QCOMPARE(nanoseconds(line.value(QLatin1String("ts"))), std::int64_t(1400000));
        // Quotes and a tab survive the escaping.
        QCOMPARE(line.value(QLatin1String("args")).toObject().value("text").toString(),
                 QStringLiteral("holding \"B\"\tand a line longer than sixteen bytes"));
    }

    void lanesSharingAThreadGetTracksOfTheirOwn()
    {
        // Coroutines are named by the thread that runs them: two lanes, one OS tid.
        TraceBuilder b;
        b.started(0, 0, kPid, kPid).started(10, 1, kPid, 4001).started(10, 2, kPid, 4001);
        b.started(10, 3, kPid, 1002); // a real tid where a made-up one would go
        b.running(20, 1, 0).running(30, 2, 1).running(40, 3, 0);
        const ParsedTrace parsed = parse(b.recording());
        using Track = std::pair<std::int64_t, std::int64_t>;
        QCOMPARE(parsed.threads.at(QStringLiteral("worker-1")), Track(kPid, 4001));
        QCOMPARE(parsed.threads.at(QStringLiteral("worker-3")), Track(kPid, 1002));
        const Track second = parsed.threads.at(QStringLiteral("worker-2"));
        QCOMPARE(second.first, kPid);
        QVERIFY(second.second != 4001 && second.second != 1002 && second.second != kPid);
        QCOMPARE(parsed.onTrack(parsed.ofPhase(QStringLiteral("X")), second).size(), 2);
    }
};

QTEST_APPLESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
