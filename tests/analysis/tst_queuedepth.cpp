#include "analysis/QueueDepthSeries.h"

#include <QTest>
#include <algorithm>
#include <random>

using namespace conlab;

namespace {

constexpr std::uint32_t kQueue = 3;

Event change(std::uint64_t timeNs, std::uint32_t depth, bool put = true)
{
    Event e;
    e.timeNs = timeNs;
    e.worker = 1;
    e.kind = put ? EventKind::QueuePut : EventKind::QueueGet;
    e.object = kQueue;
    e.value = depth;
    return e;
}

QueueDepthSeries seriesOf(const std::vector<Event> &events)
{
    QueueDepthSeries series(kQueue);
    series.append(events.data(), events.size());
    return series;
}

} // namespace

// The queue's step line drawn a pixel column at a time shows what the full line would: every
// change where changes are sparse, and each column's range of depths where they are dense.
class TestQueueDepth : public QObject
{
    Q_OBJECT

private slots:
    void depthAtIsTheLastChangeBefore();
    void sparseChangesAreDrawnExactly();
    void aBusyColumnIsOneStrokeOverItsRange();
    void everyColumnCoversTheDepthsItHeld();
};

void TestQueueDepth::depthAtIsTheLastChangeBefore()
{
    const QueueDepthSeries series = seriesOf({change(100, 1), change(200, 2), change(300, 1)});
    QCOMPARE(series.depthAt(99), 0u);
    QCOMPARE(series.depthAt(100), 1u);
    QCOMPARE(series.depthAt(250), 2u);
    QCOMPARE(series.depthAt(1000), 1u);
}

void TestQueueDepth::sparseChangesAreDrawnExactly()
{
    // Three changes 100 ns apart, 1000 columns of 1 ns: each a step of its own.
    const QueueDepthSeries series = seriesOf({change(100, 1), change(200, 2), change(300, 1)});
    const auto line = series.stepLine(0, 1000, 1000);
    const std::vector<std::pair<std::uint64_t, std::uint32_t>> expected{
        {0, 0}, {100, 0}, {100, 1}, {200, 1}, {200, 2}, {300, 2}, {300, 1}, {1000, 1}};
    std::vector<std::pair<std::uint64_t, std::uint32_t>> got;
    for (const auto &point : line)
        got.emplace_back(point.timeNs, point.depth);
    QCOMPARE(got, expected);
}

void TestQueueDepth::aBusyColumnIsOneStrokeOverItsRange()
{
    // 10 000 changes between 5 and 9 inside the first of 10 columns, then quiet.
    std::vector<Event> events;
    for (std::uint32_t i = 0; i < 10'000; ++i)
        events.push_back(change(1000 + i, 5 + i % 5));
    const QueueDepthSeries series = seriesOf(events);
    const auto line = series.stepLine(0, 1'000'000, 10);
    QVERIFY2(line.size() <= 6, qPrintable(QString::number(line.size())));
    std::uint32_t lowest = ~0u;
    std::uint32_t highest = 0;
    for (const auto &point : line) {
        if (point.timeNs == 1000) {
            lowest = std::min(lowest, point.depth);
            highest = std::max(highest, point.depth);
        }
    }
    QCOMPARE(lowest, 0u); // the depth the column was entered with
    QCOMPARE(highest, 9u);
    QCOMPARE(line.back().timeNs, std::uint64_t(1'000'000));
    QCOMPARE(line.back().depth, series.depthAt(1'000'000));
}

void TestQueueDepth::everyColumnCoversTheDepthsItHeld()
{
    // Against brute force: within each column, every depth the queue held lies within the
    // vertical stroke drawn in it (or the level carried through it), and no more.
    std::mt19937_64 random(7);
    std::vector<Event> events;
    std::uint64_t now = 50;
    std::uint32_t depth = 0;
    for (int i = 0; i < 5000; ++i) {
        now += 1 + random() % 400;
        depth = random() % 3 == 0 && depth > 0 ? depth - 1 : std::min(depth + 1, 20u);
        events.push_back(change(now, depth));
    }
    const QueueDepthSeries series = seriesOf(events);
    const std::uint64_t from = 10'000;
    const std::uint64_t to = now - 10'000;
    const int columns = 300;
    const auto line = series.stepLine(from, to, columns);
    QVERIFY(line.size() <= std::size_t(columns) * 4 + 2);
    const double slice = double(to - from) / columns;
    for (int column = 0; column < columns; ++column) {
        const auto begin = from + std::uint64_t(column * slice);
        const auto end = from + std::uint64_t((column + 1) * slice);
        // What the queue held in the column: its depth entering it and every change inside.
        std::uint32_t heldLow = series.depthAt(begin);
        std::uint32_t heldHigh = heldLow;
        for (const auto &point : series.points())
            if (point.timeNs > begin && point.timeNs < end) {
                heldLow = std::min(heldLow, point.depth);
                heldHigh = std::max(heldHigh, point.depth);
            }
        // What the line shows there: the level it enters with and its vertices inside.
        std::uint32_t shownLow = ~0u;
        std::uint32_t shownHigh = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const bool inside = line[i].timeNs > begin && line[i].timeNs < end;
            const bool entering =
                line[i].timeNs <= begin && (i + 1 == line.size() || line[i + 1].timeNs > begin);
            if (inside || entering) {
                shownLow = std::min(shownLow, line[i].depth);
                shownHigh = std::max(shownHigh, line[i].depth);
            }
        }
        QVERIFY2(shownLow == heldLow && shownHigh == heldHigh,
                 qPrintable(QStringLiteral("column %1: held %2..%3, shown %4..%5")
                                .arg(column)
                                .arg(heldLow)
                                .arg(heldHigh)
                                .arg(shownLow)
                                .arg(shownHigh)));
    }
}

QTEST_GUILESS_MAIN(TestQueueDepth)
#include "tst_queuedepth.moc"
