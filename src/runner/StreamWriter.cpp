#include "StreamWriter.h"

#include <cerrno>
#include <unistd.h>

namespace conlab {

void StreamWriter::frame(StreamFrame type, const void *payload, std::size_t bytes)
{
    // Large batches are split so a frame's size always fits its 32-bit length.
    const auto *data = static_cast<const char *>(payload);
    constexpr std::size_t kMaxFrame = 1u << 20;
    do {
        const std::size_t chunk = bytes < kMaxFrame ? bytes : kMaxFrame - kMaxFrame % 32;
        const StreamFrameHeader header{type, std::uint32_t(chunk)};
        if (!writeAll(&header, sizeof header) || !writeAll(data, chunk))
            return;
        data += chunk;
        bytes -= chunk;
    } while (bytes > 0);
}

bool StreamWriter::writeAll(const void *data, std::size_t bytes)
{
    if (m_broken)
        return false;
    const auto *p = static_cast<const char *>(data);
    while (bytes > 0) {
        const ssize_t written = ::write(m_fd, p, bytes);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            m_broken = true;
            return false;
        }
        p += written;
        bytes -= std::size_t(written);
    }
    return true;
}

} // namespace conlab
