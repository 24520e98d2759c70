#include "StateTransitions.h"

namespace conlab {

StateTransitions StateTransitions::count(const StateTimeline &states, std::uint64_t untilNs)
{
    StateTransitions result;
    for (std::size_t laneIndex = 0; laneIndex < states.laneCount(); ++laneIndex) {
        const auto &intervals = states.lane(laneIndex).intervals;
        const StateInterval *current = nullptr;
        for (std::size_t i = 0; i < intervals.size(); ++i) {
            if (intervals[i].startNs > untilNs)
                break;
            if (current && current->state != intervals[i].state) {
                const auto from = std::size_t(current->state);
                const auto to = std::size_t(intervals[i].state);
                ++result.m_counts[from][to];
                result.m_last[from][to] = intervals[i].startNs;
            }
            current = &intervals[i];
        }
        if (current)
            ++result.m_occupancy[std::size_t(current->state)];
    }
    return result;
}

} // namespace conlab
