#pragma once

#include "trace/Event.h"
#include "trace/StreamFrame.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace conlab {

// Writes the live stream's frames to a file descriptor (the runner's stdout, a pipe to the
// GUI). A reader that went away is remembered, not fatal: the run then ends as stopped.
class StreamWriter
{
public:
    explicit StreamWriter(int fd) : m_fd(fd) {}

    void meta(std::string_view text) { frame(StreamFrame::Meta, text.data(), text.size()); }
    void events(const Event *events, std::size_t count)
    {
        frame(StreamFrame::Events, events, count * sizeof(Event));
    }
    void dropped(std::uint64_t total) { frame(StreamFrame::Dropped, &total, sizeof total); }
    void summary(std::string_view json) { frame(StreamFrame::Summary, json.data(), json.size()); }

    bool readerGone() const { return m_broken; }

private:
    void frame(StreamFrame type, const void *payload, std::size_t bytes);
    bool writeAll(const void *data, std::size_t bytes);

    int m_fd;
    bool m_broken = false;
};

} // namespace conlab
