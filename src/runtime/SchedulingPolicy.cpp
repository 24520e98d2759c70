#include "SchedulingPolicy.h"

namespace conlab {

std::size_t pickNext(SchedulingPolicy policy, const ReadyEntry *ready, std::size_t count)
{
    switch (policy) {
    case SchedulingPolicy::Fcfs:
        break;
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < count; ++i)
        if (ready[i].arrival < ready[best].arrival)
            best = i;
    return best;
}

bool shouldPreempt(SchedulingPolicy policy, const ReadyEntry *, std::size_t, std::uint64_t)
{
    switch (policy) {
    case SchedulingPolicy::Fcfs:
        return false;
    }
    return false;
}

const char *toString(SchedulingPolicy policy)
{
    switch (policy) {
    case SchedulingPolicy::Fcfs:
        return "fcfs";
    }
    return "unknown";
}

bool parsePolicy(std::string_view text, SchedulingPolicy &policy)
{
    if (text == "fcfs") {
        policy = SchedulingPolicy::Fcfs;
        return true;
    }
    return false;
}

} // namespace conlab
