#include "WaitForGraph.h"

#include <algorithm>
#include <set>

namespace conlab {

void WaitForGraph::clear()
{
    m_owner.clear();
    m_depth.clear();
    m_waitsFor.clear();
    m_waitSince.clear();
}

void WaitForGraph::apply(const std::vector<Event> &events)
{
    for (const Event &e : events)
        apply(e);
}

void WaitForGraph::apply(const Event &e)
{
    switch (e.kind) {
    case EventKind::Blocked:
        if (BlockReason(e.reason) == BlockReason::Lock) {
            m_waitsFor[e.worker] = e.object;
            m_waitSince[e.worker] = e.timeNs;
        }
        break;
    case EventKind::LockAcquired:
        m_waitsFor.erase(e.worker);
        m_waitSince.erase(e.worker);
        m_owner[e.object] = e.worker;
        m_depth[e.object] = e.value;
        break;
    case EventKind::LockFailed:
        m_waitsFor.erase(e.worker);
        m_waitSince.erase(e.worker);
        break;
    case EventKind::LockReleased:
        m_depth[e.object] = e.value;
        if (e.value == 0)
            m_owner.erase(e.object);
        break;
    case EventKind::Terminated:
        // A dead worker waits for nothing; locks it held stay held (nobody released them).
        m_waitsFor.erase(e.worker);
        m_waitSince.erase(e.worker);
        break;
    default:
        break;
    }
}

std::vector<std::uint32_t> WaitForGraph::locksHeldBy(std::uint32_t worker) const
{
    std::vector<std::uint32_t> locks;
    for (const auto &[lock, owner] : m_owner)
        if (owner == worker)
            locks.push_back(lock);
    return locks;
}

std::vector<WaitForGraph::Cycle> WaitForGraph::cycles() const
{
    std::vector<Cycle> found;
    std::set<std::uint32_t> done; // workers already known to lead to an end or a cycle
    for (const auto &[start, unused] : m_waitsFor) {
        if (done.count(start))
            continue;
        std::vector<std::uint32_t> path;
        std::set<std::uint32_t> onPath;
        std::uint32_t worker = start;
        bool cyclic = false;
        for (;;) {
            if (done.count(worker))
                break;
            if (onPath.count(worker)) {
                cyclic = true;
                break;
            }
            path.push_back(worker);
            onPath.insert(worker);
            const auto wait = m_waitsFor.find(worker);
            if (wait == m_waitsFor.end())
                break;
            const auto owner = m_owner.find(wait->second);
            if (owner == m_owner.end())
                break; // free lock: the waiter is about to get it
            worker = owner->second;
        }
        if (cyclic) {
            Cycle cycle;
            const auto from = std::find(path.begin(), path.end(), worker);
            cycle.workers.assign(from, path.end());
            // Start the cycle at its smallest worker so the same cycle always reads the same.
            std::rotate(cycle.workers.begin(),
                        std::min_element(cycle.workers.begin(), cycle.workers.end()),
                        cycle.workers.end());
            for (const std::uint32_t w : cycle.workers) {
                cycle.locks.push_back(m_waitsFor.at(w));
                cycle.formedNs = std::max(cycle.formedNs, m_waitSince.at(w));
            }
            found.push_back(std::move(cycle));
        }
        done.insert(path.begin(), path.end());
    }
    std::sort(found.begin(), found.end(),
              [](const Cycle &a, const Cycle &b) { return a.workers.front() < b.workers.front(); });
    return found;
}

} // namespace conlab
