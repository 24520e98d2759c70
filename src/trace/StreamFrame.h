#pragma once

#include <cstdint>

namespace conlab {

// The live stream from conlab-runner --stream to the GUI, on the runner's stdout:
// frames of { uint32 type, uint32 payloadBytes, payload }.
enum class StreamFrame : std::uint32_t {
    Meta = 1,    // TraceMeta::serialize() text; always the first frame
    Events = 2,  // an array of Event records
    Dropped = 3, // uint64: total events dropped so far
    Summary = 4, // the final JSON summary line; always the last frame
};

struct StreamFrameHeader
{
    StreamFrame type;
    std::uint32_t bytes;
};
static_assert(sizeof(StreamFrameHeader) == 8);

} // namespace conlab
