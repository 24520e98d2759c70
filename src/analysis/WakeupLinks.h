#pragma once

#include "trace/Event.h"

#include <cstdint>
#include <vector>

namespace conlab {

// "Unblocked by", as Go's trace viewer and Visual Studio's Concurrency Visualizer draw it:
// for every wait that ended because another worker did something (released the lock, posted
// the semaphore, set the event, put into or took from the queue), a link from that action to
// the moment the waiter woke. Waits that ended on their own (a timeout) get no link.
class WakeupLinks
{
public:
    struct Link
    {
        std::uint32_t waker = 0;
        std::uint64_t wakerNs = 0;
        std::uint32_t wakee = 0;
        std::uint64_t wakeNs = 0;
        std::uint32_t object = 0;
    };

    // Events in any order; they are sorted by time first.
    static std::vector<Link> build(const std::vector<Event> &events);
};

} // namespace conlab
