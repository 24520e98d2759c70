#pragma once

#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// Every read and write of the lessons' shared cells (a counter, a ticket stock), in time order,
// with each write judged against what its worker last read: a write made on a value another
// worker has since overwritten is a lost update, and names whose update it lost. Shown as
// marks on the lanes, so the lost update is seen where it happens, not only counted.
class CellAccessLog
{
public:
    enum class Kind : std::uint8_t { Read, Write, Add };
    struct Access
    {
        std::uint64_t timeNs = 0;
        std::uint32_t worker = 0;
        std::uint32_t cell = 0;
        Kind kind = Kind::Read;
        std::int64_t value = 0; // read, written, or the sum after an add
        std::int64_t delta = 0; // of an add
        // A write whose worker last read a value the cell no longer held: it overwrites
        // `overwritten`, written by `overwriter` after that read.
        bool stale = false;
        std::int64_t readValue = 0;
        std::int64_t overwritten = 0;
        std::uint32_t overwriter = 0;
    };

    void reset(const TraceMeta &meta);
    // Events in each worker's own order; workers may interleave and batches may arrive a
    // little out of time order: accesses are kept sorted and judged again on the next read.
    void append(const Event *events, std::size_t count);

    bool empty() const { return m_accesses.empty(); }
    const std::vector<Access> &accesses() const;
    std::size_t staleWrites() const;

private:
    void judge() const;

    std::vector<ObjectInfo> m_cells;
    mutable std::vector<Access> m_accesses;
    mutable bool m_judged = true;
};

} // namespace conlab
