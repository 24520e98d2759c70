#include "StreamWriter.h"
#include "trace/StreamDecoder.h"

#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace conlab;

namespace {

struct Collected : StreamDecoder::Sink
{
    std::vector<Event> events;
    std::uint64_t dropped = 0;
    std::string summary;
    void onMeta(const TraceMeta &) override {}
    void onEvents(const Event *batch, std::size_t count) override
    {
        events.insert(events.end(), batch, batch + count);
    }
    void onDropped(std::uint64_t total) override { dropped = total; }
    void onSummary(const std::string &json) override { summary = json; }
};

std::vector<Event> numbered(std::uint64_t first, std::size_t count)
{
    std::vector<Event> batch(count);
    for (std::size_t i = 0; i < count; ++i) {
        batch[i].timeNs = first + i;
        batch[i].kind = EventKind::Running;
        batch[i].arg = std::int64_t(first + i);
    }
    return batch;
}

} // namespace

class TestStreamWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }
    void handsOverWithoutWaitingForTheReader();
    void aReaderThatLeftIsNoticed();
};

// The collector must go back to draining the workers' rings while the reader is busy: with
// nobody reading the pipe, 16 MB of frames (250 pipes' worth) are still taken at once. A
// writer that wrote in the caller's thread would wait here for ever.
void TestStreamWriter::handsOverWithoutWaitingForTheReader()
{
    int ends[2];
    QCOMPARE(pipe2(ends, O_CLOEXEC), 0);
    constexpr std::size_t kBatches = 64;
    constexpr std::size_t kBatchEvents = 8192;
    Collected collected;
    std::thread reader;
    {
        StreamWriter writer(ends[1]);
        for (std::size_t b = 0; b < kBatches; ++b) {
            const auto batch = numbered(b * kBatchEvents, kBatchEvents);
            writer.events(batch.data(), batch.size());
        }
        writer.dropped(7);
        QVERIFY(!writer.readerGone());
        // Only now does anybody read; the summary returns once all of it is through.
        reader = std::thread([&] {
            StreamDecoder decoder(collected);
            char buffer[65536];
            ssize_t n = 0;
            while ((n = read(ends[0], buffer, sizeof buffer)) > 0)
                decoder.feed(buffer, std::size_t(n));
        });
        writer.summary(R"({"outcome":"completed"})");
    }
    ::close(ends[1]);
    reader.join();
    ::close(ends[0]);
    QCOMPARE(collected.events.size(), kBatches * kBatchEvents);
    for (std::size_t i = 0; i < collected.events.size(); ++i)
        QCOMPARE(collected.events[i].arg, std::int64_t(i));
    QCOMPARE(collected.dropped, std::uint64_t(7));
    QCOMPARE(collected.summary, std::string(R"({"outcome":"completed"})"));
}

void TestStreamWriter::aReaderThatLeftIsNoticed()
{
    int ends[2];
    QCOMPARE(pipe2(ends, O_CLOEXEC), 0);
    ::close(ends[0]);
    StreamWriter writer(ends[1]);
    const auto batch = numbered(0, 100);
    writer.events(batch.data(), batch.size());
    writer.summary("{}"); // returns: a broken pipe ends the waiting too
    QVERIFY(writer.readerGone());
    writer.events(batch.data(), batch.size()); // ignored, not queued for ever
    ::close(ends[1]);
}

QTEST_GUILESS_MAIN(TestStreamWriter)
#include "tst_streamwriter.moc"
