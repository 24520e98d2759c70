#include "LockOrderGraph.h"

#include <algorithm>
#include <functional>

namespace conlab {

void LockOrderGraph::apply(const std::vector<Event> &events)
{
    for (const Event &e : events)
        apply(e);
}

void LockOrderGraph::apply(const Event &e)
{
    if (e.kind == EventKind::LockAcquired) {
        auto &held = m_held[e.worker];
        // Taking a reentrant lock again adds no order: it is already held.
        if (std::find(held.begin(), held.end(), e.object) != held.end())
            return;
        for (const std::uint32_t before : held) {
            if (m_seen.insert({before, e.object}).second)
                m_edges.push_back({before, e.object, e.worker, e.timeNs});
        }
        held.push_back(e.object);
    } else if (e.kind == EventKind::LockReleased && e.value == 0) {
        auto &held = m_held[e.worker];
        held.erase(std::remove(held.begin(), held.end(), e.object), held.end());
    } else if (e.kind == EventKind::Terminated) {
        m_held.erase(e.worker);
    }
}

std::vector<std::vector<LockOrderGraph::Edge>> LockOrderGraph::cycles() const
{
    // Small graphs (a few locks): a depth-first search from each lock, keeping only cycles
    // whose smallest lock is the start, finds each elementary cycle exactly once.
    std::map<std::uint32_t, std::vector<const Edge *>> out;
    for (const Edge &edge : m_edges)
        out[edge.from].push_back(&edge);
    std::vector<std::vector<Edge>> found;
    std::vector<const Edge *> path;
    std::set<std::uint32_t> onPath;
    std::function<void(std::uint32_t, std::uint32_t)> visit = [&](std::uint32_t start,
                                                                  std::uint32_t lock) {
        for (const Edge *edge : out[lock]) {
            if (edge->to == start) {
                std::vector<Edge> cycle;
                for (const Edge *e : path)
                    cycle.push_back(*e);
                cycle.push_back(*edge);
                found.push_back(std::move(cycle));
            } else if (edge->to > start && !onPath.count(edge->to)) {
                onPath.insert(edge->to);
                path.push_back(edge);
                visit(start, edge->to);
                path.pop_back();
                onPath.erase(edge->to);
            }
        }
    };
    for (const auto &[lock, unused] : out) {
        onPath = {lock};
        visit(lock, lock);
    }
    return found;
}

} // namespace conlab
