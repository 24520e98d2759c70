// Issue 13, item 9a: a seeded mutation test of the two readers that take files from outside,
// the trace reader (TraceFile::read) and the job-table reader (JobTableCsv). Each case starts
// from a valid input built here, damages it (bit flips, cuts, inserted bytes, overwritten
// length and count fields, hostile header and table values) and asks the reader. The reader
// must either accept, and then everything it returns is within the documented bounds, or
// refuse with a message; it must never crash, never allocate much more than the file holds,
// and never take long. The seed is fixed, so a failure is repeatable; CONLAB_FUZZ_SEED and
// CONLAB_FUZZ_CASES explore other seeds and counts.
#include "runtime/JobTable.h"
#include "runtime/JobTableCsv.h"
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <random>
#include <set>
#include <string>
#include <vector>

// ---------------------------------------------------------------------------------------------
// Every allocation of this program goes through these, so a reader that sizes a buffer from a
// damaged field is caught at the request, before the memory is touched: while armed, the
// largest single request is noted and one above the limit throws std::bad_alloc.
namespace {
std::atomic<bool> g_armed{false};
std::atomic<std::size_t> g_largest{0};
std::atomic<std::size_t> g_limit{~std::size_t(0)};

void *allocate(std::size_t size)
{
    if (g_armed.load(std::memory_order_relaxed)) {
        std::size_t seen = g_largest.load(std::memory_order_relaxed);
        while (size > seen && !g_largest.compare_exchange_weak(seen, size))
            ;
        if (size > g_limit.load(std::memory_order_relaxed))
            throw std::bad_alloc();
    }
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace

void *operator new(std::size_t size)
{
    return allocate(size);
}
void *operator new[](std::size_t size)
{
    return allocate(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}

using namespace conlab;

namespace {

// A reader may take what the file holds a few times over (a string, a vector), plus change;
// nothing more. The files here are a few KiB, so 1 MiB is far above honest and far below an
// allocation sized from a damaged count.
constexpr std::size_t kAllocationLimit = 1 << 20;
// A reader of a few KiB takes microseconds; this is slack for a loaded machine and sanitizers.
constexpr qint64 kSlowMs = 2000;

// Arms the allocation watch for one reader call.
class AllocationWatch
{
public:
    AllocationWatch()
    {
        g_largest = 0;
        g_limit = kAllocationLimit;
        g_armed = true;
    }
    ~AllocationWatch() { g_armed = false; }
    std::size_t largest() const { return g_largest; }
};

std::uint64_t seedFromEnvironment(std::uint64_t fallback)
{
    const QByteArray text = qgetenv("CONLAB_FUZZ_SEED");
    bool ok = false;
    const qulonglong seed = text.toULongLong(&ok);
    return ok ? seed : fallback;
}

int casesFromEnvironment(int fallback)
{
    bool ok = false;
    const int cases = qEnvironmentVariableIntValue("CONLAB_FUZZ_CASES", &ok);
    return ok && cases > 0 ? cases : fallback;
}

std::string hexPrefix(const std::string &bytes, std::size_t at = 0, std::size_t count = 48)
{
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = at; i < bytes.size() && i < at + count; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

std::string u64Bytes(std::uint64_t v)
{
    return std::string(reinterpret_cast<const char *>(&v), sizeof v);
}

void writeBytes(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Values that have broken readers before: the edges of every integer width, the documented
// limits and one past them, signs, exponents, hex and non-numbers.
const std::vector<std::string> kHostileNumbers = {"0",
                                                  "1",
                                                  "-1",
                                                  "7",
                                                  "127",
                                                  "128",
                                                  "129",
                                                  "16",
                                                  "17",
                                                  "4095",
                                                  "4096",
                                                  "1048575",
                                                  "1048576",
                                                  "2147483647",
                                                  "2147483648",
                                                  "4294967295",
                                                  "4294967296",
                                                  "9223372036854775807",
                                                  "9223372036854775808",
                                                  "18446744073709551615",
                                                  "18446744073709551616",
                                                  "99999999999999999999999999",
                                                  "-9223372036854775808",
                                                  "+5",
                                                  "-0",
                                                  "1e3",
                                                  "1e999",
                                                  "0x10",
                                                  "nan",
                                                  "inf",
                                                  "-inf",
                                                  "",
                                                  " ",
                                                  "1 2",
                                                  "\t3",
                                                  "3\r",
                                                  "\xff",
                                                  std::string("4\0", 2)};

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
    trace.summaryJson = R"({"outcome":"completed","events":24})";
    return trace;
}

// Where the fields of a trace file are, from its own (possibly damaged) bytes; a field that
// the damage moved beyond the end is left at 0 and not valid.
struct TraceLayout
{
    std::size_t metaLength = 8;   // u64: bytes of header text
    std::size_t metaText = 16;    // the header text
    std::size_t eventCount = 0;   // u64
    std::size_t dropped = 0;      // u64
    std::size_t events = 0;       // count x 32 bytes
    std::size_t summaryBytes = 0; // u64
    std::uint64_t metaBytes = 0;
    std::uint64_t count = 0;
    bool headerValid = false;  // the header text lies within the file
    bool countsValid = false;  // so do the event count and the dropped count
    bool summaryValid = false; // and the summary length after the events
};

TraceLayout layoutOf(const std::string &bytes)
{
    TraceLayout l;
    if (bytes.size() < l.metaText)
        return l;
    std::memcpy(&l.metaBytes, bytes.data() + l.metaLength, 8);
    l.headerValid = l.metaBytes <= bytes.size() - l.metaText;
    if (!l.headerValid)
        return l;
    l.eventCount = l.metaText + std::size_t(l.metaBytes);
    l.countsValid = bytes.size() - l.eventCount >= 16;
    if (!l.countsValid)
        return l;
    std::memcpy(&l.count, bytes.data() + l.eventCount, 8);
    l.dropped = l.eventCount + 8;
    l.events = l.dropped + 8;
    l.summaryValid = l.count <= (bytes.size() - l.events) / sizeof(Event) &&
                     bytes.size() - l.events - std::size_t(l.count) * sizeof(Event) >= 8;
    if (l.summaryValid)
        l.summaryBytes = l.events + std::size_t(l.count) * sizeof(Event);
    return l;
}

// Rebuilds a file around new header text, keeping everything after the header as it was.
std::string withHeaderText(const std::string &bytes, const std::string &text)
{
    const TraceLayout l = layoutOf(bytes);
    return bytes.substr(0, l.metaLength) + u64Bytes(text.size()) + text +
           bytes.substr(l.eventCount);
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        out.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos)
            break;
        at = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string> &parts)
{
    std::string out;
    for (const auto &p : parts)
        out += p + '\n';
    return out;
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
            };
            std::vector<Field> fields = {{l.metaLength, l.metaBytes, "header length"}};
            if (l.countsValid) {
                fields.push_back({l.eventCount, l.count, "event count"});
                fields.push_back({l.dropped, 0, "dropped"});
            }
            if (l.summaryValid) {
                std::uint64_t summary = 0;
                std::memcpy(&summary, b.data() + l.summaryBytes, 8);
                fields.push_back({l.summaryBytes, summary, "summary length"});
            }
            const Field f = fields[rng() % fields.size()];
            const std::uint64_t v = hostileU64(rng, f.honest, size);
            std::memcpy(b.data() + f.at, &v, 8);
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
QString traceOutOfBounds(const Trace &t, std::uint64_t fileBytes)
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
    if (t.events.size() * sizeof(Event) > fileBytes)
        return QStringLiteral("%1 events from a %2-byte file").arg(t.events.size()).arg(fileBytes);
    if (t.summaryJson.size() > fileBytes)
        return QStringLiteral("%1-byte summary from a %2-byte file")
            .arg(t.summaryJson.size())
            .arg(fileBytes);
    return {};
}

// ---------------------------------------------------------------------------------------------
// Job tables.

const std::string kValidTable = "# jobs of a lesson\r\n"
                                "name,arrival,bursts,priority\n"
                                "P1,0,5/3/2,1\n"
                                "P2,1,4,0\n"
                                "\n"
                                "io-bound_3,+2,1/9/1/9/1,-1\n"
                                "P4,6,3/1/3,\n"
                                "P.5,7,2\n";

std::vector<std::string> fieldsOf(const std::string &line)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t comma = line.find(',', at);
        out.push_back(line.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos)
            return out;
        at = comma + 1;
    }
}

std::string mutateTable(std::mt19937_64 &rng, std::string text, std::string &what)
{
    static const std::vector<std::string> tokens = {",",
                                                    "/",
                                                    "\n",
                                                    "\r\n",
                                                    "#",
                                                    "\xEF\xBB\xBF",
                                                    std::string("\0", 1),
                                                    "\x1b[2J",
                                                    "\xff",
                                                    "name,arrival,bursts",
                                                    " ",
                                                    "+",
                                                    "-",
                                                    "//",
                                                    ",,,,",
                                                    "1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1"};
    const int steps = 1 + int(rng() % 3);
    for (int step = 0; step < steps; ++step) {
        switch (rng() % 8) {
        case 0: { // flip a bit
            if (text.empty())
                break;
            const std::size_t at = rng() % text.size();
            const int bit = int(rng() % 8);
            text[at] = char(text[at] ^ (1 << bit));
            what += " flip@" + std::to_string(at) + "." + std::to_string(bit);
            break;
        }
        case 1: { // cut
            const std::size_t at = text.empty() ? 0 : rng() % text.size();
            text.resize(at);
            what += " cut@" + std::to_string(at);
            break;
        }
        case 2: { // insert random bytes or a token
            const std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
            std::string junk;
            if (rng() % 2) {
                junk = tokens[rng() % tokens.size()];
            } else {
                junk.resize(1 + rng() % 16);
                for (char &c : junk)
                    c = char(rng());
            }
            text.insert(at, junk);
            what += " insert" + std::to_string(junk.size()) + "@" + std::to_string(at);
            break;
        }
        case 3:
        case 4: { // overwrite one field of one row with a hostile value
            std::vector<std::string> ls = lines(text);
            if (ls.empty())
                break;
            std::string &line = ls[rng() % ls.size()];
            std::vector<std::string> fields = fieldsOf(line);
            std::string &field = fields[rng() % fields.size()];
            std::string value = kHostileNumbers[rng() % kHostileNumbers.size()];
            if (rng() % 4 == 0) // a long list of bursts, odd or even, around kMaxBursts
                for (int n = 30 + int(rng() % 4), i = 1; i < n; ++i)
                    value += "/" + kHostileNumbers[rng() % kHostileNumbers.size()];
            if (rng() % 8 == 0) // a long name or field
                value = std::string(std::size_t(20 + rng() % 40), 'n');
            what += " field '" + field + "' -> '" + value + "'";
            field = value;
            std::string rebuilt;
            for (std::size_t i = 0; i < fields.size(); ++i)
                rebuilt += (i ? "," : "") + fields[i];
            line = rebuilt;
            text = joined(ls);
            break;
        }
        case 5: { // many rows: around kMaxJobs, with fresh or repeated names
            const int n = 20 + int(rng() % 30);
            const bool fresh = rng() % 4 != 0;
            for (int i = 0; i < n; ++i)
                text += (fresh ? "X" + std::to_string(i) : std::string("P1")) + ",0,1\n";
            what += " " + std::to_string(n) + (fresh ? " fresh" : " repeated") + " rows";
            break;
        }
        case 6: { // a row again, as is (a repeated name) or under a fresh name
            std::vector<std::string> ls = lines(text);
            if (ls.empty())
                break;
            std::string row = ls[rng() % ls.size()];
            if (rng() % 2)
                row = "Y" + std::to_string(rng() % 100) +
                      row.substr(std::min(row.find(','), row.size()));
            text += row + "\n";
            what += " row again '" + row + "'";
            break;
        }
        default: { // rarely: a huge file of blank lines or comments around the read limit
            if (rng() % 4 != 0)
                break;
            const std::size_t n = JobTableCsv::kMaxFileBytes - 64 + rng() % 128;
            text += std::string(n, rng() % 2 ? '\n' : '#');
            what += " padded by " + std::to_string(n);
            break;
        }
        }
    }
    return text;
}

bool validJobName(const std::string &name)
{
    if (name.empty() || name.size() > 31)
        return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// The bounds JobTable and JobTableCsv document: 1..kMaxJobs jobs with distinct names of 1-31
// letters, digits, '-', '_' or '.'; an odd number (at most kMaxBursts) of bursts; times in
// whole units up to 1000000, bursts at least 1; priorities in -1000..1000.
QString tableOutOfBounds(const JobTable &table)
{
    if (table.jobs.empty() || table.jobs.size() > JobTable::kMaxJobs)
        return QStringLiteral("%1 jobs").arg(table.jobs.size());
    std::set<std::string> names;
    for (const Job &job : table.jobs) {
        if (!validJobName(job.name))
            return QStringLiteral("name '%1'").arg(QString::fromStdString(job.name));
        if (!names.insert(job.name).second)
            return QStringLiteral("name '%1' twice").arg(QString::fromStdString(job.name));
        if (job.arrival > 1000000)
            return QStringLiteral("arrival %1").arg(job.arrival);
        if (job.bursts.size() % 2 == 0 || job.bursts.size() > JobTable::kMaxBursts)
            return QStringLiteral("%1 bursts").arg(job.bursts.size());
        for (const std::uint64_t burst : job.bursts)
            if (burst < 1 || burst > 1000000)
                return QStringLiteral("burst %1").arg(burst);
        if (job.priority < -1000 || job.priority > 1000)
            return QStringLiteral("priority %1").arg(job.priority);
    }
    return {};
}

bool printable(const std::string &text)
{
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    return true;
}

} // namespace

class TestTraceFuzz : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void startsFromValidInputs();
    void damagedTracesAreAcceptedInBoundsOrRefused();
    void damagedJobTablesAreAcceptedInBoundsOrRefused();

private:
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
};

void TestTraceFuzz::init()
{
    QVERIFY(m_dir.isValid());
}

// The starting points are themselves accepted, so every refusal below is the mutation's doing.
void TestTraceFuzz::startsFromValidInputs()
{
    const std::string file = path("valid.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(file, sampleTrace(), &error), error.c_str());
    Trace trace;
    QVERIFY2(TraceFile::read(file, trace, &error), error.c_str());
    QCOMPARE(trace.events.size(), std::size_t(24));
    QCOMPARE(trace.meta.workers.size(), std::size_t(4));
    QVERIFY(traceOutOfBounds(trace, readBytes(file).size()).isEmpty());

    JobTable table;
    QVERIFY2(JobTableCsv::parse(kValidTable, "jobs.csv", table, &error), error.c_str());
    QCOMPARE(table.jobs.size(), std::size_t(5));
    QVERIFY(tableOutOfBounds(table).isEmpty());
}

void TestTraceFuzz::damagedTracesAreAcceptedInBoundsOrRefused()
{
    const std::uint64_t seed = seedFromEnvironment(0xC0471AB5EEDull);
    const int cases = casesFromEnvironment(2000);
    std::mt19937_64 rng(seed);

    const std::string validFile = path("valid.conlab");
    std::string error;
    QVERIFY2(TraceFile::write(validFile, sampleTrace(), &error), error.c_str());
    const std::string valid = readBytes(validFile);
    QVERIFY(valid.size() > 24 * sizeof(Event));

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
            const QString problem = traceOutOfBounds(trace, m.bytes.size());
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

void TestTraceFuzz::damagedJobTablesAreAcceptedInBoundsOrRefused()
{
    const std::uint64_t seed = seedFromEnvironment(0x10B7AB1Eull);
    const int cases = casesFromEnvironment(2000);
    std::mt19937_64 rng(seed);
    const std::string stem = path("mutant-"); // a fresh file per case, as above
    int accepted = 0;
    std::size_t largestAllocation = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < cases; ++i) {
        std::string what;
        const std::string text = mutateTable(rng, kValidTable, what);
        const QString where = QStringLiteral("seed %1 case %2:%3 (%4 bytes)")
                                  .arg(seed)
                                  .arg(i)
                                  .arg(QString::fromStdString(what))
                                  .arg(text.size());
        // Every fourth case goes through the file reader too, as conlab-runner --jobs does.
        const bool viaFile = i % 4 == 0;
        const std::string file = stem + std::to_string(i) + ".csv";
        if (viaFile)
            writeBytes(file, text);
        JobTable table;
        std::string error;
        bool ok = false;
        std::size_t largest = 0;
        QElapsedTimer timer;
        timer.start();
        try {
            AllocationWatch watch;
            std::string read;
            ok = viaFile ? JobTableCsv::readFile(file, read, &error) : true;
            if (viaFile && ok)
                QVERIFY2(read.size() == text.size() || text.size() > JobTableCsv::kMaxFileBytes,
                         qPrintable(where + ": read back a different size"));
            if (ok)
                ok = JobTableCsv::parse(viaFile ? read : text, "mutant.csv", table, &error);
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
            QVERIFY2(text.size() <= JobTableCsv::kMaxFileBytes || !viaFile,
                     qPrintable(where + ": a file above the limit was read"));
            const QString problem = tableOutOfBounds(table);
            QVERIFY2(problem.isEmpty(), qPrintable(where + ": accepted, but " + problem));
            // What was accepted writes out and reads back the same.
            JobTable again;
            QVERIFY2(
                JobTableCsv::parse(JobTableCsv::format(table), "again.csv", again, &error),
                qPrintable(where + ": its own format refused: " + QString::fromStdString(error)));
            QVERIFY2(JobTableCsv::format(again) == JobTableCsv::format(table),
                     qPrintable(where + ": format does not read back the same"));
        } else {
            QVERIFY2(!error.empty(), qPrintable(where + ": refused without a message"));
            // Names the source, shows the file's bytes escaped and cut short.
            QVERIFY2(error.rfind("mutant.csv:", 0) == 0 || (viaFile && error.rfind(file, 0) == 0),
                     qPrintable(where + ": message does not name the source: " +
                                QString::fromStdString(error)));
            QVERIFY2(printable(error), qPrintable(where + ": unescaped bytes in the message"));
            QVERIFY2(error.size() < 400 + file.size(),
                     qPrintable(where + QStringLiteral(": a %1-byte message").arg(error.size())));
        }
        if (viaFile)
            std::remove(file.c_str());
    }
    qInfo("%d damaged job tables, %d accepted, largest allocation %zu bytes, %lld ms (seed %llu)",
          cases, accepted, largestAllocation, total.elapsed(), qulonglong(seed));
    QVERIFY2(accepted < cases / 2, qPrintable(QString::number(accepted)));
    QVERIFY2(accepted > 0, "no damaged table was accepted: the mutator only makes garbage");
}

QTEST_GUILESS_MAIN(TestTraceFuzz)
#include "tst_tracefuzz.moc"
