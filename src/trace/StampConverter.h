#pragma once

#include "Event.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace conlab {

// The collector's half of EventClock: turns the TSC ticks workers stamped into
// CLOCK_MONOTONIC ns, so that everything downstream of the collector (stream, trace file,
// checker, GUI) sees one clock. At each collection it takes a (ticks, ns) pair, after
// draining, so that every stamp it converts lies before its newest pair; a stamp is placed by
// linear interpolation between the two pairs around it. The kernel derives CLOCK_MONOTONIC
// from the same counter, linearly between its NTP adjustments, so the error is that of the
// pairs themselves (a few ns) plus any slewing inside one collection period.
class StampConverter
{
public:
    struct Pair
    {
        std::uint64_t ticks = 0;
        std::uint64_t ns = 0;
        // Ticks between the counter reads around clock_gettime: how far off the pair may be.
        std::uint64_t spreadTicks = 0;
    };
    // A pair whose reads were further apart than this (the thread was preempted between them,
    // a millisecond and more on a loaded machine) would misplace every stamp it converts.
    static constexpr std::uint64_t kMaxSpreadTicks = 20'000;

    // Tries until the reads around clock_gettime come close together (or gives the tightest
    // of its tries; addPair() refuses it if it is still too loose).
    static Pair takePair();

    void addPair(const Pair &pair);
    std::size_t pairsTaken() const { return m_pairsTaken; }
    // Pairs left out because their reads were too far apart.
    std::size_t pairsRefused() const { return m_pairsRefused; }
    // Needs two pairs (the runner takes one at the start of a run and one per collection).
    std::uint64_t toNs(std::uint64_t ticks) const;

    // Converts, in place, the events just drained from ring `ring`, in ring order. Untagged
    // stamps are ns already and stay as they are.
    void convert(Event *events, std::size_t count, std::uint32_t ring);
    // Converted events moved forward to keep their worker's order (see convert()).
    std::uint64_t heldBack() const { return m_heldBack; }

private:
    struct LaneStamp
    {
        std::uint64_t ns = 0;
        bool converted = false;
    };

    std::deque<Pair> m_pairs; // ticks ascending, the most recent kKeptPairs
    std::size_t m_pairsTaken = 0;
    std::size_t m_pairsRefused = 0;
    std::uint64_t m_newestNsPerTick = 0; // between the two newest pairs, 32.32 fixed point
    std::vector<LaneStamp> m_lastStamp;  // per ring and worker
    std::uint64_t m_heldBack = 0;
};

} // namespace conlab
