#include "WorkerLifetimes.h"

#include <algorithm>
#include <utility>

namespace conlab {

WorkerLifetimes WorkerLifetimes::build(const std::vector<Event> &events, std::uint32_t workerCount)
{
    WorkerLifetimes lifetimes;
    lifetimes.m_lives.resize(workerCount);
    for (const Event &e : events) {
        if (e.worker >= workerCount)
            continue;
        Life &life = lifetimes.m_lives[e.worker];
        if (e.kind == EventKind::WorkerNew && life.createdNs == 0) {
            life.createdNs = e.timeNs;
        } else if (e.kind == EventKind::WorkerStarted && life.startedNs == 0) {
            life.startedNs = e.timeNs;
        } else if (e.kind == EventKind::Terminated && life.endedNs == 0) {
            life.endedNs = e.timeNs;
            life.cause = ExitCause(e.reason);
            life.exitArg = e.arg;
        }
    }
    return lifetimes;
}

int WorkerLifetimes::maxConcurrent() const
{
    std::vector<std::pair<std::uint64_t, int>> changes;
    for (std::uint32_t worker = 1; worker < m_lives.size(); ++worker) {
        const Life &life = m_lives[worker];
        if (life.createdNs == 0)
            continue;
        changes.emplace_back(life.createdNs, +1);
        if (life.endedNs != 0)
            changes.emplace_back(life.endedNs, -1);
    }
    // At one instant an end comes before a start: a worker joined, then the next created.
    std::sort(changes.begin(), changes.end());
    int alive = 0;
    int most = 0;
    for (const auto &[time, change] : changes) {
        alive += change;
        most = std::max(most, alive);
    }
    return most;
}

int WorkerLifetimes::countEndedBy(ExitCause cause) const
{
    return int(std::count_if(m_lives.begin(), m_lives.end(), [cause](const Life &life) {
        return life.endedNs != 0 && life.cause == cause;
    }));
}

} // namespace conlab
