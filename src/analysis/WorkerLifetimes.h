#pragma once

#include "trace/Event.h"

#include <cstdint>
#include <vector>

namespace conlab {

// When each worker was created, began to run and ended, and how it ended: the facts chapter
// 1's lessons are about (who overlapped whom, who was cut off), read from the trace.
class WorkerLifetimes
{
public:
    struct Life
    {
        std::uint64_t createdNs = 0; // WorkerNew; 0 if never created
        std::uint64_t startedNs = 0; // WorkerStarted
        std::uint64_t endedNs = 0;   // Terminated; 0 if it never ended
        ExitCause cause = ExitCause::Normal;
        std::int64_t exitArg = 0; // the signal for Signal/DaemonEnded, the code for Failed
    };

    static WorkerLifetimes build(const std::vector<Event> &events, std::uint32_t workerCount);

    const Life &life(std::uint32_t worker) const { return m_lives[worker]; }
    std::uint32_t workerCount() const { return std::uint32_t(m_lives.size()); }
    // The most workers other than main alive at once, from creation to end.
    int maxConcurrent() const;
    int countEndedBy(ExitCause cause) const;

private:
    std::vector<Life> m_lives;
};

} // namespace conlab
