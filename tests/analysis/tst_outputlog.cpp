#include "analysis/OutputLog.h"
#include "analysis/RunRecording.h"
#include "trace/OutputText.h"

#include <QTest>
#include <string>

using namespace conlab;

// Printed lines reassembled from their 16-byte events: whole lines only, in time order,
// whatever way the events were split into batches.
class TestOutputLog : public QObject
{
    Q_OBJECT

private:
    static std::vector<Event> join(std::initializer_list<std::vector<Event>> parts)
    {
        std::vector<Event> all;
        for (const auto &part : parts)
            all.insert(all.end(), part.begin(), part.end());
        return all;
    }

private slots:
    void lineSplitOverSeveralEvents()
    {
        const std::string text = "worker-1 started, pid 4211, and now it works for a while";
        const auto events = OutputText::encode(1, 500, text);
        QCOMPARE(events.size(), (text.size() + 15) / 16);
        OutputLog log;
        log.append(events);
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].text, text);
        QCOMPARE(log.lines()[0].worker, 1u);
        QCOMPARE(log.lines()[0].timeNs, std::uint64_t(500));
        QCOMPARE(log.firstNewLine(), std::size_t(0));
    }

    void continuationInALaterBatchWaitsUntilWhole()
    {
        const std::string text = "p3 is a daemon and will be cut off";
        const auto events = OutputText::encode(3, 1000, text);
        QVERIFY(events.size() >= 3);
        OutputLog log;
        log.append(events.data(), 2);
        QVERIFY(log.lines().empty());
        log.append(events.data() + 2, events.size() - 2);
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].text, text);
        QCOMPARE(log.firstNewLine(), std::size_t(0));
        // A later batch with nothing printed adds nothing new.
        log.append(std::vector<Event>{{2000, 3, EventKind::Running}});
        QCOMPARE(log.firstNewLine(), log.lines().size());
    }

    void twoWorkersInterleaved()
    {
        const auto first = OutputText::encode(1, 100, "worker one says a fairly long line");
        const auto second = OutputText::encode(2, 90, "worker two, also more than 16 bytes");
        std::vector<Event> mixed;
        for (std::size_t i = 0; i < std::max(first.size(), second.size()); ++i) {
            if (i < first.size())
                mixed.push_back(first[i]);
            if (i < second.size())
                mixed.push_back(second[i]);
        }
        OutputLog log;
        log.append(mixed);
        QCOMPARE(log.lines().size(), std::size_t(2));
        // By time, not by which completed first.
        QCOMPARE(log.lines()[0].worker, 2u);
        QCOMPARE(log.lines()[0].text, std::string("worker two, also more than 16 bytes"));
        QCOMPARE(log.lines()[1].worker, 1u);
        QCOMPARE(log.lines()[1].text, std::string("worker one says a fairly long line"));
    }

    void aLateLineIsInsertedBeforeNewerOnes()
    {
        const auto early = OutputText::encode(1, 100, "printed first, arrives whole last");
        const auto late = OutputText::encode(2, 200, "printed second");
        OutputLog log;
        log.append(join({{early.front()}, late}));
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].worker, 2u);
        log.append(std::vector<Event>(early.begin() + 1, early.end()));
        QCOMPARE(log.lines().size(), std::size_t(2));
        QCOMPARE(log.lines()[0].worker, 1u);
        QCOMPARE(log.firstNewLine(), std::size_t(0));
    }

    void zeroLengthLine()
    {
        const auto events = OutputText::encode(4, 10, "");
        QCOMPARE(events.size(), std::size_t(1));
        OutputLog log;
        log.append(events);
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].text, std::string());
        QCOMPARE(log.lines()[0].worker, 4u);
    }

    void linesAreCutAt240Bytes()
    {
        std::string text;
        for (int i = 0; text.size() < 300; ++i)
            text += std::to_string(i % 10);
        const auto events = OutputText::encode(1, 10, text);
        QCOMPARE(OutputText::kMaxBytes, std::size_t(240));
        QCOMPARE(events.size(), std::size_t(240 / 16));
        OutputLog log;
        log.append(events);
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].text, text.substr(0, 240));
    }

    void aLineWhoseRestWasLostGivesWayToTheNext()
    {
        const auto lost = OutputText::encode(1, 10, "this line lost its second event");
        const auto next = OutputText::encode(1, 20, "next");
        OutputLog log;
        log.append(join({{lost.front()}, next}));
        QCOMPARE(log.lines().size(), std::size_t(1));
        QCOMPARE(log.lines()[0].text, std::string("next"));
    }

    void recordingCollectsLinesAndSignals()
    {
        TraceMeta meta;
        meta.workers = {{0, "main", "main"}, {1, "worker", "worker-1"}};
        RunRecording recording;
        recording.reset(meta);
        const auto line = OutputText::encode(1, 50, "hello");
        recording.append(line.data(), line.size());
        const Event signal{60, 0, EventKind::SignalSent, 0, 1, 15, 0};
        recording.append(&signal, 1);
        QCOMPARE(recording.output().lines().size(), std::size_t(1));
        QCOMPARE(recording.sentSignals().size(), std::size_t(1));
        QCOMPARE(recording.sentSignals()[0].target, 1u);
        QCOMPARE(recording.sentSignals()[0].signal, 15);
        recording.reset(meta);
        QVERIFY(recording.output().lines().empty());
        QVERIFY(recording.sentSignals().empty());
    }
};

QTEST_GUILESS_MAIN(TestOutputLog)
#include "tst_outputlog.moc"
