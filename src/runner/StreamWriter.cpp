#include "StreamWriter.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace conlab {

StreamWriter::StreamWriter(int fd) : m_fd(fd), m_thread([this] { writeLoop(); }) {}

StreamWriter::~StreamWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void StreamWriter::frame(StreamFrame type, const void *payload, std::size_t bytes)
{
    if (readerGone())
        return;
    // Large batches are split so a frame's size always fits its 32-bit length.
    const auto *data = static_cast<const char *>(payload);
    constexpr std::size_t kMaxFrame = 1u << 20;
    std::unique_lock lock(m_mutex);
    do {
        const std::size_t chunk = bytes < kMaxFrame ? bytes : kMaxFrame - kMaxFrame % 32;
        const StreamFrameHeader header{type, std::uint32_t(chunk)};
        std::string framed(sizeof header + chunk, '\0');
        std::memcpy(framed.data(), &header, sizeof header);
        std::memcpy(framed.data() + sizeof header, data, chunk);
        m_changed.wait(lock, [this] { return m_queuedBytes < kMaxQueuedBytes || readerGone(); });
        if (readerGone())
            return;
        m_queuedBytes += framed.size();
        m_queue.push_back(std::move(framed));
        data += chunk;
        bytes -= chunk;
    } while (bytes > 0);
    lock.unlock();
    m_changed.notify_all();
}

void StreamWriter::summary(std::string_view json)
{
    frame(StreamFrame::Summary, json.data(), json.size());
    flush();
}

void StreamWriter::flush()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return (m_queue.empty() && !m_writing) || readerGone(); });
}

void StreamWriter::writeLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty())
            return; // closing, and everything is written
        std::string framed = std::move(m_queue.front());
        m_queue.pop_front();
        m_writing = true;
        lock.unlock();
        const bool written = !readerGone() && writeAll(framed.data(), framed.size());
        lock.lock();
        m_writing = false;
        m_queuedBytes -= framed.size();
        if (!written) {
            m_broken.store(true, std::memory_order_release);
            m_queue.clear();
            m_queuedBytes = 0;
        }
        m_changed.notify_all();
    }
}

bool StreamWriter::writeAll(const char *data, std::size_t bytes)
{
    while (bytes > 0) {
        const ssize_t written = ::write(m_fd, data, bytes);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        bytes -= std::size_t(written);
    }
    return true;
}

} // namespace conlab
