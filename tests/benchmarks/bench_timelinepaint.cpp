#include "analysis/RunRecording.h"
#include "views/TimelinePainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <random>

using namespace conlab;

// What a live window pays per update: taking in a batch of events, and painting every lane
// of a busy run, zoomed out (many intervals per pixel) and zoomed in. At 33 updates a
// second one update may take at most 30 ms; these figures say how far from that we are.
// Run by hand: bin/bench_timelinepaint (QT_QPA_PLATFORM=offscreen without a display).
class TimelinePaintBenchmark : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint32_t kWorkers = 32;
    static constexpr int kStatesPerWorker = 20000; // 640k state events in all
    static constexpr std::uint64_t kStart = 1'000'000'000;

    static std::vector<Event> busyRun()
    {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> step(20'000, 400'000);
        std::vector<Event> events;
        for (std::uint32_t worker = 0; worker < kWorkers; ++worker) {
            std::uint64_t t = kStart;
            Event created;
            created.timeNs = t;
            created.worker = worker;
            created.kind = EventKind::WorkerNew;
            events.push_back(created);
            for (int i = 0; i < kStatesPerWorker; ++i) {
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
        }
        std::stable_sort(events.begin(), events.end(),
                         [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; });
        return events;
    }

    static TraceMeta meta()
    {
        TraceMeta m;
        m.scenario = "benchmark";
        m.startNs = kStart;
        for (std::uint32_t worker = 0; worker < kWorkers; ++worker)
            m.workers.push_back({worker, "worker", "worker-" + std::to_string(worker)});
        m.objects.push_back({1, "queue", 8, "queue"});
        return m;
    }

    void paint(double startNs, double endNs)
    {
        static const RunRecording recording = [] {
            RunRecording r;
            Trace trace;
            trace.meta = meta();
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

private slots:
    void appendBatchOf1000()
    {
        const std::vector<Event> events = busyRun();
        RunRecording recording;
        recording.reset(meta());
        std::size_t next = 0;
        QBENCHMARK
        {
            if (next + 1000 > events.size()) {
                recording.reset(meta());
                next = 0;
            }
            recording.append(events.data() + next, 1000);
            next += 1000;
        }
    }

    void paintWholeRunZoomedOut() { paint(0, 2.2e9 * kStatesPerWorker / 10000); }
    void paintOneSecond() { paint(1e9, 2e9); }
    void paintTenMilliseconds() { paint(1e9, 1.01e9); }
};

QTEST_MAIN(TimelinePaintBenchmark)
#include "bench_timelinepaint.moc"
