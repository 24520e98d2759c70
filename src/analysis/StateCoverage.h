#pragma once

#include "StateInterval.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace conlab {

// How long one lane spent in each kind of state before any instant: the time per kind at
// every kStride-th interval boundary, kept up to date as intervals close. The time each kind
// took within any span (a pixel column at any zoom) is then the difference of two such
// readings, each a table entry plus a walk over fewer than kStride intervals, so drawing a
// zoomed-out lane costs its pixel columns, not its intervals. One table serves every zoom,
// where a pyramid of buckets would need a level per zoom and still round at bucket edges.
class StateCoverage
{
public:
    // The kinds of state a timeline tells apart by colour.
    enum class Kind : std::uint8_t {
        New,
        Ready,
        Running,
        BlockedSync,  // a lock, semaphore or event
        BlockedQueue, // a queue or pipe, full or empty
        Waiting,      // for a join, a result, a sleep, IO or a coroutine switch
        Terminated
    };
    static constexpr std::size_t kKinds = std::size_t(Kind::Terminated) + 1;
    using Totals = std::array<std::uint64_t, kKinds>; // ns per kind

    static Kind kindOf(const StateInterval &interval);
    // The kind that took most of `totals` but Terminated (drawn as a line, not a fill); ties go
    // to the earlier kind. `second` gets the runner-up, or stays unset (false returned for
    // it) when the span held one kind only. False when no kind but Terminated took any time.
    static bool dominant(const Totals &totals, Kind &first, Kind &second, bool &hasSecond);

    StateCoverage();
    // Takes in the intervals of `intervals` (the lane's whole list) closed since the last
    // call. Closed intervals never change again, so this is all an append needs.
    void update(const std::vector<StateInterval> &intervals);
    // The first interval of `intervals` ending after `timeNs` (the open last one counting as
    // ending after everything), found in the table's one entry per kStride intervals, then
    // in one stride: a zoomed-out walk along a lane touches little memory besides. With a
    // `near` index the table is searched outwards from there, so a walk pays for how far it
    // moves.
    static constexpr std::size_t kNowhere = std::size_t(-1);
    std::size_t find(const std::vector<StateInterval> &intervals, std::uint64_t timeNs,
                     std::size_t near = kNowhere) const;
    // Asks the CPU to start loading what find and before will read for `timeNs` (near
    // `near`), so that a walk along columns overlaps one column's memory waits with the work
    // of the columns before it.
    void prefetch(const std::vector<StateInterval> &intervals, std::uint64_t timeNs,
                  std::size_t near) const;
    // Time per kind before `timeNs`; `index` is the first interval ending after `timeNs`
    // (find).
    Totals before(const std::vector<StateInterval> &intervals, std::size_t index,
                  std::uint64_t timeNs) const;

    void compact()
    {
        m_marks.shrink_to_fit();
        m_strideEnds.shrink_to_fit();
    }
    std::size_t memoryBytes() const
    {
        return m_marks.capacity() * sizeof(Totals) +
               m_strideEnds.capacity() * sizeof(std::uint64_t);
    }

    bool operator==(const StateCoverage &other) const
    {
        return m_marks == other.m_marks && m_strideEnds == other.m_strideEnds;
    }

private:
    static constexpr std::size_t kStride = 32;
    std::size_t strideOf(std::uint64_t timeNs, std::size_t near) const;
    std::vector<Totals> m_marks; // [k]: time per kind of intervals [0, k * kStride)
    // [k]: the end of interval (k + 1) * kStride - 1, the last of the k-th closed stride.
    std::vector<std::uint64_t> m_strideEnds;
};

} // namespace conlab
