#include "LoadedRun.h"
#include "analysis/RunRecording.h"
#include "views/IoRoundFigure.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace conlab;

// The io-models figure on a hand-made round: a blocking receiver asleep in its read until the
// write, a non-blocking one polling; each phase's words follow what the lanes recorded.
class IoRoundFigureTest : public QObject
{
    Q_OBJECT

private:
    static constexpr std::uint64_t kStart = 1'000'000'000;
    static constexpr std::uint64_t kUs = 1'000;

    static Event at(std::uint64_t us, std::uint32_t worker, EventKind kind,
                    std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
                    std::int64_t arg = 0)
    {
        return {kStart + us * kUs, worker, kind, reason, object, value, arg};
    }

    static RunRecording recording()
    {
        TraceMeta meta;
        meta.scenario = "io-models";
        meta.startNs = kStart;
        meta.workers = {{0, "main", "main"},
                        {1, "sender", "sender"},
                        {2, "blocking", "blocking"},
                        {3, "non-blocking", "non-blocking"}};
        const auto io = std::uint16_t(BlockReason::Io);
        std::vector<Event> events;
        for (std::uint32_t w : {1u, 2u, 3u})
            events.push_back(at(0, w, EventKind::Running));
        // blocking: waits from 10 ms in its read, which copies 50 us once the data is there.
        events.push_back(at(10'000, 2, EventKind::IoWaitBegin, 0, 10, 0));
        events.push_back(at(10'000, 2, EventKind::Blocked, io, 10));
        // non-blocking: tries three times, then finds the data 5 ms after the write.
        events.push_back(at(10'000, 3, EventKind::IoWaitBegin, 0, 11, 0));
        for (std::uint64_t t : {10'000, 40'000, 70'000})
            events.push_back(at(t, 3, EventKind::IoAttempt, 0, 11, 0));
        events.push_back(at(100'000, 1, EventKind::IoSent, 0, 10, 0, 4096));
        events.push_back(at(100'000, 1, EventKind::IoSent, 0, 11, 0, 4096));
        events.push_back(at(100'010, 2, EventKind::IoCopyBegin, 0, 10, 0));
        events.push_back(at(100'060, 2, EventKind::IoCopyEnd, 0, 10, 0, 4096));
        events.push_back(at(100'060, 2, EventKind::Running));
        events.push_back(at(100'100, 2, EventKind::IoRoundDone, 0, 10, 1));
        events.push_back(at(105'000, 3, EventKind::IoCopyBegin, 0, 11, 0));
        events.push_back(at(105'020, 3, EventKind::IoCopyEnd, 0, 11, 0, 4096));
        events.push_back(at(105'100, 3, EventKind::IoRoundDone, 0, 11, 4));
        for (std::uint32_t w : {1u, 2u, 3u})
            events.push_back(at(110'000, w, EventKind::Terminated));
        RunRecording result;
        loadRun(result, meta, events);
        return result;
    }

private slots:
    void eachReceiverSaysWhetherItWasBlocked()
    {
        const RunRecording run = recording();
        const IoRoundFigure figure(run, QFont(), QPalette());
        QCOMPARE(figure.rows().size(), 2);
        const IoRoundFigure::Row &blocking = figure.rows()[0];
        QCOMPARE(blocking.name, QStringLiteral("blocking"));
        QVERIFY(blocking.waitBlockedShare > 0.99);
        QVERIFY2(figure.waitText(blocking).endsWith(QLatin1String("blocked")),
                 qPrintable(figure.waitText(blocking)));
        QVERIFY2(figure.copyText(blocking).contains(QLatin1String("blocked in the read")),
                 qPrintable(figure.copyText(blocking)));
        const IoRoundFigure::Row &polling = figure.rows()[1];
        QCOMPARE(polling.waitBlockedShare, 0.0);
        QVERIFY2(figure.waitText(polling).contains(QLatin1String("3 failed tries")),
                 qPrintable(figure.waitText(polling)));
        QVERIFY2(figure.copyText(polling).startsWith(QLatin1String("20")),
                 qPrintable(figure.copyText(polling)));
    }

    void paintsItsRowsInTheHeightItAsks()
    {
        const RunRecording run = recording();
        const IoRoundFigure figure(run, QFont(), QPalette());
        QVERIFY(figure.height(900) >= 2 * IoRoundFigure::kRowHeight);
        // Narrower than side by side allows, the copy phase goes under the wait: taller.
        QVERIFY(figure.height(400) >= figure.height(900) + 2 * IoRoundFigure::kRowHeight);
        QImage narrow(400, figure.height(400), QImage::Format_ARGB32);
        narrow.fill(Qt::white);
        QPainter narrowPainter(&narrow);
        figure.paint(narrowPainter, narrow.rect());
        narrowPainter.end();
        QImage image(900, figure.height(900), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        figure.paint(painter, image.rect());
        painter.end();
        // The blocking receiver's wait bar is drawn in the waiting colour somewhere.
        bool coloured = false;
        for (int x = 0; x < image.width() && !coloured; ++x)
            for (int y = 0; y < image.height() && !coloured; ++y)
                coloured = image.pixelColor(x, y) != QColor(Qt::white) &&
                           image.pixelColor(x, y) != QColor(Qt::black);
        QVERIFY(coloured);
    }

    void noRoundsNoFigure()
    {
        RunRecording run;
        Trace trace;
        trace.meta.scenario = "event";
        run.load(trace);
        QVERIFY(IoRoundFigure(run, QFont(), QPalette()).isEmpty());
    }
};

QTEST_MAIN(IoRoundFigureTest)
#include "tst_ioroundfigure.moc"
