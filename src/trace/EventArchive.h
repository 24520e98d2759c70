#pragma once

#include "Event.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace conlab {

// A run's events, kept small: the window holds every event of a run for saving it and for the
// analyses rebuilt from all of them, and 32 bytes each would be most of its memory (issue 16:
// at most 24 bytes per event in all). Events arrive in batches and are appended to an open
// block; every kBlockEvents of them are packed (each field as a variable-length integer, times
// as differences, then zstd at its fastest level) into a few bytes each. Reading gives them
// back in the order they came, a block at a time.
class EventArchive
{
public:
    static constexpr std::size_t kBlockEvents = 16384;

    void clear();
    void append(const Event *events, std::size_t count);
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // Calls `visit(batch, count)` for every event in order, at most a block at a time; the
    // batch is valid only during the call.
    void forEach(const std::function<void(const Event *, std::size_t)> &visit) const;
    // Every event, unpacked.
    std::vector<Event> events() const;
    // Bytes held: packed blocks, the open block and the bookkeeping.
    std::size_t memoryBytes() const;

private:
    struct Block
    {
        std::string packed;
        std::uint32_t count = 0;
        std::uint32_t encodedBytes = 0; // before zstd
    };
    void seal();
    void unpack(const Block &block, std::vector<Event> &out) const;

    std::vector<Block> m_blocks;
    std::vector<Event> m_open;
    std::size_t m_size = 0;
};

} // namespace conlab
