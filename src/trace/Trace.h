#pragma once

#include "Event.h"
#include "TraceMeta.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// A whole recorded run: what it was, every event in time order, and the runner's summary.
struct Trace
{
    TraceMeta meta;
    std::vector<Event> events;
    std::uint64_t droppedEvents = 0;
    std::string summaryJson; // the runner's final JSON line; empty while a run is live
};

} // namespace conlab
