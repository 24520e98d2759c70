#pragma once

#include "StateTimeline.h"
#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace conlab {

// Who held each lock over time, and when others were waiting for it meanwhile (contention),
// as Tracy draws lock regions. Built from the lock events and the workers' blocked intervals.
class LockTimeline
{
public:
    // A long run holds a lock millions of times, so a hold is a 24-byte record and the rare
    // changes of a reentrant hold's depth are kept beside the holds, in their lane.
    struct Hold
    {
        std::uint64_t startNs = 0;
        std::uint64_t endNs = 0;
        std::uint32_t owner = 0;
        std::uint16_t maxDepth = 1; // a reentrant lock taken again by its owner (capped)
        bool open = false;          // still held at the end of what was seen
        bool contended = false;     // someone was blocked on this lock while it was held
    };
    // A change of a hold's depth: from `timeNs` on it is `depth`.
    struct DepthStep
    {
        std::uint64_t timeNs = 0;
        std::uint32_t hold = 0; // index into the lane's holds
        std::uint32_t depth = 0;
    };
    struct Lane
    {
        std::uint32_t lock = 0;
        std::vector<Hold> holds;
        std::vector<DepthStep> depthSteps; // in the order of their holds, then of time
        // The depth steps of holds[index], in time order; empty while it was taken once.
        std::span<const DepthStep> stepsOf(std::size_t index) const;
    };

    // Events in any order; they are sorted by time first. `endNs` closes holds still open.
    static LockTimeline build(const TraceMeta &meta, const std::vector<Event> &events,
                              const StateTimeline &states, std::uint64_t endNs);

    const std::vector<Lane> &lanes() const { return m_lanes; }
    // The hold covering `timeNs` on lane `lane`, or nullptr.
    const Hold *holdAt(std::size_t lane, std::uint64_t timeNs) const;
    // Workers blocked on `lock` at `timeNs`, from the worker lanes.
    static std::vector<std::uint32_t> waitersAt(const StateTimeline &states, std::uint32_t lock,
                                                std::uint64_t timeNs);

private:
    std::vector<Lane> m_lanes;
};

} // namespace conlab
