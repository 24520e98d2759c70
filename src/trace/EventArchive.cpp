#include "EventArchive.h"

#include <stdexcept>
#include <zstd.h>

namespace conlab {

namespace {

// zstd's fastest level: a block of 16384 events packs in well under a millisecond, so taking
// in a run keeps pace with the stream, and the varints already removed most of the bulk.
constexpr int kZstdLevel = 1;

// Writes at `out`, which has room for the longest (10 bytes), and moves it on.
void putVarint(std::uint8_t *&out, std::uint64_t value)
{
    while (value >= 0x80) {
        *out++ = std::uint8_t(value) | 0x80;
        value >>= 7;
    }
    *out++ = std::uint8_t(value);
}

std::uint64_t zigzag(std::int64_t value)
{
    return (std::uint64_t(value) << 1) ^ std::uint64_t(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value)
{
    return std::int64_t(value >> 1) ^ -std::int64_t(value & 1);
}

// The bytes are our own, packed in this process: a failure here is a bug, not bad input.
[[gnu::noinline]] std::uint64_t getLongVarint(const std::uint8_t *&at, const std::uint8_t *end)
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (at == end)
            throw std::logic_error("EventArchive: a packed block ends inside a number");
        const std::uint8_t byte = *at++;
        value |= std::uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    throw std::logic_error("EventArchive: a packed number is too long");
}

// Most fields fit one byte (a worker, a kind, a small object or value): that case inline.
inline std::uint64_t getVarint(const std::uint8_t *&at, const std::uint8_t *end)
{
    if (at != end && *at < 0x80) [[likely]]
        return *at++;
    return getLongVarint(at, end);
}

} // namespace

void EventArchive::clear()
{
    m_blocks.clear();
    m_blocks.shrink_to_fit();
    m_open.clear();
    m_open.shrink_to_fit();
    m_size = 0;
}

void EventArchive::append(const Event *events, std::size_t count)
{
    m_size += count;
    while (count > 0) {
        const std::size_t take = std::min(count, kBlockEvents - m_open.size());
        m_open.insert(m_open.end(), events, events + take);
        events += take;
        count -= take;
        if (m_open.size() == kBlockEvents)
            seal();
    }
}

void EventArchive::seal()
{
    // Field by field, each a difference from the event before where that makes it small: times
    // rise, and a worker, kind or object tends to repeat.
    // At most 10 bytes for the time and each 64-bit field, 5 for each 32-bit one, 3 for each
    // 16-bit one.
    constexpr std::size_t kMaxEventBytes = 10 + 5 + 3 + 3 + 5 + 5 + 10;
    std::vector<std::uint8_t> encoded(m_open.size() * kMaxEventBytes);
    std::uint8_t *out = encoded.data();
    std::uint64_t lastTime = 0;
    for (const Event &e : m_open) {
        putVarint(out, zigzag(std::int64_t(e.timeNs - lastTime)));
        lastTime = e.timeNs;
        putVarint(out, e.worker);
        putVarint(out, std::uint16_t(e.kind));
        putVarint(out, e.reason);
        putVarint(out, e.object);
        putVarint(out, e.value);
        putVarint(out, zigzag(e.arg));
    }
    encoded.resize(std::size_t(out - encoded.data()));
    Block block;
    block.count = std::uint32_t(m_open.size());
    block.encodedBytes = std::uint32_t(encoded.size());
    block.packed.resize(ZSTD_compressBound(encoded.size()));
    const std::size_t packed = ZSTD_compress(block.packed.data(), block.packed.size(),
                                             encoded.data(), encoded.size(), kZstdLevel);
    if (ZSTD_isError(packed))
        throw std::runtime_error(std::string("EventArchive: ") + ZSTD_getErrorName(packed));
    block.packed.resize(packed);
    block.packed.shrink_to_fit();
    m_blocks.push_back(std::move(block));
    m_open.clear();
}

void EventArchive::unpack(const Block &block, std::vector<Event> &out) const
{
    std::string encoded(block.encodedBytes, '\0');
    const std::size_t got =
        ZSTD_decompress(encoded.data(), encoded.size(), block.packed.data(), block.packed.size());
    if (ZSTD_isError(got) || got != encoded.size())
        throw std::logic_error("EventArchive: a packed block does not unpack");
    const auto *at = reinterpret_cast<const std::uint8_t *>(encoded.data());
    const auto *end = at + encoded.size();
    std::uint64_t time = 0;
    for (std::uint32_t i = 0; i < block.count; ++i) {
        Event e;
        time += std::uint64_t(unzigzag(getVarint(at, end)));
        e.timeNs = time;
        e.worker = std::uint32_t(getVarint(at, end));
        e.kind = EventKind(getVarint(at, end));
        e.reason = std::uint16_t(getVarint(at, end));
        e.object = std::uint32_t(getVarint(at, end));
        e.value = std::uint32_t(getVarint(at, end));
        e.arg = unzigzag(getVarint(at, end));
        out.push_back(e);
    }
}

void EventArchive::forEach(const std::function<void(const Event *, std::size_t)> &visit) const
{
    std::vector<Event> batch;
    batch.reserve(kBlockEvents);
    for (const Block &block : m_blocks) {
        batch.clear();
        unpack(block, batch);
        visit(batch.data(), batch.size());
    }
    if (!m_open.empty())
        visit(m_open.data(), m_open.size());
}

std::vector<Event> EventArchive::events() const
{
    std::vector<Event> out;
    out.reserve(m_size);
    for (const Block &block : m_blocks)
        unpack(block, out);
    out.insert(out.end(), m_open.begin(), m_open.end());
    return out;
}

std::size_t EventArchive::memoryBytes() const
{
    std::size_t bytes = m_blocks.capacity() * sizeof(Block) + m_open.capacity() * sizeof(Event);
    for (const Block &block : m_blocks)
        bytes += block.packed.capacity();
    return bytes;
}

} // namespace conlab
