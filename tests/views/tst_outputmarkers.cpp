#include "LoadedRun.h"
#include "analysis/RunRecording.h"
#include "export/TimelineImage.h"
#include "trace/OutputText.h"
#include "views/OutputMarkerPainter.h"
#include "views/StatePalette.h"
#include "views/TimeWindow.h"
#include "views/TimelinePainter.h"

#include <QPainter>
#include <QTest>
#include <csignal>

using namespace conlab;

// Printed lines and sent signals as pins on the worker lanes: drawn at their instant in a
// colour no state has, labelled where there is room, named in tooltips and the legend.
class OutputMarkersTest : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint64_t kStart = 1'000'000'000;
    static constexpr std::uint64_t kMs = 1'000'000;
    static constexpr int kWidth = 1000;

    static Event event(std::uint64_t ms, std::uint32_t worker, EventKind kind,
                       std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                       std::int64_t arg = 0)
    {
        return {kStart + ms * kMs, worker, kind, reason, object, value, arg};
    }

    static void print(std::vector<Event> &events, std::uint64_t ms, std::uint32_t worker,
                      const char *text)
    {
        const auto line = OutputText::encode(worker, kStart + ms * kMs, text);
        events.insert(events.end(), line.begin(), line.end());
    }

    // main (pid 100, started by 50) and worker-1 (a process, pid 200), both running 0..100 ms;
    // worker-1 prints at 10 ms and twice close together at 60 and 68 ms, main sends SIGTERM
    // at 80 ms.
    static RunRecording recording(bool withOutput = true)
    {
        TraceMeta meta;
        meta.scenario = "join-order";
        meta.title = "The join-order puzzle";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"}, {1, "worker", "worker-1"}};
        std::vector<Event> events{
            event(0, 0, EventKind::WorkerNew),
            event(0, 0, EventKind::WorkerStarted, 0, 50, 100, 100),
            event(0, 0, EventKind::Running),
            event(0, 1, EventKind::WorkerNew, 0, 0, 0, 1),
            event(0, 1, EventKind::WorkerStarted, 0, 100, 200, 200),
            event(0, 1, EventKind::Running),
        };
        if (withOutput) {
            print(events, 10, 1, "worker-1 started");
            print(events, 60, 1, "a first line printed at sixty milliseconds, and long at that");
            print(events, 68, 1, "a second one");
            events.push_back(event(80, 0, EventKind::SignalSent, 0, 1, SIGTERM));
        }
        events.push_back(event(100, 1, EventKind::Terminated));
        events.push_back(event(100, 0, EventKind::Terminated));
        RunRecording result;
        loadRun(result, meta, events);
        return result;
    }

    static QImage paint(const RunRecording &run, TimelinePainter &timeline, QRect *plot)
    {
        timeline.setRange(0, 100 * kMs);
        *plot = QRect(0, 0, kWidth, timeline.lanesHeight());
        QImage image(kWidth, plot->height(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        timeline.paintLanes(painter, *plot, 0);
        return image;
    }

private slots:
    void pinIsDrawnAtTheLinesInstant()
    {
        const RunRecording run = recording();
        QPalette palette;
        palette.setColor(QPalette::WindowText, Qt::black);
        palette.setColor(QPalette::Base, Qt::white);
        TimelinePainter timeline(run, QFont(), palette);
        QRect plot;
        const QImage image = paint(run, timeline, &plot);
        const int x = int(timeline.xForTime(10.0 * kMs, plot));
        const int top = timeline.laneTop(1);
        const int foot = top + TimelinePainter::kLaneHeight - 2;
        const QColor running = StatePalette::color(StatePalette::Category::Running);
        // The tick runs down the whole lane in the text colour, which no state uses.
        QCOMPARE(image.pixelColor(x, foot), QColor(Qt::black));
        QCOMPARE(image.pixelColor(x, top + TimelinePainter::kLaneHeight / 2), QColor(Qt::black));
        // The pin's head at the top, wider than the tick.
        QCOMPARE(image.pixelColor(x - 2, top + 1), QColor(Qt::black));
        QCOMPARE(image.pixelColor(x + 2, top + 1), QColor(Qt::black));
        // Beside the tick, and below the label, the lane keeps its state's colour.
        QCOMPARE(image.pixelColor(x - 8, foot), running);
        QCOMPARE(image.pixelColor(x + 20, foot), running);
        // main's lane has no line at that instant.
        QCOMPARE(image.pixelColor(x, timeline.laneTop(0) + TimelinePainter::kLaneHeight / 2),
                 running);
    }

    void nothingPrintedNothingDrawn()
    {
        const RunRecording run = recording(false);
        TimelinePainter timeline(run, QFont(), QPalette());
        QRect plot;
        const QImage image = paint(run, timeline, &plot);
        const QColor running = StatePalette::color(StatePalette::Category::Running);
        const int x = int(timeline.xForTime(10.0 * kMs, plot));
        QCOMPARE(image.pixelColor(x, timeline.laneTop(1) + TimelinePainter::kLaneHeight / 2),
                 running);
        QVector<TimelineLegend::Item> items;
        OutputMarkerPainter(run, QFont(), QPalette()).addLegendItems(items);
        QVERIFY(items.isEmpty());
    }

    void labelsNeverCoverAPinOrEachOther()
    {
        const RunRecording run = recording();
        const OutputMarkerPainter markers(run, QFont(), QPalette());
        const TimeWindow window(0, 100 * kMs);
        const QRect lane(0, 0, kWidth, TimelinePainter::kLaneHeight);
        const auto placement = markers.place(1, lane, window);
        const auto &marks = placement.marks;
        QCOMPARE(marks.size(), 3);
        QCOMPARE(marks[0].text, QStringLiteral("worker-1 started"));
        const auto &pins = placement.pins;
        QCOMPARE(pins.size(), 3);
        for (int i = 0; i < pins.size(); ++i) {
            QVERIFY(!pins[i].label.isEmpty());
            for (int j = 0; j < pins.size(); ++j) {
                const QRect head(int(pins[j].x) - 4, 0, 9, lane.height());
                QVERIFY2(!pins[i].label.intersects(head),
                         qPrintable(QStringLiteral("label %1 covers pin %2").arg(i).arg(j)));
                QVERIFY2(i == j || !pins[i].label.intersects(pins[j].label),
                         qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        // After its pin by preference.
        QVERIFY(pins[0].label.left() > pins[0].x);
        QCOMPARE(pins[2].text, QStringLiteral("a second one"));
        QVERIFY(pins[2].label.left() > pins[2].x);
        // 8 ms is 80 pixels here, too little for the long line: it goes before its pin, whole.
        QVERIFY(pins[1].label.right() < pins[1].x);
        QCOMPARE(pins[1].text, marks[1].text);
    }

    void aLabelWithNoRoomOnEitherSideIsCutShort()
    {
        const RunRecording run = recording();
        const OutputMarkerPainter markers(run, QFont(), QPalette());
        // 400 pixels for 100 ms: 32 pixels after the long line, about 90 before it.
        const TimeWindow window(0, 100 * kMs);
        const QRect lane(0, 0, 400, TimelinePainter::kLaneHeight);
        const auto placement = markers.place(1, lane, window);
        const auto &pin = placement.pins[1];
        QVERIFY(!pin.label.isEmpty());
        QVERIFY(pin.text.endsWith(QChar(0x2026)));
        QVERIFY(pin.label.right() < pin.x);
        QVERIFY(pin.label.left() > placement.pins[0].label.right());
    }

    void pinsThatWouldTouchShareOne()
    {
        const RunRecording run = recording();
        const OutputMarkerPainter markers(run, QFont(), QPalette());
        const TimeWindow window(0, 100 * kMs);
        // 100 pixels for 100 ms: the lines at 60 and 68 ms are 8 pixels apart.
        const QRect lane(0, 0, 100, TimelinePainter::kLaneHeight);
        const auto pins = markers.place(1, lane, window).pins;
        QCOMPARE(pins.size(), 2);
        QCOMPARE(pins[1].count, 2);
        const QString tip = markers.toolTip(1, pins[1].x, lane, window);
        QVERIFY2(tip.contains(QLatin1String("a first line")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("a second one")), qPrintable(tip));
    }

    void sharedCellReadsAndWritesAreMarkedAndTheLostUpdateNamed()
    {
        // Two workers read counter = 100 at 5 and 6 ms; worker-1 writes 99 at 20 ms, worker-2
        // writes 99 at 30 ms over worker-1's: the lost update is on worker-2's lane.
        TraceMeta meta;
        meta.scenario = "shared-counter";
        meta.startNs = kStart;
        meta.workers = {{1, "worker", "worker-1"}, {2, "worker", "worker-2"}};
        meta.objects = {{9, "cell", 100, "counter"}};
        std::vector<Event> events;
        for (std::uint32_t w : {1u, 2u}) {
            events.push_back(event(0, w, EventKind::WorkerNew));
            events.push_back(event(0, w, EventKind::Running));
        }
        events.push_back(event(5, 1, EventKind::CellRead, 0, 9, 0, 100));
        events.push_back(event(6, 2, EventKind::CellRead, 0, 9, 0, 100));
        events.push_back(event(20, 1, EventKind::CellWritten, 0, 9, 0, 99));
        events.push_back(event(30, 2, EventKind::CellWritten, 0, 9, 0, 99));
        RunRecording run;
        loadRun(run, meta, events);
        const OutputMarkerPainter markers(run, QFont(), QPalette());
        const TimeWindow window(0, 100 * kMs);
        const int first = run.timeline().laneOf(1);
        const int second = run.timeline().laneOf(2);
        const auto one = markers.marks(first, window);
        QCOMPARE(one.size(), 2);
        QCOMPARE(one[0].kind, OutputMarkerPainter::Kind::Read);
        QCOMPARE(one[0].text, QStringLiteral("read counter = 100"));
        QCOMPARE(one[1].kind, OutputMarkerPainter::Kind::Write);
        QCOMPARE(one[1].text, QStringLiteral("wrote counter = 99"));
        const auto two = markers.marks(second, window);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[1].kind, OutputMarkerPainter::Kind::LostUpdate);
        QVERIFY2(two[1].text.startsWith(QLatin1String("lost update")), qPrintable(two[1].text));
        QVERIFY2(two[1].text.contains(QLatin1String("worker-1")), qPrintable(two[1].text));
        const QRect lane(0, 0, kWidth, TimelinePainter::kLaneHeight);
        const auto pins = markers.place(second, lane, window).pins;
        const QString tip = markers.toolTip(second, pins[1].x, lane, window);
        QVERIFY2(tip.contains(QLatin1String("that update is lost")), qPrintable(tip));
        QVector<TimelineLegend::Item> items;
        markers.addLegendItems(items);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].shape, TimelineLegend::Item::Shape::OpenDiamond);
    }

    void signalPinOnTheSendersLane()
    {
        const RunRecording run = recording();
        const OutputMarkerPainter markers(run, QFont(), QPalette());
        const TimeWindow window(0, 100 * kMs);
        const auto marks = markers.marks(0, window);
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks[0].kind, OutputMarkerPainter::Kind::Signal);
        QCOMPARE(marks[0].text, QStringLiteral("SIGTERM → worker-1"));
        QCOMPARE(OutputMarkerPainter::signalName(SIGKILL), QStringLiteral("SIGKILL"));
        QCOMPARE(OutputMarkerPainter::signalName(SIGINT), QStringLiteral("SIGINT"));
        QVector<TimelineLegend::Item> items;
        markers.addLegendItems(items);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].shape, TimelineLegend::Item::Shape::Pin);
        QCOMPARE(items[1].shape, TimelineLegend::Item::Shape::OpenPin);
    }

    void hoveringAPinShowsItsText()
    {
        const RunRecording run = recording();
        TimelinePainter timeline(run, QFont(), QPalette());
        timeline.setRange(0, 100 * kMs);
        const QRect plot(0, 0, kWidth, timeline.lanesHeight());
        const double x = timeline.xForTime(10.0 * kMs, plot);
        const QString tip = timeline.markerToolTip(1, x + 2, plot);
        QVERIFY2(tip.contains(QLatin1String("worker-1 started")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("ppid 100")), qPrintable(tip));
        QVERIFY(timeline.markerToolTip(1, x + 40, plot).isEmpty());
        const double signal = timeline.xForTime(80.0 * kMs, plot);
        QVERIFY(timeline.markerToolTip(0, signal, plot).contains(QLatin1String("SIGTERM")));
    }

    void exportedImageCarriesThePins()
    {
        // A pin's tick is the only thing on the page that runs down a whole lane in the
        // text colour; text glyphs are never that tall.
        const auto ticks = [](const QImage &image) {
            const QRgb ink = image.pixel(0, 0) == qRgb(255, 255, 255) ? qRgb(0x20, 0x20, 0x20) : 0;
            int columns = 0;
            for (int x = 0; x < image.width(); ++x) {
                int run = 0;
                int longest = 0;
                for (int y = 0; y < image.height(); ++y) {
                    run = image.pixel(x, y) == ink ? run + 1 : 0;
                    longest = std::max(longest, run);
                }
                columns += longest >= TimelinePainter::kLaneHeight - 2;
            }
            return columns;
        };
        TimelineImage::Options options;
        options.devicePixelRatio = 1;
        QCOMPARE(ticks(TimelineImage::render(recording(false), options)), 0);
        // Three lines on worker-1's lane and a signal on main's.
        QCOMPARE(ticks(TimelineImage::render(recording(), options)), 4);
    }
};

QTEST_MAIN(OutputMarkersTest)
#include "tst_outputmarkers.moc"
