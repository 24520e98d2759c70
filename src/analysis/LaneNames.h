#pragma once

#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

// The real names of a watched program's lanes. The header is written before the program's
// threads exist, so it declares placeholders ("thread-3"); a LaneNamed event (with its
// LaneNamedMore continuations) carries the name the lane got when its thread was first seen
// ("python3 12345"). Fed events in order, this puts each name into a meta as it completes,
// so labels, exports and summaries read TraceMeta::workerName as for any run.
class LaneNames
{
public:
    void clear() { m_pending.clear(); }
    // Applies whatever names `events` complete to `meta`; true if a name changed.
    bool apply(const Event *events, std::size_t count, TraceMeta &meta);
    // A whole trace's names, at once.
    static void applyAll(const std::vector<Event> &events, TraceMeta &meta);

private:
    struct Pending
    {
        std::uint32_t worker = 0;
        std::size_t total = 0;
        std::string text;
    };
    static bool rename(TraceMeta &meta, const Pending &pending);

    std::vector<Pending> m_pending;
};

} // namespace conlab
