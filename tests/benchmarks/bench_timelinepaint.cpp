#include "analysis/RunRecording.h"
#include "views/TimelinePainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <memory>
#include <random>

using namespace conlab;

// What a live window pays per update: taking in a batch of events, and painting every lane
// of a busy run, zoomed out (many intervals per pixel) and zoomed in. At 33 updates a
// second one update may take at most 30 ms; these figures say how far from that we are.
// Run by hand: bin/bench_timelinepaint (QT_QPA_PLATFORM=offscreen without a display).
//
// The cases (10 M intervals over 100 lanes, and 1000 lanes of 10 000 intervals, at
// 1920x1080) are compared with a baseline painted in the same run: one fillRect per pixel
// column of every lane on screen, the least a picture drawn by pixels can cost; ratios to it
// hold better than milliseconds on a machine whose load comes and goes.
class TimelinePaintBenchmark : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint32_t kWorkers = 32;
    static constexpr int kStatesPerWorker = 20000; // 640k state events in all
    static constexpr std::uint64_t kStart = 1'000'000'000;
    // A full-HD screen: at 26 px a lane, about 41 lanes are on it.
    static constexpr int kScreenWidth = 1920;
    static constexpr int kScreenHeight = 1080;

    // `states` events for `worker`, ready -> running -> blocked on a queue, 20-400 us apart;
    // returns the last event's time.
    static std::uint64_t appendLane(std::vector<Event> &events, std::uint32_t worker, int states,
                                    std::mt19937 &random)
    {
        std::uniform_int_distribution<int> step(20'000, 400'000);
        std::uint64_t t = kStart;
        Event created;
        created.timeNs = t;
        created.worker = worker;
        created.kind = EventKind::WorkerNew;
        events.push_back(created);
        for (int i = 0; i < states; ++i) {
            t += std::uint64_t(step(random));
            Event e;
            e.timeNs = t;
            e.worker = worker;
            const int phase = i % 3;
            e.kind = phase == 0 ? EventKind::Ready
                                : (phase == 1 ? EventKind::Running : EventKind::Blocked);
            e.reason = phase == 2 ? std::uint16_t(BlockReason::QueueEmpty) : 0;
            e.object = 1;
            events.push_back(e);
        }
        return t;
    }

    static std::vector<Event> busyRun()
    {
        std::mt19937 random(7);
        std::vector<Event> events;
        for (std::uint32_t worker = 0; worker < kWorkers; ++worker)
            appendLane(events, worker, kStatesPerWorker, random);
        std::stable_sort(events.begin(), events.end(),
                         [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
        return events;
    }

    static TraceMeta meta(std::uint32_t workers)
    {
        TraceMeta m;
        m.scenario = "benchmark";
        m.startNs = kStart;
        for (std::uint32_t worker = 0; worker < workers; ++worker)
            m.workers.push_back({worker, "worker", "worker-" + std::to_string(worker)});
        m.objects.push_back({1, "queue", 8, "queue"});
        return m;
    }

    // A recording of `lanes` lanes of `states` intervals each, fed one lane at a time (each
    // worker's events in its own order is all the timeline needs), so that no second copy of
    // 10 M events is held while it is built. Kept until another size is asked for.
    static const RunRecording &bigRun(std::uint32_t lanes, int states)
    {
        static std::unique_ptr<RunRecording> recording;
        static std::uint32_t builtLanes = 0;
        static int builtStates = 0;
        if (!recording || builtLanes != lanes || builtStates != states) {
            recording.reset();
            recording = std::make_unique<RunRecording>();
            recording->reset(meta(lanes));
            std::mt19937 random(11);
            std::vector<Event> events;
            std::uint64_t last = kStart;
            for (std::uint32_t worker = 0; worker < lanes; ++worker) {
                events.clear();
                last = std::max(last, appendLane(events, worker, states, random));
                recording->append(events.data(), events.size());
            }
            recording->extendTo(last);
            builtLanes = lanes;
            builtStates = states;
        }
        return *recording;
    }

    static double wholeRunNs(int states) { return 210'000.0 * states * 1.02; }

    void paint(double startNs, double endNs)
    {
        static const RunRecording recording = [] {
            RunRecording r;
            Trace trace;
            trace.meta = meta(kWorkers);
            trace.events = busyRun();
            r.load(trace);
            return r;
        }();
        QImage image(1200, 1000, QImage::Format_ARGB32_Premultiplied);
        TimelinePainter timeline(recording, QFont(), QPalette());
        timeline.setRange(startNs, endNs);
        timeline.setShowCpus(false);
        QBENCHMARK
        {
            QPainter painter(&image);
            timeline.paintLanes(painter, QRect(0, 0, 1200, timeline.lanesHeight()), 0);
        }
    }

    // The lanes a full-HD window shows, the first ones of the run.
    static void paintScreen(const RunRecording &recording, double startNs, double endNs)
    {
        QImage image(kScreenWidth, kScreenHeight, QImage::Format_ARGB32_Premultiplied);
        TimelinePainter timeline(recording, QFont(), QPalette());
        timeline.setRange(startNs, endNs);
        timeline.setShowCpus(false);
        QBENCHMARK
        {
            QPainter painter(&image);
            timeline.paintLanes(painter, QRect(0, 0, kScreenWidth, kScreenHeight), 0);
        }
    }

private slots:
    void appendBatchOf1000()
    {
        const std::vector<Event> events = busyRun();
        RunRecording recording;
        recording.reset(meta(kWorkers));
        std::size_t next = 0;
        QBENCHMARK
        {
            if (next + 1000 > events.size()) {
                recording.reset(meta(kWorkers));
                next = 0;
            }
            recording.append(events.data() + next, 1000);
            next += 1000;
        }
    }

    void paintWholeRunZoomedOut() { paint(0, 2.2e9 * kStatesPerWorker / 10000); }
    void paintOneSecond() { paint(1e9, 2e9); }
    void paintTenMilliseconds() { paint(1e9, 1.01e9); }

    // The floor any drawing by pixels pays: a one-pixel fillRect per column of each lane on
    // a full-HD screen, two colours taking turns so that no two columns merge.
    void baselineColumnPerPixel()
    {
        QImage image(kScreenWidth, kScreenHeight, QImage::Format_ARGB32_Premultiplied);
        const QColor colors[] = {QColor(0x00, 0x9E, 0x73), QColor(0xD5, 0x5E, 0x00)};
        QBENCHMARK
        {
            QPainter painter(&image);
            for (int top = TimelinePainter::kLaneGap; top < kScreenHeight;
                 top += TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap) {
                for (int x = 0; x < kScreenWidth; ++x)
                    painter.fillRect(QRect(x, top, 1, TimelinePainter::kLaneHeight), colors[x & 1]);
            }
        }
    }

    // 10 M intervals over 100 lanes (100 000 each, about 21 s of run), the whole run.
    void hundredLanesOf100kWholeRun() { paintScreen(bigRun(100, 100'000), 0, wholeRunNs(100'000)); }
    void hundredLanesOf100kOneSecond() { paintScreen(bigRun(100, 100'000), 5e9, 6e9); }

    // 1000 lanes of 10 000 intervals (about 2.1 s each): the whole run, 1 s, 10 ms.
    void thousandLanesOf10kWholeRun() { paintScreen(bigRun(1000, 10'000), 0, wholeRunNs(10'000)); }
    void thousandLanesOf10kOneSecond() { paintScreen(bigRun(1000, 10'000), 0.5e9, 1.5e9); }
    void thousandLanesOf10kTenMilliseconds() { paintScreen(bigRun(1000, 10'000), 1e9, 1.01e9); }
};

QTEST_MAIN(TimelinePaintBenchmark)
#include "bench_timelinepaint.moc"
