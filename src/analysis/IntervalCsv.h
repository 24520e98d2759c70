#pragma once

#include "StateTimeline.h"

#include <string>

namespace conlab {

// One row per state interval: worker,name,pid,tid,state,reason,object,start_ns,end_ns
// (times relative to the start of the run).
class IntervalCsv
{
public:
    static std::string header();
    static std::string format(const StateTimeline &timeline);
    static bool write(const std::string &path, const StateTimeline &timeline, std::string *error);
    // The reason column: block reason, exit cause ("killed by signal 9"), or empty.
    static std::string reasonText(const StateInterval &interval);
};

} // namespace conlab
