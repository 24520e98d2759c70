#pragma once

#include "trace/Event.h"

#include <algorithm>

namespace conlab {

// Puts events (or pointers to them) in time order, keeping the recorded order of equal times.
// A collector's trace is already in order, and a stable sort would still cost n log n moves
// on ten million events: it is only sorted when it is not.
template <class Iterator> void sortByTime(Iterator begin, Iterator end)
{
    const auto earlier = [](const auto &a, const auto &b) {
        if constexpr (std::is_pointer_v<std::decay_t<decltype(a)>>)
            return a->timeNs < b->timeNs;
        else
            return a.timeNs < b.timeNs;
    };
    if (!std::is_sorted(begin, end, earlier))
        std::stable_sort(begin, end, earlier);
}

} // namespace conlab
