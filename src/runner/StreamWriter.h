#pragma once

#include "trace/Event.h"
#include "trace/StreamFrame.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace conlab {

// Writes the live stream's frames to a file descriptor (the runner's stdout, a pipe to the
// GUI) from a thread of its own. The collector hands frames over and goes straight back to
// draining the workers' rings: a write to a full pipe waits for the reader, and a reader that
// gets little CPU (a window sharing two cores with dozens of busy workers) once kept the
// collector waiting for over a second while the rings overflowed. A reader that went away is
// remembered, not fatal: the run then ends as stopped.
class StreamWriter
{
public:
    explicit StreamWriter(int fd);
    // Writes what is still queued (unless the reader is gone), then ends the thread.
    ~StreamWriter();
    StreamWriter(const StreamWriter &) = delete;
    StreamWriter &operator=(const StreamWriter &) = delete;

    void meta(std::string_view text) { frame(StreamFrame::Meta, text.data(), text.size()); }
    void events(const Event *events, std::size_t count)
    {
        frame(StreamFrame::Events, events, count * sizeof(Event));
    }
    void dropped(std::uint64_t total) { frame(StreamFrame::Dropped, &total, sizeof total); }
    // The last frame: returns once everything before it and it are written.
    void summary(std::string_view json);

    bool readerGone() const { return m_broken.load(std::memory_order_acquire); }

private:
    void frame(StreamFrame type, const void *payload, std::size_t bytes);
    void flush();
    void writeLoop();
    bool writeAll(const char *data, std::size_t bytes);

    // Past this much waiting to be written, frame() waits for the writer: a reader that
    // falls behind for good slows the run rather than growing the queue without end.
    static constexpr std::size_t kMaxQueuedBytes = 256u << 20;

    int m_fd;
    std::atomic<bool> m_broken{false};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_writing = false; // a frame taken from the queue is being written
    bool m_closing = false;
    std::thread m_thread;
};

} // namespace conlab
