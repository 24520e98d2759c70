#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace conlab;

namespace {

Trace sampleTrace()
{
    Trace trace;
    trace.meta.scenario = "producer-consumer";
    trace.meta.title = "Producer / consumer, two of each";
    trace.meta.params = {{"producers", "2"}, {"shutdown", "sentinel after join"}};
    trace.meta.workers = {
        {0, "main", "main"}, {1, "producer", "producer-1"}, {2, "consumer", "consumer 1 (slow)"}};
    trace.meta.workers[2].parent = 1; // nested, as a coroutine in its thread
    trace.meta.objects = {{1, "queue", 4, "queue"}, {2, "lock", 0, "the lock"}};
    trace.meta.cpus = 2;
    trace.meta.startNs = 123456789012345ull;
    trace.meta.timeScale = 0.25;
    trace.meta.clock = "tsc";
    for (std::uint32_t i = 0; i < 50; ++i) {
        Event e;
        e.timeNs = trace.meta.startNs + i * 1000;
        e.worker = i % 3;
        e.kind = EventKind(1 + i % 26);
        e.reason = std::uint16_t(i % 10);
        e.object = i * 7;
        e.value = i * 11;
        e.arg = std::int64_t(i) * -1000003 + (i % 2 ? kSentinelItem : 0);
        trace.events.push_back(e);
    }
    trace.droppedEvents = 17;
    // One event lost from the control ring, which no worker is named for.
    trace.droppedByWorker = {{0, 5}, {2, 11}};
    trace.summaryJson = R"({"outcome":"completed","events":50})";
    return trace;
}

std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeBytes(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

bool sameEvent(const Event &a, const Event &b)
{
    return std::memcmp(&a, &b, sizeof(Event)) == 0;
}

} // namespace

// The on-disk trace format: what is written is read back unchanged, and a damaged file is
// refused with an error that names it.
class TestTraceFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip();
    void roundTripOfAnEmptyRun();
    void everyTruncationFailsAndNamesTheFile();
    void garbageFailsAndNamesTheFile_data();
    void garbageFailsAndNamesTheFile();
    void missingFileFailsAndNamesIt();
    void hostileHeaderIsRefused_data();
    void hostileHeaderIsRefused();
    void eventCountBeyondTheFileIsRefusedWithoutAllocating();
    void trailingGarbageIsRefused();
    void folderIsRefusedAsAFolder();
    void eventsOfUndeclaredWorkersStillRead();
    void unwritablePathFailsAndNamesIt();
    void headerSaysWhichClockStampedTheRun();
    void firstFormatStillReads();
    void corruptDropTableIsRefused();
    void eventsAreCompressed();
    void damagedCompressedEventsAreRefused();

private:
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
};

void TestTraceFile::init()
{
    QVERIFY(m_dir.isValid());
}

void TestTraceFile::roundTrip()
{
    const Trace written = sampleTrace();
    const std::string file = path("round.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, written, &error), error.c_str());

    Trace read;
    QVERIFY2(TraceFile::read(file, read, &error), error.c_str());
    QCOMPARE(read.meta.scenario, written.meta.scenario);
    QCOMPARE(read.meta.title, written.meta.title);
    QCOMPARE(read.meta.params, written.meta.params);
    QCOMPARE(read.meta.workers.size(), written.meta.workers.size());
    for (std::size_t i = 0; i < written.meta.workers.size(); ++i) {
        QCOMPARE(read.meta.workers[i].id, written.meta.workers[i].id);
        QCOMPARE(read.meta.workers[i].role, written.meta.workers[i].role);
        QCOMPARE(read.meta.workers[i].name, written.meta.workers[i].name);
        QCOMPARE(read.meta.workers[i].parent, written.meta.workers[i].parent);
    }
    QCOMPARE(read.meta.objects.size(), written.meta.objects.size());
    for (std::size_t i = 0; i < written.meta.objects.size(); ++i) {
        QCOMPARE(read.meta.objects[i].id, written.meta.objects[i].id);
        QCOMPARE(read.meta.objects[i].kind, written.meta.objects[i].kind);
        QCOMPARE(read.meta.objects[i].capacity, written.meta.objects[i].capacity);
        QCOMPARE(read.meta.objects[i].name, written.meta.objects[i].name);
    }
    QCOMPARE(read.meta.cpus, written.meta.cpus);
    QCOMPARE(read.meta.startNs, written.meta.startNs);
    QCOMPARE(read.meta.timeScale, written.meta.timeScale);
    QCOMPARE(read.meta.clock, written.meta.clock);
    QCOMPARE(read.events.size(), written.events.size());
    for (std::size_t i = 0; i < written.events.size(); ++i)
        QVERIFY2(sameEvent(read.events[i], written.events[i]), qPrintable(QString::number(i)));
    QCOMPARE(read.droppedEvents, written.droppedEvents);
    QVERIFY(read.droppedByWorker == written.droppedByWorker);
    QCOMPARE(read.summaryJson, written.summaryJson);

    // Reading into a Trace that held another run replaces it entirely.
    Trace reused = sampleTrace();
    reused.events.resize(500);
    QVERIFY2(TraceFile::read(file, reused, &error), error.c_str());
    QCOMPARE(reused.events.size(), written.events.size());
}

void TestTraceFile::roundTripOfAnEmptyRun()
{
    Trace written;
    written.meta.scenario = "empty";
    const std::string file = path("empty.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, written, &error), error.c_str());
    Trace read = sampleTrace();
    QVERIFY2(TraceFile::read(file, read, &error), error.c_str());
    QCOMPARE(read.meta.scenario, std::string("empty"));
    QVERIFY(read.events.empty());
    QVERIFY(read.summaryJson.empty());
    QCOMPARE(read.droppedEvents, std::uint64_t(0));
    QVERIFY(read.droppedByWorker.empty());
}

void TestTraceFile::everyTruncationFailsAndNamesTheFile()
{
    // A few events are enough to cut inside the event block; every cut costs a file write.
    Trace trace = sampleTrace();
    trace.events.resize(3);
    const std::string whole = path("whole.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(whole, trace, &error), error.c_str());
    const std::string bytes = readBytes(whole);
    QVERIFY(bytes.size() > 3 * sizeof(Event));

    // Every field is needed up to the last byte, so every proper prefix must be refused.
    const std::string cut = path("cut.conlab");
    for (std::size_t length = 0; length < bytes.size(); ++length) {
        writeBytes(cut, bytes.substr(0, length));
        Trace read;
        error.clear();
        const bool ok = TraceFile::read(cut, read, &error);
        QVERIFY2(!ok, qPrintable(QStringLiteral("a %1-byte prefix was accepted").arg(length)));
        QVERIFY2(error.find(cut) != std::string::npos, error.c_str());
    }
}

void TestTraceFile::garbageFailsAndNamesTheFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    QByteArray random(4096, '\0');
    std::uint32_t x = 2463534242u;
    for (char &c : random) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x);
    }
    QTest::newRow("random bytes") << random << "bad magic";
    QTest::newRow("text file") << QByteArray("scenario producer-consumer\n") << "bad magic";

    auto withMagic = [](QByteArray rest) {
        return QByteArray("CONLABT1", 8) + rest;
    };
    auto u64 = [](std::uint64_t v) {
        return QByteArray(reinterpret_cast<const char *>(&v), sizeof v);
    };
    QTest::newRow("absurd header length")
        << withMagic(u64(~0ull) + QByteArray(64, 'x')) << "header length";
    const QByteArray noScenario = "title nothing\n";
    QTest::newRow("header without a scenario")
        << withMagic(u64(std::uint64_t(noScenario.size())) + noScenario + u64(0) + u64(0) + u64(0))
        << "bad header";
    const QByteArray badCpus = "scenario x\ncpus many\n";
    QTest::newRow("malformed header line")
        << withMagic(u64(std::uint64_t(badCpus.size())) + badCpus + u64(0) + u64(0) + u64(0))
        << "bad header";
    const QByteArray meta = "scenario x\n";
    QTest::newRow("absurd event count")
        << withMagic(u64(std::uint64_t(meta.size())) + meta + u64(1ull << 40) + u64(0))
        << "event count";
    QTest::newRow("absurd summary length")
        << withMagic(u64(std::uint64_t(meta.size())) + meta + u64(0) + u64(0) + u64(~0ull))
        << "summary length";
}

void TestTraceFile::garbageFailsAndNamesTheFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const std::string file = path("garbage.conlab");
    writeBytes(file, bytes.toStdString());
    Trace trace;
    std::string error;
    QVERIFY(!TraceFile::read(file, trace, &error));
    QVERIFY2(error.find(file) != std::string::npos, error.c_str());
    QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
}

void TestTraceFile::missingFileFailsAndNamesIt()
{
    const std::string file = path("no-such.conlab");
    Trace trace;
    std::string error;
    QVERIFY(!TraceFile::read(file, trace, &error));
    QVERIFY2(error.find(file) != std::string::npos, error.c_str());
    QVERIFY2(error.find("cannot open") != std::string::npos, error.c_str());
}

void TestTraceFile::unwritablePathFailsAndNamesIt()
{
    const std::string file = path("no-such-folder/out.conlab");
    std::string error;
    QVERIFY(!TraceFile::write(file, sampleTrace(), &error));
    QVERIFY2(error.find(file) != std::string::npos, error.c_str());
    QVERIFY(!std::filesystem::exists(file));
}

namespace {

QByteArray u64(std::uint64_t v)
{
    return QByteArray(reinterpret_cast<const char *>(&v), sizeof v);
}

// A whole trace file around `header`, with `events` zeroed events and an empty summary.
QByteArray traceWithHeader(const QByteArray &header, std::uint64_t events = 0)
{
    return QByteArray("CONLABT1", 8) + u64(std::uint64_t(header.size())) + header + u64(events) +
           u64(0) + QByteArray(int(events * sizeof(Event)), '\0') + u64(0);
}

} // namespace

// Issue 13, item 1: every header field that could size something is bounded.
void TestTraceFile::hostileHeaderIsRefused_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");
    QTest::newRow("parent not declared")
        << QByteArray("scenario x\nworker 0 main main\nparent 0 7\n") << "parent 7 of worker 0";
    QTest::newRow("own parent") << QByteArray("scenario x\nworker 0 main main\nparent 0 0\n")
                                << "parent 0 of worker 0";
    QTest::newRow("worker id 2^32-1")
        << QByteArray("scenario x\nworker 4294967295 main main\n") << "worker id 4294967295";
    QTest::newRow("worker id 2^31")
        << QByteArray("scenario x\nworker 2147483648 main main\n") << "worker id 2147483648";
    QTest::newRow("worker id at the limit")
        << QByteArray("scenario x\nworker ") + QByteArray::number(TraceMeta::kMaxWorkers) +
               " main main\n"
        << "out of range";
    QTest::newRow("worker declared twice")
        << QByteArray("scenario x\nworker 1 main a\nworker 1 main b\n") << "declared twice";
    QTest::newRow("1000 cpus") << QByteArray("scenario x\ncpus 1000\n") << "1000 virtual CPUs";
    QTest::newRow("negative cpus") << QByteArray("scenario x\ncpus -1\n") << "malformed 'cpus'";
    QTest::newRow("object id 2^32-1")
        << QByteArray("scenario x\nobject 4294967295 lock 0 l\n") << "object id 4294967295";
    QTest::newRow("nan time scale") << QByteArray("scenario x\ntime_scale nan\n") << "time scale";
    QByteArray manyObjects = "scenario x\n";
    for (std::uint32_t i = 0; i <= TraceMeta::kMaxObjects; ++i)
        manyObjects += "object " + QByteArray::number(i % 1000) + " lock 0 l\n";
    QTest::newRow("too many objects") << manyObjects << "objects";
}

void TestTraceFile::hostileHeaderIsRefused()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    const std::string file = path("hostile.conlab");
    writeBytes(file, traceWithHeader(header, 2).toStdString());
    Trace trace;
    std::string error;
    QVERIFY(!TraceFile::read(file, trace, &error));
    QVERIFY2(error.find(file) != std::string::npos, error.c_str());
    QVERIFY2(error.find("bad header") != std::string::npos, error.c_str());
    QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
}

void TestTraceFile::eventCountBeyondTheFileIsRefusedWithoutAllocating()
{
    // A 1 KB file claiming 2^28 events (8 GiB): refused at once, before any allocation.
    const QByteArray meta = "scenario x\n";
    for (const std::uint64_t count : {std::uint64_t(1) << 28, (std::uint64_t(1) << 28) - 1,
                                      std::uint64_t(1) << 20, std::uint64_t(31)}) {
        QByteArray bytes = QByteArray("CONLABT1", 8) + u64(std::uint64_t(meta.size())) + meta +
                           u64(count) + u64(0) + QByteArray(32, '\0') + u64(0);
        bytes += QByteArray(1024 - bytes.size(), '\0');
        const std::string file = path("count.conlab");
        writeBytes(file, bytes.toStdString());
        Trace trace;
        std::string error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!TraceFile::read(file, trace, &error));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(error.find(file) != std::string::npos, error.c_str());
        QVERIFY2(error.find("event count") != std::string::npos, error.c_str());
        QVERIFY(trace.events.capacity() < 64);
    }
}

void TestTraceFile::trailingGarbageIsRefused()
{
    const std::string file = path("trailing.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, sampleTrace(), &error), error.c_str());
    writeBytes(file, readBytes(file) + "garbage");
    Trace trace;
    QVERIFY(!TraceFile::read(file, trace, &error));
    QVERIFY2(error.find(file) != std::string::npos, error.c_str());
    QVERIFY2(error.find("7 unexpected bytes") != std::string::npos, error.c_str());
}

void TestTraceFile::folderIsRefusedAsAFolder()
{
    const std::string folder = path("a-folder.conlab");
    QVERIFY(std::filesystem::create_directory(folder));
    Trace trace;
    std::string error;
    QVERIFY(!TraceFile::read(folder, trace, &error));
    QVERIFY2(error.find(folder) != std::string::npos, error.c_str());
    QVERIFY2(error.find("folder") != std::string::npos, error.c_str());
}

void TestTraceFile::eventsOfUndeclaredWorkersStillRead()
{
    // Events are data, not sizes: a reader skips those of workers the header doesn't name.
    Trace written = sampleTrace();
    written.events[0].worker = 4294967295u;
    written.events[1].worker = 1u << 31;
    const std::string file = path("undeclared.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, written, &error), error.c_str());
    Trace read;
    QVERIFY2(TraceFile::read(file, read, &error), error.c_str());
    QCOMPARE(read.events.size(), written.events.size());
}

void TestTraceFile::headerSaysWhichClockStampedTheRun()
{
    TraceMeta meta;
    meta.scenario = "x";
    meta.clock = "monotonic";
    QVERIFY(meta.serialize().find("\nclock monotonic\n") != std::string::npos);
    TraceMeta read;
    std::string error;
    QVERIFY2(TraceMeta::parse(meta.serialize(), read, &error), error.c_str());
    QCOMPARE(read.clock, std::string("monotonic"));
    // A trace from before the line says nothing, and no line is written for it.
    meta.clock.clear();
    QVERIFY(meta.serialize().find("clock") == std::string::npos);
    QVERIFY2(TraceMeta::parse("scenario x\nworker 0 main main\n", read, &error), error.c_str());
    QVERIFY(read.clock.empty());
    // Readers skip lines they do not know, as builds from before `clock` skip it.
    QVERIFY2(TraceMeta::parse("scenario x\nclock tsc\nsome_future_line 1 2\n", read, &error),
             error.c_str());
    QCOMPARE(read.clock, std::string("tsc"));
}

// Traces saved before compression ("CONLABT1", the 32-byte records as they are) still open.
void TestTraceFile::firstFormatStillReads()
{
    const Trace written = sampleTrace();
    const std::string meta = written.meta.serialize();
    QByteArray bytes = QByteArray("CONLABT1", 8) + u64(meta.size()) +
                       QByteArray::fromStdString(meta) + u64(written.events.size()) +
                       u64(written.droppedEvents);
    bytes += QByteArray(reinterpret_cast<const char *>(written.events.data()),
                        qsizetype(written.events.size() * sizeof(Event)));
    bytes += u64(written.summaryJson.size()) + QByteArray::fromStdString(written.summaryJson);
    const std::string file = path("first-format.conlab");
    writeBytes(file, bytes.toStdString());
    Trace read;
    std::string error;
    QVERIFY2(TraceFile::read(file, read, &error), error.c_str());
    QCOMPARE(read.events.size(), written.events.size());
    for (std::size_t i = 0; i < written.events.size(); ++i)
        QVERIFY2(sameEvent(read.events[i], written.events[i]), qPrintable(QString::number(i)));
    QCOMPARE(read.droppedEvents, written.droppedEvents);
    // The first format kept only the total.
    QVERIFY(read.droppedByWorker.empty());
    QCOMPARE(read.summaryJson, written.summaryJson);
}

// The table of workers that lost events must add up within the total, in ascending ids of
// real workers; anything else is damage, refused with the file's name.
void TestTraceFile::corruptDropTableIsRefused()
{
    const Trace trace = sampleTrace();
    const std::string file = path("table.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, trace, &error), error.c_str());
    const std::string bytes = readBytes(file);
    const std::size_t tableAt = 16 + trace.meta.serialize().size() + 16;
    std::uint32_t losers = 0;
    std::memcpy(&losers, bytes.data() + tableAt, 4);
    QCOMPARE(losers, std::uint32_t(2));
    const std::size_t firstId = tableAt + 4, firstLost = firstId + 4, secondId = firstId + 12;
    auto refused = [&](std::size_t at, const void *value, std::size_t size) {
        std::string broken = bytes;
        std::memcpy(broken.data() + at, value, size);
        const std::string damaged = path("damaged-table.conlab");
        writeBytes(damaged, broken);
        Trace read;
        std::string why;
        return !TraceFile::read(damaged, read, &why) && why.find(damaged) != std::string::npos &&
               why.find("lost events") != std::string::npos;
    };
    const std::uint32_t many = TraceMeta::kMaxWorkers + 1, same = 0, huge = 1u << 30;
    const std::uint64_t tooMany = 13, none = 0; // 13 + 11 > 17
    QVERIFY(refused(tableAt, &many, 4));
    QVERIFY(refused(tableAt, &huge, 4));
    QVERIFY(refused(secondId, &same, 4));
    QVERIFY(refused(firstId, &many, 4));
    QVERIFY(refused(firstLost, &tooMany, 8));
    QVERIFY(refused(firstLost, &none, 8));
}

// A run's events written column by column and compressed take a fraction of their 32 bytes:
// here 20000 events of 8 workers stepping through their states at irregular times, events
// out of time order included, all read back exactly.
void TestTraceFile::eventsAreCompressed()
{
    Trace trace = sampleTrace();
    trace.events.clear();
    std::uint64_t now = trace.meta.startNs;
    std::uint32_t x = 12345;
    // 20011 events: the columns (640 KB) are unpacked a 256 KiB window at a time, and no
    // column ends where a window does.
    for (std::uint32_t i = 0; i < 20011; ++i) {
        x = x * 1103515245u + 12345u;
        now += 1000 + (x >> 16) % 50000;
        Event e;
        e.timeNs = i % 1000 == 999 ? now - 5000 : now; // a stamp given late, before the last
        e.worker = (x >> 8) % 8;
        e.kind = EventKind(3 + i % 3);
        e.object = e.kind == EventKind::Blocked ? 2 : 0;
        e.reason = e.kind == EventKind::Blocked ? 1 : 0;
        e.value = e.kind == EventKind::Running ? (x >> 4) % 2 : 0;
        trace.events.push_back(e);
    }
    const std::string file = path("compressed.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, trace, &error), error.c_str());
    const auto bytes = std::filesystem::file_size(file);
    qInfo("%llu bytes, %.2f a event", static_cast<unsigned long long>(bytes),
          double(bytes) / double(trace.events.size()));
    QVERIFY(bytes < trace.events.size() * 6);
    Trace read;
    QVERIFY2(TraceFile::read(file, read, &error), error.c_str());
    QCOMPARE(read.events.size(), trace.events.size());
    for (std::size_t i = 0; i < trace.events.size(); ++i)
        QVERIFY2(sameEvent(read.events[i], trace.events[i]), qPrintable(QString::number(i)));
}

// Damage inside the compressed events is found by zstd (or by the size it unpacks to) and
// refused with the file's name; a count that no compressed block could hold is refused
// before anything is unpacked.
void TestTraceFile::damagedCompressedEventsAreRefused()
{
    Trace trace = sampleTrace();
    const std::string file = path("packed.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, trace, &error), error.c_str());
    const std::string bytes = readBytes(file);
    const std::string meta = trace.meta.serialize();
    const std::size_t countAt = 16 + meta.size();
    // The count, the dropped total, the table of workers that lost events, the length.
    const std::size_t lengthAt = countAt + 16 + 4 + 12 * trace.droppedByWorker.size();
    const std::size_t packedAt = lengthAt + 8;
    std::uint64_t packed = 0;
    std::memcpy(&packed, bytes.data() + lengthAt, 8);
    QVERIFY(packed > 8 && packedAt + packed < bytes.size());

    std::string broken = bytes;
    for (std::size_t i = packedAt + 4; i < packedAt + packed; ++i)
        broken[i] = char(broken[i] ^ 0x5a);
    const std::string damaged = path("damaged.conlab");
    writeBytes(damaged, broken);
    Trace read;
    QVERIFY(!TraceFile::read(damaged, read, &error));
    QVERIFY2(error.find(damaged) != std::string::npos, error.c_str());
    QVERIFY2(error.find("compressed events") != std::string::npos, error.c_str());

    std::string inflated = bytes;
    const std::uint64_t count = packed * 65536;
    std::memcpy(inflated.data() + countAt, &count, 8);
    writeBytes(damaged, inflated);
    QVERIFY(!TraceFile::read(damaged, read, &error));
    QVERIFY2(error.find("cannot come from") != std::string::npos, error.c_str());

    std::string miscounted = bytes;
    const std::uint64_t one = trace.events.size() + 1;
    std::memcpy(miscounted.data() + countAt, &one, 8);
    writeBytes(damaged, miscounted);
    QVERIFY(!TraceFile::read(damaged, read, &error));
    QVERIFY2(error.find("compressed events") != std::string::npos, error.c_str());
}

QTEST_APPLESS_MAIN(TestTraceFile)
#include "tst_tracefile.moc"
