#pragma once

#include "Event.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conlab {

// Packs a printed line into Output and OutputMore events (16 bytes of text each) and unpacks
// one event's share again. Fixed-size events keep the rings lock-free and allocation-free;
// a line costs one event per 16 bytes.
class OutputText
{
public:
    static constexpr std::size_t kBytesPerEvent = 16;
    // Longer lines are cut here: a lane marker or a table row shows no more.
    static constexpr std::size_t kMaxBytes = 240;

    // The events that carry `text` for `worker` at `timeNs`, Output first. The same packing
    // carries a lane's name: `first` LaneNamed, `more` LaneNamedMore.
    static std::vector<Event> encode(std::uint32_t worker, std::uint64_t timeNs,
                                     std::string_view text, EventKind first = EventKind::Output,
                                     EventKind more = EventKind::OutputMore);
    // Appends the bytes `e` carries (at most 16, fewer in the line's last event) to `text`;
    // `total` is the line's length from its Output event.
    static void appendChunk(const Event &e, std::size_t total, std::string &text);
};

} // namespace conlab
