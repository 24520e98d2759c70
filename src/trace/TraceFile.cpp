#include "TraceFile.h"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace conlab {

namespace {
constexpr char kMagic[8] = {'C', 'O', 'N', 'L', 'A', 'B', 'T', '1'};
// Bounds that keep a corrupt file from asking for absurd allocations.
constexpr std::uint64_t kMaxTextBytes = 16u << 20;
constexpr std::uint64_t kMaxEvents = 1ull << 28;

template <class T> void put(std::ofstream &out, const T &value)
{
    out.write(reinterpret_cast<const char *>(&value), sizeof(T));
}

template <class T> bool get(std::ifstream &in, T &value)
{
    return bool(in.read(reinterpret_cast<char *>(&value), sizeof(T)));
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
    out.write(reinterpret_cast<const char *>(trace.events.data()),
              std::streamsize(trace.events.size() * sizeof(Event)));
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
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0)
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
    // The dropped-event count and the summary length follow the events.
    const std::uint64_t room = remaining();
    const std::uint64_t after = 2 * sizeof(std::uint64_t);
    if (count > kMaxEvents || room < after || count > (room - after) / sizeof(Event))
        return fail("truncated or corrupt event count: " + std::to_string(count) +
                    " events do not fit in the file's " + std::to_string(room) +
                    " remaining bytes");
    if (!get(in, trace.droppedEvents))
        return fail("truncated dropped-event count");
    trace.events.clear();
    trace.events.resize(count);
    if (!in.read(reinterpret_cast<char *>(trace.events.data()),
                 std::streamsize(count * sizeof(Event))))
        return fail("truncated: expected " + std::to_string(count) + " events");
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
