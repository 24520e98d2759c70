#include "TraceFile.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <zstd.h>

namespace conlab {

namespace {
constexpr char kMagic[8] = {'C', 'O', 'N', 'L', 'A', 'B', 'T', '2'};
// The first format: the same, with the events raw (32 bytes each); still read.
constexpr char kMagicRaw[8] = {'C', 'O', 'N', 'L', 'A', 'B', 'T', '1'};
// Bounds that keep a corrupt file from asking for absurd allocations.
constexpr std::uint64_t kMaxTextBytes = 16u << 20;
constexpr std::uint64_t kMaxEvents = 1ull << 28;
// zstd's largest ratio is about 32768 (a 128 KiB block of one byte repeated from 4 bytes): a
// count claiming more events than twice that for each compressed byte is damaged or hostile.
constexpr std::uint64_t kMaxEventsPerByte = 2 * 32768 / sizeof(Event);
// Decompressed into a buffer that starts at this size and doubles as data really comes out,
// so that memory follows what the data holds, not what the count claims.
constexpr std::uint64_t kUnpackFirstStep = 64u << 10;
// The writer's levels use an 8 MiB window at most; a frame asking for more is not ours, and
// its window is not allocated.
constexpr int kMaxWindowLog = 23;
// zstd's level by the size of the columns: the strongest where it costs a fraction of a second
// (a lesson's run), lighter for the large traces a long or wide run makes.
int zstdLevel(std::size_t bytes)
{
    return bytes <= (1u << 20) ? 19 : bytes <= (32u << 20) ? 9 : 3;
}

template <class T> void put(std::ofstream &out, const T &value)
{
    out.write(reinterpret_cast<const char *>(&value), sizeof(T));
}

template <class T> bool get(std::ifstream &in, T &value)
{
    return bool(in.read(reinterpret_cast<char *>(&value), sizeof(T)));
}

// The events column by column, each time as the difference from the previous event's: the
// columns repeat far more than the records do, and compress to a fraction.
template <class T> void putColumn(char *&at, const std::vector<Event> &events, T Event::*field)
{
    for (const Event &e : events) {
        std::memcpy(at, &(e.*field), sizeof(T));
        at += sizeof(T);
    }
}

template <class T> void getColumn(const char *&at, std::vector<Event> &events, T Event::*field)
{
    for (Event &e : events) {
        std::memcpy(&(e.*field), at, sizeof(T));
        at += sizeof(T);
    }
}

std::string toColumns(const std::vector<Event> &events)
{
    std::string bytes(events.size() * sizeof(Event), '\0');
    char *at = bytes.data();
    std::uint64_t previous = 0;
    for (const Event &e : events) {
        const std::uint64_t delta = e.timeNs - previous; // wraps back on reading if unsorted
        previous = e.timeNs;
        std::memcpy(at, &delta, sizeof delta);
        at += sizeof delta;
    }
    putColumn(at, events, &Event::worker);
    putColumn(at, events, &Event::kind);
    putColumn(at, events, &Event::reason);
    putColumn(at, events, &Event::object);
    putColumn(at, events, &Event::value);
    putColumn(at, events, &Event::arg);
    return bytes;
}

// Decompresses one zstd frame that must hold exactly `expected` bytes.
bool unpack(const std::string &packed, std::uint64_t expected, std::string &out, std::string &what)
{
    std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx *)> context(ZSTD_createDCtx(),
                                                                     ZSTD_freeDCtx);
    if (!context ||
        ZSTD_isError(ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, kMaxWindowLog))) {
        what = "out of memory";
        return false;
    }
    ZSTD_inBuffer input{packed.data(), packed.size(), 0};
    for (;;) {
        const std::size_t filled = out.size();
        const std::uint64_t step = std::max<std::uint64_t>(kUnpackFirstStep, filled);
        out.resize(filled + std::size_t(std::min<std::uint64_t>(expected - filled, step)));
        ZSTD_outBuffer output{out.data(), out.size(), filled};
        const std::size_t consumed = input.pos;
        const std::size_t status = ZSTD_decompressStream(context.get(), &output, &input);
        if (ZSTD_isError(status)) {
            what = ZSTD_getErrorName(status);
            return false;
        }
        out.resize(output.pos);
        if (status == 0)
            break; // the frame is complete
        if (output.pos == filled && input.pos == consumed) {
            what = out.size() == expected ? "more data than " + std::to_string(expected) + " bytes"
                                          : "the data ends before its frame does";
            return false;
        }
    }
    if (input.pos != input.size || out.size() != expected) {
        what = std::to_string(out.size()) + " bytes where " + std::to_string(expected) +
               " were expected" + (input.pos != input.size ? ", and more after the frame" : "");
        return false;
    }
    return true;
}

void fromColumns(const std::string &bytes, std::vector<Event> &events)
{
    const char *at = bytes.data();
    std::uint64_t time = 0;
    for (Event &e : events) {
        std::uint64_t delta = 0;
        std::memcpy(&delta, at, sizeof delta);
        at += sizeof delta;
        e.timeNs = time += delta;
    }
    getColumn(at, events, &Event::worker);
    getColumn(at, events, &Event::kind);
    getColumn(at, events, &Event::reason);
    getColumn(at, events, &Event::object);
    getColumn(at, events, &Event::value);
    getColumn(at, events, &Event::arg);
}
} // namespace

bool TraceFile::write(const std::string &path, const Trace &trace, std::string *error)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        if (error)
            *error = path + ": cannot open for writing: " + std::strerror(errno);
        return false;
    }
    const std::string meta = trace.meta.serialize();
    out.write(kMagic, sizeof kMagic);
    put(out, std::uint64_t(meta.size()));
    out.write(meta.data(), std::streamsize(meta.size()));
    put(out, std::uint64_t(trace.events.size()));
    put(out, trace.droppedEvents);
    put(out, std::uint32_t(trace.droppedByWorker.size()));
    for (const auto &[worker, lost] : trace.droppedByWorker) {
        put(out, worker);
        put(out, lost);
    }
    const std::string columns = toColumns(trace.events);
    std::string packed(ZSTD_compressBound(columns.size()), '\0');
    const std::size_t packedBytes = ZSTD_compress(packed.data(), packed.size(), columns.data(),
                                                  columns.size(), zstdLevel(columns.size()));
    if (ZSTD_isError(packedBytes)) {
        if (error)
            *error = path + ": cannot compress the events: " + ZSTD_getErrorName(packedBytes);
        return false;
    }
    put(out, std::uint64_t(packedBytes));
    out.write(packed.data(), std::streamsize(packedBytes));
    put(out, std::uint64_t(trace.summaryJson.size()));
    out.write(trace.summaryJson.data(), std::streamsize(trace.summaryJson.size()));
    out.flush();
    if (!out) {
        if (error)
            *error = path + ": write failed: " + std::strerror(errno);
        return false;
    }
    return true;
}

bool TraceFile::read(const std::string &path, Trace &trace, std::string *error)
{
    auto fail = [&](const std::string &what) {
        if (error)
            *error = path + ": " + what;
        return false;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail("is a folder, not a trace file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(std::string("cannot open: ") + std::strerror(errno));
    // Every length and count below is checked against what the file still holds before it
    // sizes anything, so a damaged header cannot ask for more memory than the file's size.
    in.seekg(0, std::ios::end);
    const std::streamoff end = in.tellg();
    in.seekg(0, std::ios::beg);
    if (end < 0 || !in)
        return fail("cannot tell its size (not a regular file?)");
    const auto fileBytes = std::uint64_t(end);
    auto remaining = [&]() -> std::uint64_t {
        const std::streamoff at = in.tellg();
        return at < 0 || std::uint64_t(at) > fileBytes ? 0 : fileBytes - std::uint64_t(at);
    };
    char magic[8];
    if (!in.read(magic, sizeof magic))
        return fail("not a Concurrency Lab trace (bad magic)");
    const bool raw = std::memcmp(magic, kMagicRaw, sizeof magic) == 0;
    if (!raw && std::memcmp(magic, kMagic, sizeof magic) != 0)
        return fail("not a Concurrency Lab trace (bad magic)");
    std::uint64_t metaBytes = 0;
    if (!get(in, metaBytes) || metaBytes > kMaxTextBytes || metaBytes > remaining())
        return fail("truncated or corrupt header length");
    std::string metaText(metaBytes, '\0');
    if (!in.read(metaText.data(), std::streamsize(metaBytes)))
        return fail("truncated header");
    std::string metaError;
    if (!TraceMeta::parse(metaText, trace.meta, &metaError))
        return fail("bad header: " + metaError);
    std::uint64_t count = 0;
    if (!get(in, count))
        return fail("truncated or corrupt event count");
    if (count > kMaxEvents)
        return fail("truncated or corrupt event count: " + std::to_string(count) + " events");
    if (!get(in, trace.droppedEvents))
        return fail("truncated dropped-event count");
    trace.droppedByWorker.clear();
    if (!raw) {
        // Which workers lost them: ascending ids, each a loss, together no more than the total.
        std::uint32_t losers = 0;
        if (!get(in, losers) || losers > TraceMeta::kMaxWorkers ||
            std::uint64_t(losers) * 12 > remaining())
            return fail("truncated or corrupt count of workers that lost events");
        std::uint64_t sum = 0;
        for (std::uint32_t i = 0; i < losers; ++i) {
            std::uint32_t worker = 0;
            std::uint64_t lost = 0;
            if (!get(in, worker) || !get(in, lost))
                return fail("truncated table of workers that lost events");
            if (worker >= TraceMeta::kMaxWorkers || lost == 0 || lost > trace.droppedEvents - sum ||
                (i > 0 && worker <= trace.droppedByWorker.back().first))
                return fail("corrupt table of workers that lost events");
            sum += lost;
            trace.droppedByWorker.emplace_back(worker, lost);
        }
    }
    // The summary's length follows the events.
    const std::uint64_t after = sizeof(std::uint64_t);
    std::uint64_t eventBytes = count * sizeof(Event);
    if (!raw && !get(in, eventBytes))
        return fail("truncated or corrupt length of the compressed events");
    const std::uint64_t room = remaining();
    if (room < after || eventBytes > room - after)
        return fail("truncated or corrupt event count: " + std::to_string(count) +
                    " events do not fit in the file's " + std::to_string(room) +
                    " remaining bytes");
    if (!raw && count > eventBytes * kMaxEventsPerByte)
        return fail("corrupt event count: " + std::to_string(count) + " events cannot come from " +
                    std::to_string(eventBytes) + " compressed bytes");
    trace.events.clear();
    if (raw) {
        trace.events.resize(count);
        if (!in.read(reinterpret_cast<char *>(trace.events.data()),
                     std::streamsize(count * sizeof(Event))))
            return fail("truncated: expected " + std::to_string(count) + " events");
    } else {
        std::string packed(eventBytes, '\0');
        if (!in.read(packed.data(), std::streamsize(eventBytes)))
            return fail("truncated: expected " + std::to_string(eventBytes) +
                        " bytes of compressed events");
        std::string columns;
        std::string what;
        if (!unpack(packed, count * sizeof(Event), columns, what))
            return fail("corrupt compressed events: " + what);
        trace.events.resize(count);
        fromColumns(columns, trace.events);
    }
    std::uint64_t summaryBytes = 0;
    if (!get(in, summaryBytes) || summaryBytes > kMaxTextBytes || summaryBytes > remaining())
        return fail("truncated or corrupt summary length");
    trace.summaryJson.assign(summaryBytes, '\0');
    if (!in.read(trace.summaryJson.data(), std::streamsize(summaryBytes)))
        return fail("truncated summary");
    if (const std::uint64_t extra = remaining(); extra > 0)
        return fail(std::to_string(extra) +
                    " unexpected bytes after the summary (trailing garbage)");
    return true;
}

} // namespace conlab
