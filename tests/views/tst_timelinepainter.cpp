#include "LoadedRun.h"
#include "analysis/RunRecording.h"
#include "export/TimelineImage.h"
#include "views/StatePalette.h"
#include "views/TimeWindow.h"
#include "views/TimelinePainter.h"
#include "views/TimelineView.h"
#include "views/WorkerLanePainter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QPicture>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <random>

using namespace conlab;

// The painter on a hand-made recording: colours land where the events say, narrow intervals
// collapse into pixels instead of vanishing, and exported images carry the whole picture.
class TimelinePainterTest : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint64_t kStart = 1'000'000'000;
    static constexpr std::uint64_t kMs = 1'000'000;

    static Event event(std::uint64_t ms, std::uint32_t worker, EventKind kind,
                       std::uint16_t reason = 0, std::uint32_t value = 0, std::int64_t arg = 0)
    {
        const std::uint32_t object = kind == EventKind::Blocked ? 1 : 0;
        return {kStart + ms * kMs, worker, kind, reason, object, value, arg};
    }

    static RunRecording recording()
    {
        TraceMeta meta;
        meta.scenario = "producer-consumer";
        meta.title = "Producer / consumer";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"}, {1, "producer", "producer-1"}};
        meta.objects = {{1, "queue", 4, "queue"}};
        meta.params = {{"producers", "1"}};
        std::vector<Event> events{
            event(0, 0, EventKind::WorkerNew),
            event(0, 0, EventKind::Running),
            event(0, 1, EventKind::WorkerNew),
            event(1, 1, EventKind::Ready),
            event(10, 0, EventKind::Blocked, std::uint16_t(BlockReason::Join)),
            event(10, 1, EventKind::Running),
            event(40, 1, EventKind::Blocked, std::uint16_t(BlockReason::QueueFull)),
            event(70, 1, EventKind::Running),
            event(80, 1, EventKind::Terminated, std::uint16_t(ExitCause::Signal), 0, 9),
            event(81, 0, EventKind::Running),
            event(100, 0, EventKind::Terminated),
        };
        RunRecording result;
        loadRun(result, meta, events);
        return result;
    }

    static QColor colorAt(const QImage &image, int x, int y) { return image.pixelColor(x, y); }

    // The first 100 ms of the run's lanes, painted on white into `plot`.
    static QImage paintLanes(TimelinePainter &timeline, const QRect &plot)
    {
        QImage image(plot.width(), std::max(plot.height(), 100), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        timeline.setRange(0, 100 * kMs);
        timeline.paintLanes(painter, plot, 0);
        painter.end();
        return image;
    }

private slots:
    void identityIsNeverAStateColour()
    {
        // A worker's identity (lane chip, stripe on what it holds) and the fill of a held lock
        // or CPU must not be mistaken for a state: none equals, or nearly equals, a state
        // colour (issue 14, item 2).
        const auto near = [](const QColor &a, const QColor &b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                       std::abs(a.blue() - b.blue()) <
                   40;
        };
        for (int category = 0; category <= int(StatePalette::Category::Terminated); ++category) {
            const QColor state = StatePalette::color(StatePalette::Category(category));
            QVERIFY(!near(StatePalette::heldColor(), state));
            for (std::uint32_t worker = 0; worker < 16; ++worker)
                QVERIFY2(
                    !near(StatePalette::ownerColor(worker), state),
                    qPrintable(StatePalette::ownerColor(worker).name() + " ~ " + state.name()));
        }
    }

    void denseLanesExplainTheirFootStrips()
    {
        // A lane with more intervals than a whole-run view has pixels is drawn by columns,
        // with the runner-up state as a strip at the foot: the legend says so then, not before.
        const auto legendFor = [](std::uint64_t switches) {
            TraceMeta meta;
            meta.scenario = "producer-consumer";
            meta.startNs = kStart;
            meta.workers = {{0, "main", "main"}};
            Trace trace;
            trace.meta = meta;
            for (std::uint64_t i = 0; i < switches; ++i)
                trace.events.push_back(TimelinePainterTest::event(
                    i, 0, i % 2 ? EventKind::Ready : EventKind::Running));
            RunRecording run;
            run.load(trace);
            return TimelinePainter(run, QFont(), QPalette()).legendLabels().join(QLatin1Char('|'));
        };
        QVERIFY(!legendFor(100).contains(QLatin1String("strip at its foot")));
        QVERIFY(legendFor(2000).contains(QLatin1String("strip at its foot")));
    }

    void waitingForItsTurnHasNoStateColour()
    {
        // worker-1 waits from 0 to 60 ms on a "turn" (server-models' next design), then runs.
        TraceMeta meta;
        meta.scenario = "server-models";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"}, {1, "worker", "epoll: event loop"}};
        meta.objects = {{1, "turn", 0, "epoll: start"}}; // event() blocks on object 1
        const auto event = std::uint16_t(BlockReason::Event);
        std::vector<Event> events{TimelinePainterTest::event(0, 1, EventKind::Running),
                                  TimelinePainterTest::event(0, 1, EventKind::Blocked, event),
                                  TimelinePainterTest::event(60, 1, EventKind::Running),
                                  TimelinePainterTest::event(100, 1, EventKind::Terminated)};
        RunRecording run;
        loadRun(run, meta, events);
        TimelinePainter timeline(run, QFont(), QPalette());
        const QRect plot(0, 0, 1000, timeline.lanesHeight());
        const QImage image = paintLanes(timeline, plot);
        const int lane = run.timeline().laneOf(1);
        const int y = timeline.laneTop(lane) + TimelinePainter::kLaneHeight / 2 + 3;
        for (const int x :
             {int(timeline.xForTime(10.0 * kMs, plot)), int(timeline.xForTime(45.0 * kMs, plot))})
            for (int category = 0; category < int(StatePalette::Category::Terminated); ++category)
                QVERIFY2(colorAt(image, x, y) !=
                             StatePalette::color(StatePalette::Category(category)),
                         qPrintable(colorAt(image, x, y).name()));
        QCOMPARE(colorAt(image, int(timeline.xForTime(80.0 * kMs, plot)), y),
                 StatePalette::color(StatePalette::Category::Running));
    }

    void handlerNotStartedHasNoStateColour()
    {
        // A server's handler lane exists from the start, its thread only from 60 ms on: until
        // then it is a placeholder, never the grey of "new". An ordinary worker's "new" stays.
        TraceMeta meta;
        meta.scenario = "server-models";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"},
                        {1, "handler", "thread-pool: pool thread 1"},
                        {2, "worker", "worker-2"}};
        std::vector<Event> events;
        for (const std::uint32_t worker : {1u, 2u}) {
            events.push_back(event(0, worker, EventKind::WorkerNew));
            events.push_back(event(60, worker, EventKind::Running));
            events.push_back(event(100, worker, EventKind::Terminated));
        }
        RunRecording run;
        loadRun(run, meta, events);
        TimelinePainter timeline(run, QFont(), QPalette());
        const QRect plot(0, 0, 1000, timeline.lanesHeight());
        const QImage image = paintLanes(timeline, plot);
        const auto stateColoured = [&](int lane, double ns) {
            const int x = int(timeline.xForTime(ns, plot));
            const int top = timeline.laneTop(timeline.workerRow(lane));
            for (int y = top; y < top + TimelinePainter::kLaneHeight; ++y)
                for (int category = 0; category <= int(StatePalette::Category::Terminated);
                     ++category)
                    if (colorAt(image, x, y) ==
                        StatePalette::color(StatePalette::Category(category)))
                        return true;
            return false;
        };
        const int handler = run.timeline().laneOf(1);
        const int worker = run.timeline().laneOf(2);
        for (const double ms : {5.0, 30.0, 55.0})
            QVERIFY2(!stateColoured(handler, ms * kMs), qPrintable(QString::number(ms)));
        QVERIFY(stateColoured(handler, 80.0 * kMs));
        QCOMPARE(colorAt(image, int(timeline.xForTime(30.0 * kMs, plot)),
                         timeline.laneTop(timeline.workerRow(worker)) + 3),
                 StatePalette::color(StatePalette::Category::New));
        QVERIFY(timeline.legendLabels()
                    .join(QLatin1Char('|'))
                    .contains(QLatin1String("not started yet")));
        // Its tooltip says the same, not "new".
        const StateInterval *waiting =
            run.timeline().intervalAt(std::size_t(handler), kStart + 30 * kMs);
        QVERIFY(waiting);
        QVERIFY(timeline.describeInterval(timeline.workerRow(handler), *waiting)
                    .startsWith(QLatin1String("not started yet")));
    }

    void coloursLandWhereTheEventsSay()
    {
        const RunRecording run = recording();
        TimelinePainter timeline(run, QFont(), QPalette());
        const QRect plot(0, 0, 1000, timeline.lanesHeight());
        const QImage image = paintLanes(timeline, plot);
        const int y = timeline.laneTop(1) + TimelinePainter::kLaneHeight / 2;
        const auto x = [&](double ms) {
            return int(timeline.xForTime(ms * kMs, plot));
        };
        QCOMPARE(colorAt(image, x(5), y), StatePalette::color(StatePalette::Category::Ready));
        QCOMPARE(colorAt(image, x(25), y), StatePalette::color(StatePalette::Category::Running));
        QCOMPARE(colorAt(image, x(45), y),
                 StatePalette::color(StatePalette::Category::BlockedQueue));
        const int main = timeline.laneTop(0) + TimelinePainter::kLaneHeight / 2;
        QCOMPARE(colorAt(image, x(50), main), StatePalette::color(StatePalette::Category::Waiting));
        QCOMPARE(timeline.laneAt(timeline.laneTop(1) + 3), 1);
        QCOMPARE(timeline.laneAt(-5), -1);
    }

    void narrowIntervalsStillShow()
    {
        const RunRecording run = recording();
        QImage image(20, 60, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        TimelinePainter timeline(run, QFont(), QPalette());
        // 100 ms over 20 pixels: the 1 ms ready stretch is far below a pixel.
        timeline.setRange(0, 100 * kMs);
        timeline.paintLanes(painter, QRect(0, 0, 20, timeline.lanesHeight()), 0);
        painter.end();
        const int y = timeline.laneTop(1) + TimelinePainter::kLaneHeight / 2;
        QVERIFY(colorAt(image, 0, y) != QColor(Qt::white));
    }

    // One lane of `count` states cycling ready, running, blocked on a lock, each lasting a
    // random time in [shortestNs, longestNs].
    static RunRecording cyclingLane(int count, std::uint64_t shortestNs, std::uint64_t longestNs)
    {
        TraceMeta meta;
        meta.scenario = "producer-consumer";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"}};
        meta.objects = {{1, "lock", 0, "lock"}};
        std::mt19937 random(5);
        std::uniform_int_distribution<std::uint64_t> length(shortestNs, longestNs);
        std::vector<Event> events{{kStart, 0, EventKind::WorkerNew, 0, 0, 0, 0}};
        std::uint64_t t = kStart;
        const EventKind kinds[] = {EventKind::Ready, EventKind::Running, EventKind::Blocked};
        for (int i = 0; i < count; ++i) {
            t += length(random);
            const EventKind kind = kinds[i % 3];
            events.push_back(
                {t, 0, kind,
                 std::uint16_t(kind == EventKind::Blocked ? BlockReason::Lock : BlockReason::None),
                 kind == EventKind::Blocked ? 1u : 0u, 0, 0});
        }
        RunRecording result;
        loadRun(result, meta, events);
        return result;
    }

    static QImage paintLane(const RunRecording &run, const TimeWindow &window, const QRect &lane,
                            bool throughPicture)
    {
        QImage image(lane.right() + 3, lane.bottom() + 3, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        const WorkerLanePainter lanes(run, QFont(), QPalette());
        if (throughPicture) {
            // A QPicture records fillRects (as an SVG or PDF would) instead of a strip image.
            QPicture picture;
            QPainter recorder(&picture);
            lanes.paint(recorder, 0, lane, window);
            recorder.end();
            QPainter painter(&image);
            painter.drawPicture(0, 0, picture);
        } else {
            QPainter painter(&image);
            lanes.paint(painter, 0, lane, window);
        }
        return image;
    }

    // Issue 16, item 4: where every interval is at least a pixel wide, the lane is what it
    // always was, one bar per interval in its state's colour.
    void barsWiderThanAPixelAreDrawnAsBefore()
    {
        // 2-20 ms states over 800 px for 1 s: 1.6 to 16 pixels each, too narrow for words.
        const RunRecording run = cyclingLane(120, 2 * kMs, 20 * kMs);
        const TimeWindow window(0, 1000 * kMs);
        const QRect lane(10, 4, 800, TimelinePainter::kLaneHeight);
        const QImage painted = paintLane(run, window, lane, false);

        QImage expected(painted.size(), painted.format());
        expected.fill(Qt::white);
        QPainter painter(&expected);
        painter.setClipRect(lane);
        for (const StateInterval &interval : run.timeline().lane(0).intervals) {
            const double start = double(interval.startNs - kStart);
            if (start > window.endNs())
                break;
            QVERIFY(window.rightX(double(interval.endNs - kStart), lane) -
                        window.leftX(start, lane) >=
                    1.0);
            painter.fillRect(window.bar(start, double(interval.endNs - kStart), lane, 1),
                             StatePalette::color(StatePalette::categoryOf(interval)));
        }
        painter.end();
        QCOMPARE(painted, expected);
        // A vector target gets the same picture.
        QCOMPARE(paintLane(run, window, lane, true), painted);
    }

    // Zoomed out, a column shows the state that took most of its time and, along its foot, the
    // one that took the rest, as tall as its share: never one state alone where there were two.
    void aMixedColumnShowsItsRunnerUp()
    {
        TraceMeta meta;
        meta.scenario = "producer-consumer";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"}};
        meta.objects = {{1, "lock", 0, "lock"}};
        std::vector<Event> events{{kStart, 0, EventKind::WorkerNew, 0, 0, 0, 0}};
        // 1 ms per pixel; in each, 70 us running then 30 us blocked, ten times over.
        for (std::uint64_t us = 0; us < 50'000; us += 100) {
            events.push_back({kStart + us * 1000, 0, EventKind::Running, 0, 0, 0, 0});
            events.push_back({kStart + (us + 70) * 1000, 0, EventKind::Blocked,
                              std::uint16_t(BlockReason::Lock), 1, 0, 0});
        }
        RunRecording run;
        loadRun(run, meta, events);
        const TimeWindow window(0, 40 * kMs);
        const QRect lane(0, 0, 40, TimelinePainter::kLaneHeight);
        const QImage image = paintLane(run, window, lane, false);
        const QColor running = StatePalette::color(StatePalette::Category::Running);
        const QColor blocked = StatePalette::color(StatePalette::Category::BlockedSync);
        const int mark = int(std::lround(0.3 * TimelinePainter::kLaneHeight));
        for (const int x : {1, 20, 38}) {
            QCOMPARE(image.pixelColor(x, 0), running);
            QCOMPARE(image.pixelColor(x, lane.bottom() - mark), running);
            QCOMPARE(image.pixelColor(x, lane.bottom() - mark + 1), blocked);
            QCOMPARE(image.pixelColor(x, lane.bottom()), blocked);
        }
        QCOMPARE(paintLane(run, window, lane, true), image);
    }

    // Hovering a zoomed-out pixel names the states it mixes with their shares; a pixel
    // inside one long state does not.
    void aMixedPixelsTooltipGivesTheShares()
    {
        const RunRecording run = cyclingLane(6000, 20'000, 400'000);
        TimelineView view;
        view.resize(900, 300);
        view.setRecording(&run);
        view.show();
        view.fit();
        const QString tip = view.toolTipAt(view.pointFor(0, 300.0 * kMs));
        QVERIFY2(tip.contains(QLatin1String(" % ")), qPrintable(tip));
        QVERIFY2(tip.contains(StatePalette::label(StatePalette::Category::Running)),
                 qPrintable(tip));
        QVERIFY2(tip.contains(StatePalette::label(StatePalette::Category::BlockedSync)),
                 qPrintable(tip));
        const RunRecording plain = recording();
        view.setRecording(&plain);
        view.fit();
        const QString one = view.toolTipAt(view.pointFor(1, 25.0 * kMs));
        QVERIFY2(one.contains(StatePalette::stateName(WorkerState::Running)), qPrintable(one));
        QVERIFY2(!one.contains(QLatin1String(" % ")), qPrintable(one));
    }

    void denseLanesLookTheSameOnEveryTarget()
    {
        // 20-400 us states over 300 px for 1 s: many to a pixel, with some wider bars.
        const RunRecording run = cyclingLane(6000, 20'000, 400'000);
        for (const double endMs : {1000.0, 100.0, 10.0}) {
            const TimeWindow window(0, endMs * kMs);
            const QRect lane(3, 2, 300, TimelinePainter::kLaneHeight);
            QCOMPARE(paintLane(run, window, lane, true), paintLane(run, window, lane, false));
        }
    }

    void labelsNameWorkerAndOsId()
    {
        const RunRecording run = recording();
        TimelinePainter timeline(run, QFont(), QPalette());
        QCOMPARE(timeline.laneLabel(1), QStringLiteral("producer-1"));
    }

    void exportIsTwiceTheLogicalSize()
    {
        const RunRecording run = recording();
        TimelineImage::Options options;
        options.width = 900;
        const QImage image = TimelineImage::render(run, options);
        QCOMPARE(image.width(), 1800);
        QCOMPARE(image.devicePixelRatio(), 2.0);
        QVERIFY(image.height() > 2 * 150);
        // The running colour appears somewhere: lanes were painted into the image.
        bool found = false;
        const QRgb running = StatePalette::color(StatePalette::Category::Running).rgb();
        for (int y = 0; y < image.height() && !found; y += 2)
            for (int x = 0; x < image.width() && !found; x += 2)
                found = image.pixel(x, y) == running;
        QVERIFY(found);
    }

    void vectorExports()
    {
        const RunRecording run = recording();
        QTemporaryDir dir;
        QString error;
        const QString svg = dir.filePath(QStringLiteral("run.svg"));
        const QString pdf = dir.filePath(QStringLiteral("run.pdf"));
        QVERIFY2(TimelineImage::save(svg, run, {}, &error), qPrintable(error));
        QVERIFY2(TimelineImage::save(pdf, run, {}, &error), qPrintable(error));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().width(), TimelineImage::Options{}.width);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(!TimelineImage::save(dir.filePath(QStringLiteral("run.bmp")), run, {}, &error));
        QVERIFY2(error.contains(QLatin1String(".svg")), qPrintable(error));
    }

    // Issue 13, item 1: a meta that no reader would accept (built here by hand) and events of
    // workers the header never named neither crash the timeline nor take long to export.
    void hostileIdsAndCpusDoNotCrashTheExport()
    {
        TraceMeta meta;
        meta.scenario = "producer-consumer";
        meta.startNs = kStart;
        meta.cpus = 1000;
        meta.workers = {{4294967295u, "main", "huge"},
                        {1u << 31, "main", "big"},
                        {0, "main", "main"},
                        {0, "main", "main again"}};
        Trace trace;
        trace.meta = meta;
        for (const std::uint32_t worker : {0u, 4294967295u, 1u << 31, 77u, 127u, 128u}) {
            trace.events.push_back(event(0, worker, EventKind::WorkerNew));
            trace.events.push_back(event(1, worker, EventKind::Running, 0, 999));
            trace.events.push_back(
                event(5, worker, EventKind::Blocked, std::uint16_t(BlockReason::Lock)));
            trace.events.push_back(event(9, worker, EventKind::Terminated));
        }
        RunRecording run;
        run.load(trace);
        QCOMPARE(run.timeline().laneCount(), std::size_t(1));
        QCOMPARE(run.timeline().laneOf(4294967295u), -1);
        QElapsedTimer timer;
        timer.start();
        TimelineImage::Options options;
        options.width = 600;
        const QImage image = TimelineImage::render(run, options);
        QVERIFY(!image.isNull());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void exportToAnUnwritablePlaceSaysWhere()
    {
        const RunRecording run = recording();
        QString error;
        QVERIFY(!TimelineImage::savePng(QStringLiteral("/nonexistent-dir/x.png"), run, {}, &error));
        QVERIFY2(error.contains(QLatin1String("/nonexistent-dir/x.png")), qPrintable(error));
    }
};

QTEST_MAIN(TimelinePainterTest)
#include "tst_timelinepainter.moc"
