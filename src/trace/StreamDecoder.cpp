#include "StreamDecoder.h"

#include "StreamFrame.h"

#include <cstring>
#include <string_view>

namespace conlab {

namespace {
// Larger frames than this never come from the runner; they mean the stream is out of step.
constexpr std::uint32_t kMaxFrameBytes = 64u << 20;
} // namespace

void StreamDecoder::reset()
{
    m_buffer.clear();
    m_offset = 0;
    m_error.clear();
}

bool StreamDecoder::feed(const char *data, std::size_t bytes)
{
    if (!m_error.empty())
        return false;
    m_buffer.insert(m_buffer.end(), data, data + bytes);
    const bool ok = decodeFrames();
    // Compact only now and then, so a stream of small frames costs no quadratic copying.
    if (m_offset > 0 && (m_offset == m_buffer.size() || m_offset > (1u << 20))) {
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(m_offset));
        m_offset = 0;
    }
    return ok;
}

bool StreamDecoder::decodeFrames()
{
    while (m_buffer.size() - m_offset >= sizeof(StreamFrameHeader)) {
        StreamFrameHeader header;
        std::memcpy(&header, m_buffer.data() + m_offset, sizeof header);
        if (header.bytes > kMaxFrameBytes) {
            m_error = "stream frame of " + std::to_string(header.bytes) + " bytes is too large";
            return false;
        }
        const std::size_t total = sizeof header + header.bytes;
        if (m_buffer.size() - m_offset < total)
            return true;
        const char *payload = m_buffer.data() + m_offset + sizeof header;
        switch (header.type) {
        case StreamFrame::Meta: {
            TraceMeta meta;
            std::string parseError;
            if (!TraceMeta::parse(std::string_view(payload, header.bytes), meta, &parseError)) {
                m_error = "stream header: " + parseError;
                return false;
            }
            m_sink.onMeta(meta);
            break;
        }
        case StreamFrame::Events: {
            const std::size_t count = header.bytes / sizeof(Event);
            // Copied out because the payload inside the byte buffer may be misaligned.
            m_scratch.resize(count);
            std::memcpy(m_scratch.data(), payload, count * sizeof(Event));
            m_sink.onEvents(m_scratch.data(), count);
            break;
        }
        case StreamFrame::Dropped: {
            std::uint64_t total = 0;
            if (header.bytes >= sizeof total)
                std::memcpy(&total, payload, sizeof total);
            m_sink.onDropped(total);
            break;
        }
        case StreamFrame::Summary:
            m_sink.onSummary(std::string(payload, header.bytes));
            break;
        default:
            m_error = "unknown stream frame type " + std::to_string(std::uint32_t(header.type));
            return false;
        }
        m_offset += total;
    }
    return true;
}

} // namespace conlab
