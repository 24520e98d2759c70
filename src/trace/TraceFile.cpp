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
// The events' columns are decompressed this much at a time and scattered into the events; a
// multiple of every field's size.
constexpr std::size_t kUnpackWindow = 256u << 10;
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

// Sets `field` of events [first, last) from the column's bytes at `at`.
template <class T>
void fill(const char *at, std::vector<Event> &events, std::uint64_t first, std::uint64_t last,
          T Event::*field)
{
    for (std::uint64_t i = first; i < last; ++i, at += sizeof(T))
        std::memcpy(&(events[i].*field), at, sizeof(T));
}

// Scatters the bytes at offset `offset` of the events' columns into `events`: the first
// column (times) makes the events, the others fill them in. Every field lies whole inside
// `bytes`: a column starts at a multiple of its field's size, and so does every window.
void scatter(const char *bytes, std::uint64_t offset, std::size_t length, std::uint64_t count,
             std::vector<Event> &events, std::uint64_t &time)
{
    static constexpr std::size_t kSizes[] = {8, 4, 2, 2, 4, 4, 8};
    std::uint64_t columnStart = 0;
    const std::uint64_t end = offset + length;
    for (std::size_t column = 0; column < std::size(kSizes) && offset < end; ++column) {
        const std::size_t size = kSizes[column];
        const std::uint64_t columnEnd = columnStart + count * size;
        if (offset < columnEnd) {
            const std::uint64_t stop = std::min(end, columnEnd);
            const std::uint64_t first = (offset - columnStart) / size;
            const std::uint64_t last = (stop - columnStart) / size;
            const char *at = bytes + (offset - (end - length));
            switch (column) {
            case 0:
                for (std::uint64_t i = first; i < last; ++i, at += 8) {
                    std::uint64_t delta = 0;
                    std::memcpy(&delta, at, 8);
                    Event e;
                    e.timeNs = time += delta;
                    events.push_back(e);
                }
                break;
            case 1:
                fill(at, events, first, last, &Event::worker);
                break;
            case 2:
                fill(at, events, first, last, &Event::kind);
                break;
            case 3:
                fill(at, events, first, last, &Event::reason);
                break;
            case 4:
                fill(at, events, first, last, &Event::object);
                break;
            case 5:
                fill(at, events, first, last, &Event::value);
                break;
            default:
                fill(at, events, first, last, &Event::arg);
                break;
            }
            offset = stop;
        }
        columnStart = columnEnd;
    }
}

// Decompresses one zstd frame holding `count` events' columns straight into `events`, a
// window at a time: no second copy of the run, and memory grows with what the frame really
// holds, not with what a corrupt count claims.
bool unpackEvents(const std::string &packed, std::uint64_t count, std::vector<Event> &events,
                  std::string &what)
{
    std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx *)> context(ZSTD_createDCtx(),
                                                                     ZSTD_freeDCtx);
    if (!context ||
        ZSTD_isError(ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, kMaxWindowLog))) {
        what = "out of memory";
        return false;
    }
    const std::uint64_t expected = count * sizeof(Event);
    // Room for all of them at once when the count is plausible for the compressed size (real
    // runs pack to a few bytes an event); beyond that the vector grows as events come.
    events.reserve(std::size_t(std::min<std::uint64_t>(count, packed.size() * 16 + 1024)));
    std::string window(kUnpackWindow, '\0');
    ZSTD_inBuffer input{packed.data(), packed.size(), 0};
    std::uint64_t offset = 0;
    std::uint64_t time = 0;
    bool complete = false;
    while (!complete) {
        // Fill the window whole (or to the end of the frame), so that it ends at a multiple of
        // every field's size.
        const std::size_t room = std::size_t(
            std::min<std::uint64_t>(window.size(), expected - std::min(expected, offset)));
        ZSTD_outBuffer output{window.data(), room, 0};
        while (output.pos < output.size || room == 0) {
            const std::size_t before = output.pos;
            const std::size_t consumed = input.pos;
            const std::size_t status = ZSTD_decompressStream(context.get(), &output, &input);
            if (ZSTD_isError(status)) {
                what = ZSTD_getErrorName(status);
                return false;
            }
            if (status == 0) {
                complete = true;
                break;
            }
            if (output.pos == before && input.pos == consumed) {
                what = offset + output.pos == expected
                           ? "more data than " + std::to_string(expected) + " bytes"
                           : "the data ends before its frame does";
                return false;
            }
        }
        scatter(window.data(), offset, output.pos, count, events, time);
        offset += output.pos;
    }
    if (input.pos != input.size || offset != expected) {
        what = std::to_string(offset) + " bytes where " + std::to_string(expected) +
               " were expected" + (input.pos != input.size ? ", and more after the frame" : "");
        return false;
    }
    return true;
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
        std::string what;
        if (!unpackEvents(packed, count, trace.events, what)) {
            trace.events.clear();
            return fail("corrupt compressed events: " + what);
        }
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
