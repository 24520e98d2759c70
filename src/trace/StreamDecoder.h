#pragma once

#include "Event.h"
#include "TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// Turns the bytes of a live runner stream (StreamFrame.h) back into meta, event batches,
// drop counts and the summary. Bytes may arrive split anywhere; whole frames are handed to
// the callbacks as soon as they are complete.
class StreamDecoder
{
public:
    class Sink
    {
    public:
        virtual ~Sink() = default;
        virtual void onMeta(const TraceMeta &meta) = 0;
        virtual void onEvents(const Event *events, std::size_t count) = 0;
        virtual void onDropped(std::uint64_t total) = 0;
        virtual void onSummary(const std::string &json) = 0;
    };

    explicit StreamDecoder(Sink &sink) : m_sink(sink) {}

    // Returns false once the stream is corrupt (an unknown frame type or a header that
    // cannot be parsed); error() then says what was wrong and later bytes are ignored.
    bool feed(const char *data, std::size_t bytes);
    const std::string &error() const { return m_error; }
    // Forgets partial frames and errors, for the next stream.
    void reset();
    // Bytes of an incomplete frame still waiting for the rest.
    std::size_t pendingBytes() const { return m_buffer.size() - m_offset; }

private:
    bool decodeFrames();

    Sink &m_sink;
    std::vector<char> m_buffer;
    std::size_t m_offset = 0;
    std::vector<Event> m_scratch;
    std::string m_error;
};

} // namespace conlab
