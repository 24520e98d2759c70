#pragma once

#include "trace/Event.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace conlab {

// Which lock was taken while holding which, over a whole run, as lockdep and
// ThreadSanitizer record it. A cycle here is a potential deadlock even if the run never
// deadlocked: two workers that take A then B and B then A can block each other some day.
class LockOrderGraph
{
public:
    struct Edge
    {
        std::uint32_t from = 0;   // held
        std::uint32_t to = 0;     // then acquired
        std::uint32_t worker = 0; // the first worker seen doing it
        std::uint64_t timeNs = 0;
    };

    void apply(const Event &event);
    void apply(const std::vector<Event> &events);

    const std::vector<Edge> &edges() const { return m_edges; }
    // Each elementary cycle once, as the edges that form it, smallest lock id first.
    std::vector<std::vector<Edge>> cycles() const;

private:
    std::map<std::uint32_t, std::vector<std::uint32_t>> m_held; // worker -> locks, in order
    std::set<std::pair<std::uint32_t, std::uint32_t>> m_seen;
    std::vector<Edge> m_edges;
};

} // namespace conlab
