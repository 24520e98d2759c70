#pragma once

#include "trace/Event.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// The lines workers printed, reassembled from Output/OutputMore events as they arrive. A
// line whose continuation has not arrived yet (a collection drained the ring between two of
// its events) waits until it is whole, so a live reader never shows half a line.
class OutputLog
{
public:
    struct Line
    {
        std::uint64_t timeNs = 0;
        std::uint32_t worker = 0;
        std::string text;
    };

    void clear();
    // Events in each worker's own order; workers may interleave.
    void append(const Event *events, std::size_t count);
    void append(const std::vector<Event> &events) { append(events.data(), events.size()); }

    // Whole lines in the order they were printed (by time; one worker's lines keep theirs).
    const std::vector<Line> &lines() const { return m_lines; }
    // Lines that became whole in the last append(), a suffix of lines().
    std::size_t firstNewLine() const { return m_firstNew; }

    static std::vector<Line> collect(const std::vector<Event> &events);

private:
    struct Pending
    {
        std::uint32_t worker = 0;
        std::size_t total = 0;
        Line line;
    };
    void complete(Pending &pending);

    std::vector<Pending> m_pending;
    std::vector<Line> m_lines;
    std::size_t m_firstNew = 0;
};

} // namespace conlab
