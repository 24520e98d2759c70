#pragma once

#include "StateTimeline.h"

#include <array>
#include <cstdint>

namespace conlab {

// How often each worker-state transition happened (new -> ready, running -> blocked, ...),
// and when each last happened, for the state diagram.
class StateTransitions
{
public:
    static constexpr std::size_t kStates = 5;

    // Counts transitions that happened at or before `untilNs` (absolute time).
    static StateTransitions count(const StateTimeline &states, std::uint64_t untilNs);

    std::uint64_t count(WorkerState from, WorkerState to) const
    {
        return m_counts[std::size_t(from)][std::size_t(to)];
    }
    // Absolute time of the latest such transition, 0 if never.
    std::uint64_t lastNs(WorkerState from, WorkerState to) const
    {
        return m_last[std::size_t(from)][std::size_t(to)];
    }
    // Workers in each state at `untilNs`.
    std::uint64_t occupancy(WorkerState state) const { return m_occupancy[std::size_t(state)]; }

private:
    std::array<std::array<std::uint64_t, kStates>, kStates> m_counts{};
    std::array<std::array<std::uint64_t, kStates>, kStates> m_last{};
    std::array<std::uint64_t, kStates> m_occupancy{};
};

} // namespace conlab
