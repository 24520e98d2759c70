#pragma once

#include "analysis/RunRecording.h"

#include <utility>
#include <vector>

// Takes hand-made events into `run` as the window takes in a trace file.
inline void loadRun(conlab::RunRecording &run, const conlab::TraceMeta &meta,
                    std::vector<conlab::Event> events)
{
    conlab::Trace trace;
    trace.meta = meta;
    trace.events = std::move(events);
    run.load(trace);
}
