#pragma once

#include "Event.h"
#include "TraceMeta.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conlab {

// A whole recorded run: what it was, every event in time order, and the runner's summary.
struct Trace
{
    TraceMeta meta;
    std::vector<Event> events;
    std::uint64_t droppedEvents = 0;
    // (worker id, events its ring lost), ascending by id, only workers that lost any. What the
    // total holds beyond their sum was lost from the runner's own ring (or from a trace that
    // only kept the total), so no worker can be named for it.
    std::vector<std::pair<std::uint32_t, std::uint64_t>> droppedByWorker;
    std::string summaryJson; // the runner's final JSON line; empty while a run is live
};

} // namespace conlab
