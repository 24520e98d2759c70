// Issue 13, item 9a: a seeded mutation test of the trace reader (TraceFile::read), the reader
// that takes files from outside. Each case starts from a valid trace written by the project's
// own writer, damages it (bit flips, cuts, inserted bytes, overwritten length and count
// fields, hostile header lines) and asks the reader. It must either accept, and then
// everything it returns is within the documented bounds, or refuse with a message; it must
// never crash, never allocate much more than the file holds, and never take long. The seed is
// fixed, so a failure is repeatable; CONLAB_FUZZ_SEED and CONLAB_FUZZ_CASES explore others.
// The job-table reader has its own test, tst_jobtablefuzz.
#include "FuzzSupport.h"
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace conlab;
using namespace conlab::fuzz;

namespace {

// Little-endian 64-bit values for the binary length and count fields.
std::uint64_t hostileU64(std::mt19937_64 &rng, std::uint64_t honest, std::uint64_t fileBytes)
{
    const std::uint64_t choices[] = {0,
                                     1,
                                     honest + 1,
                                     honest - 1,
                                     honest * 2,
                                     fileBytes,
                                     fileBytes - 1,
                                     fileBytes / 32,
                                     fileBytes / 32 + 1,
                                     (1ull << 28) - 1,
                                     1ull << 28,
                                     16ull << 20,
                                     (16ull << 20) + 1,
                                     1ull << 31,
                                     1ull << 32,
                                     1ull << 59,
                                     1ull << 63,
                                     ~0ull,
                                     ~0ull / 32,
                                     ~0ull / 32 + 1,
                                     rng()};
    return choices[rng() % std::size(choices)];
}

// A valid trace made by the project's own writer: the shape of a real run, small enough that
// thousands of cases take well under a second.
Trace sampleTrace()
{
    Trace trace;
    trace.meta.scenario = "producer-consumer";
    trace.meta.title = "Producer / consumer, two of each";
    trace.meta.params = {{"producers", "2"}, {"capacity", "4"}, {"kind", "thread"}};
    trace.meta.workers = {{0, "main", "main"},
                          {1, "producer", "producer-1"},
                          {2, "consumer", "consumer-1"},
                          {3, "coroutine", "co-1", 2}};
    trace.meta.objects = {{1, "queue", 4, "queue"}, {2, "lock", 0, "the lock"}};
    trace.meta.cpus = 2;
    trace.meta.startNs = 123456789012345ull;
    trace.meta.timeScale = 0.5;
    trace.meta.sampleNs = 10000000;
    for (std::uint32_t i = 0; i < 24; ++i) {
        Event e;
        e.timeNs = trace.meta.startNs + i * 1000;
        e.worker = i % 4;
        e.kind = EventKind(1 + i % 40);
        e.reason = std::uint16_t(i % 7);
        e.object = i % 3;
        e.value = i;
        e.arg = std::int64_t(i) * 1000;
        trace.events.push_back(e);
    }
    trace.droppedEvents = 3;
    trace.droppedByWorker = {{1, 2}};
    trace.summaryJson = R"({"outcome":"completed","events":24})";
    return trace;
}

// Where the fields of a trace file are, from its own (possibly damaged) bytes; a field that
// the damage moved beyond the end is left at 0 and not valid. A "CONLABT2" file has the
// table of workers that lost events and the compressed events' length before them; a
// "CONLABT1" file (raw events) has neither.
struct TraceLayout
{
    std::size_t metaLength = 8;   // u64: bytes of header text
    std::size_t metaText = 16;    // the header text
    std::size_t eventCount = 0;   // u64
    std::size_t dropped = 0;      // u64
    std::size_t losers = 0;       // u32, then 12 bytes a worker; compressed files only
    std::size_t packedLength = 0; // u64, compressed files only
    std::size_t events = 0;       // the event block
    std::size_t summaryBytes = 0; // u64
    std::uint64_t metaBytes = 0;
    std::uint64_t count = 0;
    std::uint64_t eventBytes = 0;
    std::uint32_t loserCount = 0;
    bool compressed = false;
    bool headerValid = false;  // the header text lies within the file
    bool countsValid = false;  // so do the event count, the dropped count (and the length)
    bool summaryValid = false; // and the summary length after the events
};

bool isCompressed(const std::string &bytes)
{
    return bytes.compare(0, 8, "CONLABT2") == 0;
}

TraceLayout layoutOf(const std::string &bytes)
{
    TraceLayout l;
    l.compressed = isCompressed(bytes);
    if (bytes.size() < l.metaText)
        return l;
    std::memcpy(&l.metaBytes, bytes.data() + l.metaLength, 8);
    l.headerValid = l.metaBytes <= bytes.size() - l.metaText;
    if (!l.headerValid)
        return l;
    l.eventCount = l.metaText + std::size_t(l.metaBytes);
    l.countsValid = bytes.size() - l.eventCount >= (l.compressed ? 28u : 16u);
    if (!l.countsValid)
        return l;
    std::memcpy(&l.count, bytes.data() + l.eventCount, 8);
    l.dropped = l.eventCount + 8;
    l.events = l.dropped + 8;
    l.eventBytes = l.count * sizeof(Event);
    if (l.compressed) {
        l.losers = l.events;
        std::memcpy(&l.loserCount, bytes.data() + l.losers, 4);
        const std::uint64_t table = std::uint64_t(l.loserCount) * 12;
        // A table running past the end leaves the length and what follows out of reach.
        if (table > bytes.size() - l.losers - 4 || bytes.size() - l.losers - 4 - table < 8)
            return l;
        l.packedLength = l.losers + 4 + std::size_t(table);
        l.events = l.packedLength + 8;
        std::memcpy(&l.eventBytes, bytes.data() + l.packedLength, 8);
    }
    l.summaryValid = l.eventBytes <= bytes.size() - l.events &&
                     bytes.size() - l.events - std::size_t(l.eventBytes) >= 8 &&
                     (l.compressed || l.count <= (bytes.size() - l.events) / sizeof(Event));
    if (l.summaryValid)
        l.summaryBytes = l.events + std::size_t(l.eventBytes);
    return l;
}

// The same trace in the first format, "CONLABT1", with its events raw, as older versions
// wrote it: the reader still takes these.
std::string rawTraceBytes(const Trace &trace)
{
    const std::string meta = trace.meta.serialize();
    std::string bytes = "CONLABT1" + u64Bytes(meta.size()) + meta + u64Bytes(trace.events.size()) +
                        u64Bytes(trace.droppedEvents);
    bytes.append(reinterpret_cast<const char *>(trace.events.data()),
                 trace.events.size() * sizeof(Event));
    return bytes + u64Bytes(trace.summaryJson.size()) + trace.summaryJson;
}

// Rebuilds a file around new header text, keeping everything after the header as it was.
std::string withHeaderText(const std::string &bytes, const std::string &text)
{
    const TraceLayout l = layoutOf(bytes);
    return bytes.substr(0, l.metaLength) + u64Bytes(text.size()) + text +
           bytes.substr(l.eventCount);
}

// One damaged trace file and what was done to it (for the failure message).
struct Mutant
{
    std::string bytes;
    std::string what;
};

// Hostile values in the header text itself, with the length field kept honest so that they
// reach the header parser: huge worker ids, CPUs, object ids and counts, parent cycles, a
// worker declared many times.
std::string hostileHeader(std::mt19937_64 &rng, const std::string &text, std::string &what)
{
    std::vector<std::string> ls = lines(text);
    const std::string &number = kHostileNumbers[rng() % kHostileNumbers.size()];
    switch (rng() % 8) {
    case 0:
        what += " cpus=" + number;
        ls.push_back("cpus " + number);
        break;
    case 1:
        what += " worker id " + number;
        ls.push_back("worker " + number + " x hostile");
        break;
    case 2: {
        const std::string other = kHostileNumbers[rng() % kHostileNumbers.size()];
        what += " parent " + number + " " + other;
        ls.push_back("parent " + number + " " + other);
        break;
    }
    case 3:
        what += " object " + number;
        ls.push_back("object " + number + " lock " +
                     kHostileNumbers[rng() % kHostileNumbers.size()] + " l");
        break;
    case 4:
        what += " time_scale/start_ns/sample_ns " + number;
        ls.push_back(std::string(rng() % 2   ? "time_scale "
                                 : rng() % 2 ? "start_ns "
                                             : "sample_ns ") +
                     number);
        break;
    case 5: {
        // A cycle of parents among declared workers (the depth walk must stay bounded).
        what += " parent cycle";
        ls.push_back("parent 1 2");
        ls.push_back("parent 2 1");
        break;
    }
    case 6: {
        // Many declarations: past the object limit, or the same worker again.
        const int n = int(rng() % 5000);
        what += " " + std::to_string(n) + " more objects/workers";
        const bool objects = rng() % 2;
        for (int i = 0; i < n; ++i)
            ls.push_back(objects ? "object " + std::to_string(i % 900) + " lock 1 l"
                                 : "worker " + std::to_string(i % 200) + " w w");
        break;
    }
    default: {
        // Overwrite one word of an existing line.
        if (ls.empty())
            break;
        std::string &line = ls[rng() % ls.size()];
        std::vector<std::string> words;
        std::size_t at = 0;
        for (;;) {
            const std::size_t space = line.find(' ', at);
            words.push_back(
                line.substr(at, space == std::string::npos ? std::string::npos : space - at));
            if (space == std::string::npos)
                break;
            at = space + 1;
        }
        words[rng() % words.size()] = number;
        std::string rebuilt;
        for (std::size_t i = 0; i < words.size(); ++i)
            rebuilt += (i ? " " : "") + words[i];
        what += " line '" + line + "' -> '" + rebuilt + "'";
        line = rebuilt;
        break;
    }
    }
    if (rng() % 4 == 0) { // shuffle the order, so a declaration may come after its use
        std::shuffle(ls.begin(), ls.end(), rng);
        what += " (shuffled)";
    }
    return joined(ls);
}

Mutant mutateTrace(std::mt19937_64 &rng, const std::string &valid)
{
    Mutant m{valid, {}};
    const int steps = 1 + int(rng() % 3);
    for (int step = 0; step < steps; ++step) {
        std::string &b = m.bytes;
        const std::uint64_t size = b.size();
        switch (rng() % 7) {
        case 0: { // flip a bit
            if (b.empty())
                break;
            const std::size_t at = rng() % b.size();
            const int bit = int(rng() % 8);
            b[at] = char(b[at] ^ (1 << bit));
            m.what += " flip@" + std::to_string(at) + "." + std::to_string(bit);
            break;
        }
        case 1: { // cut
            const std::size_t at = b.empty() ? 0 : rng() % b.size();
            b.resize(at);
            m.what += " cut@" + std::to_string(at);
            break;
        }
        case 2: { // insert random bytes
            const std::size_t at = b.empty() ? 0 : rng() % (b.size() + 1);
            std::string junk(1 + rng() % 64, '\0');
            for (char &c : junk)
                c = char(rng());
            b.insert(at, junk);
            m.what += " insert" + std::to_string(junk.size()) + "@" + std::to_string(at);
            break;
        }
        case 3:
        case 4: { // overwrite a binary length or count field, if it is still where it was
            const TraceLayout l = layoutOf(b);
            if (b.size() < 16)
                break;
            struct Field
            {
                std::size_t at;
                std::uint64_t honest;
                const char *name;
                std::size_t bytes = 8;
            };
            std::vector<Field> fields = {{l.metaLength, l.metaBytes, "header length"}};
            if (l.countsValid) {
                fields.push_back({l.eventCount, l.count, "event count"});
                fields.push_back({l.dropped, 0, "dropped"});
                if (l.compressed)
                    fields.push_back({l.losers, l.loserCount, "losers", 4});
                if (l.compressed && l.packedLength > 0)
                    fields.push_back({l.packedLength, l.eventBytes, "compressed length"});
            }
            if (l.summaryValid) {
                std::uint64_t summary = 0;
                std::memcpy(&summary, b.data() + l.summaryBytes, 8);
                fields.push_back({l.summaryBytes, summary, "summary length"});
            }
            const Field f = fields[rng() % fields.size()];
            const std::uint64_t v = hostileU64(rng, f.honest, size);
            if (f.bytes == 4) {
                const auto v32 = std::uint32_t(v);
                std::memcpy(b.data() + f.at, &v32, 4);
            } else {
                std::memcpy(b.data() + f.at, &v, 8);
            }
            m.what += std::string(" ") + f.name + "=" + std::to_string(v);
            break;
        }
        case 5: { // hostile header text behind an honest length
            const TraceLayout l = layoutOf(b);
            if (!l.headerValid)
                break;
            m.what += " header:";
            const std::string text = hostileHeader(rng, b.substr(l.metaText, l.metaBytes), m.what);
            b = withHeaderText(b, text);
            break;
        }
        default: { // garbage after the end, or a duplicated block
            const std::size_t n = 1 + rng() % 40;
            if (rng() % 2) {
                b += std::string(n, char(rng()));
                m.what += " append" + std::to_string(n);
            } else if (!b.empty()) {
                const std::size_t at = rng() % b.size();
                b.insert(at, b.substr(at, n));
                m.what += " duplicate" + std::to_string(n) + "@" + std::to_string(at);
            }
            break;
        }
        }
    }
    return m;
}

// What a trace that was accepted must hold: the bounds TraceMeta and TraceFile document.
QString traceOutOfBounds(const Trace &t, std::uint64_t fileBytes, bool compressed)
{
    if (t.meta.scenario.empty())
        return QStringLiteral("accepted without a scenario");
    if (t.meta.cpus > TraceMeta::kMaxCpus)
        return QStringLiteral("cpus %1 above %2").arg(t.meta.cpus).arg(TraceMeta::kMaxCpus);
    if (!(std::isfinite(t.meta.timeScale) && t.meta.timeScale > 0))
        return QStringLiteral("time scale %1").arg(t.meta.timeScale);
    if (t.meta.workers.size() > TraceMeta::kMaxWorkers)
        return QStringLiteral("%1 workers").arg(t.meta.workers.size());
    std::set<std::uint32_t> ids;
    for (const WorkerInfo &w : t.meta.workers) {
        if (w.id >= TraceMeta::kMaxWorkers)
            return QStringLiteral("worker id %1 not below %2")
                .arg(w.id)
                .arg(TraceMeta::kMaxWorkers);
        if (!ids.insert(w.id).second)
            return QStringLiteral("worker id %1 twice").arg(w.id);
    }
    for (const WorkerInfo &w : t.meta.workers) {
        if (w.parent < -1 || w.parent >= std::int32_t(TraceMeta::kMaxWorkers) ||
            (w.parent >= 0 &&
             (!ids.count(std::uint32_t(w.parent)) || w.parent == std::int32_t(w.id))))
            return QStringLiteral("worker %1 has parent %2").arg(w.id).arg(w.parent);
        // Bounded even when the parents form a cycle.
        const int depth = t.meta.depth(w.id);
        if (depth < 0 || depth > int(TraceMeta::kMaxWorkers))
            return QStringLiteral("depth %1 of worker %2").arg(depth).arg(w.id);
    }
    if (t.meta.objects.size() > TraceMeta::kMaxObjects)
        return QStringLiteral("%1 objects").arg(t.meta.objects.size());
    for (const ObjectInfo &o : t.meta.objects)
        if (o.id >= TraceMeta::kMaxObjectId)
            return QStringLiteral("object id %1 not below %2")
                .arg(o.id)
                .arg(TraceMeta::kMaxObjectId);
    // Raw events take 32 bytes each; compressed, no more than zstd's largest ratio allows.
    if (compressed ? t.events.size() > fileBytes * 2 * 32768 / sizeof(Event)
                   : t.events.size() * sizeof(Event) > fileBytes)
        return QStringLiteral("%1 events from a %2-byte file").arg(t.events.size()).arg(fileBytes);
    std::uint64_t lost = 0;
    for (std::size_t i = 0; i < t.droppedByWorker.size(); ++i) {
        const auto &[worker, count] = t.droppedByWorker[i];
        if (worker >= TraceMeta::kMaxWorkers || count == 0 ||
            (i > 0 && worker <= t.droppedByWorker[i - 1].first))
            return QStringLiteral("drop table entry %1: worker %2, %3 lost")
                .arg(i)
                .arg(worker)
                .arg(count);
        lost += count;
        if (lost > t.droppedEvents)
            return QStringLiteral("workers lost more than the %1 dropped").arg(t.droppedEvents);
    }
    if (t.summaryJson.size() > fileBytes)
        return QStringLiteral("%1-byte summary from a %2-byte file")
            .arg(t.summaryJson.size())
            .arg(fileBytes);
    return {};
}

} // namespace

class TestTraceFuzz : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void startsFromAValidTrace();
    void damagedTracesAreAcceptedInBoundsOrRefused_data();
    void damagedTracesAreAcceptedInBoundsOrRefused();

private:
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
};

void TestTraceFuzz::init()
{
    QVERIFY(m_dir.isValid());
}

// The starting point is itself accepted, so every refusal below is the mutation's doing.
void TestTraceFuzz::startsFromAValidTrace()
{
    const std::string file = path("valid.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, sampleTrace(), &error), error.c_str());
    Trace trace;
    QVERIFY2(TraceFile::read(file, trace, &error), error.c_str());
    QCOMPARE(trace.events.size(), std::size_t(24));
    QCOMPARE(trace.meta.workers.size(), std::size_t(4));
    QVERIFY(traceOutOfBounds(trace, readBytes(file).size(), true).isEmpty());
    const std::string raw = path("raw.conlab");
    writeBytes(raw, rawTraceBytes(sampleTrace()));
    QVERIFY2(TraceFile::read(raw, trace, &error), error.c_str());
    QCOMPARE(trace.events.size(), std::size_t(24));
}

void TestTraceFuzz::damagedTracesAreAcceptedInBoundsOrRefused_data()
{
    QTest::addColumn<bool>("compressed");
    QTest::newRow("compressed (CONLABT2)") << true;
    QTest::newRow("raw (CONLABT1)") << false;
}

void TestTraceFuzz::damagedTracesAreAcceptedInBoundsOrRefused()
{
    const std::uint64_t seed = seedFromEnvironment(0xC0471AB5EEDull);
    const int cases = casesFromEnvironment(2000);
    std::mt19937_64 rng(seed);

    QFETCH(bool, compressed);
    const std::string validFile = path("valid.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(validFile, sampleTrace(), &error), error.c_str());
    const std::string valid = compressed ? readBytes(validFile) : rawTraceBytes(sampleTrace());
    QVERIFY(layoutOf(valid).summaryValid);

    // A fresh file per case, removed after: rewriting one file in place makes ext4 flush it
    // to disk at every close (auto_da_alloc), which made the test wait on the disk.
    const std::string stem = path("mutant-");
    int accepted = 0;
    std::size_t largestAllocation = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < cases; ++i) {
        const Mutant m = mutateTrace(rng, valid);
        const std::string file = stem + std::to_string(i) + ".conlab";
        writeBytes(file, m.bytes);
        const QString where = QStringLiteral("seed %1 case %2:%3 (%4 bytes, from %5)")
                                  .arg(seed)
                                  .arg(i)
                                  .arg(QString::fromStdString(m.what))
                                  .arg(m.bytes.size())
                                  .arg(QString::fromStdString(hexPrefix(m.bytes)));
        Trace trace;
        // A reader must replace what the Trace held, whatever the outcome.
        trace.events.resize(2);
        error.clear();
        bool ok = false;
        std::size_t largest = 0;
        QElapsedTimer timer;
        timer.start();
        try {
            AllocationWatch watch;
            ok = TraceFile::read(file, trace, &error);
            largest = watch.largest();
        } catch (const std::bad_alloc &) {
            QFAIL(
                qPrintable(where + QStringLiteral(": asked for %1 bytes at once").arg(g_largest)));
        } catch (const std::exception &e) {
            QFAIL(qPrintable(where + ": threw " + e.what()));
        }
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < kSlowMs, qPrintable(where + QStringLiteral(": took %1 ms").arg(ms)));
        largestAllocation = std::max(largestAllocation, largest);
        if (ok) {
            ++accepted;
            const QString problem = traceOutOfBounds(trace, m.bytes.size(), isCompressed(m.bytes));
            QVERIFY2(problem.isEmpty(), qPrintable(where + ": accepted, but " + problem));
        } else {
            QVERIFY2(!error.empty(), qPrintable(where + ": refused without a message"));
            QVERIFY2(error.rfind(file, 0) == 0,
                     qPrintable(where + ": message does not name the file: " +
                                QString::fromStdString(error)));
        }
        std::remove(file.c_str());
    }
    qInfo("%d damaged traces, %d accepted, largest allocation %zu bytes, %lld ms (seed %llu)",
          cases, accepted, largestAllocation, total.elapsed(), qulonglong(seed));
    // Most mutations must be caught; if nearly all are accepted the mutator is not reaching
    // the reader's checks.
    QVERIFY2(accepted < cases / 2, qPrintable(QString::number(accepted)));
}

QTEST_GUILESS_MAIN(TestTraceFuzz)
#include "tst_tracefuzz.moc"
