#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace conlab {

struct SchedulerConfig;

// How the virtual-CPU gate picks the next worker. A policy is a set of pure functions over the
// ready list and the running jobs, so it can live in shared memory as plain data, be
// unit-tested on hand-made input, drive the pure simulator and the real gate alike, and be
// swapped without touching the gate.
enum class SchedulingPolicy : std::uint32_t {
    Fcfs = 0,       // first come, first served, never preempts
    Sjf = 1,        // shortest next CPU burst first, never preempts
    Srtf = 2,       // shortest remaining time first; a shorter arrival preempts
    RoundRobin = 3, // arrival order, a running job goes to the back when its quantum ends
    Priority = 4,   // lowest priority number first; preemptive or not, optional aging
    Mlfq = 5,       // multi-level feedback queue
};

// An MLFQ job's place in the queues, carried from one burst to the next.
struct QueueLevel
{
    std::uint32_t level = 0;
    std::uint64_t usedNs = 0; // CPU time used at this level
    std::uint64_t epoch = 0;  // boosts that have happened since time zero
};

struct ReadyEntry
{
    std::uint32_t worker = 0;
    std::uint64_t arrival = 0; // order of arrival in the ready list
    std::int32_t priority = 0;
    // Filled for workers that describe their jobs to the gate; left zero, the entry keeps the
    // plain arrival order above.
    bool hinted = false;
    // When it became ready: the planned instant for an arrival or the end of an IO burst, the
    // decision's instant for a preempted job. Ties go to rank 0 (arrived or back from IO)
    // before rank 1 (preempted), then to the lower worker id, as textbooks list them.
    std::uint64_t readyAtNs = 0;
    std::uint32_t rank = 0;
    std::uint64_t burstNs = 0;     // the whole CPU burst it is in
    std::uint64_t remainingNs = 0; // what is left of it
    QueueLevel queue = {};         // MLFQ, before any boost since it was recorded
};

// A job holding a CPU, as the policy sees it.
struct RunningJob
{
    std::uint32_t worker = 0;
    std::int32_t priority = 0;
    std::uint64_t startNs = 0; // when this turn on the CPU began
    std::uint64_t remainingAtStartNs = 0;
    // Round robin: when the current quantum began. MLFQ: since when CPU time is counted at
    // queue.level, on top of queue.usedNs.
    std::uint64_t sliceStartNs = 0;
    std::uint64_t levelSinceNs = 0; // MLFQ: when the job reached its level
    QueueLevel queue;

    std::uint64_t remainingNs(std::uint64_t nowNs) const
    {
        const std::uint64_t ran = nowNs > startNs ? nowNs - startNs : 0;
        return ran < remainingAtStartNs ? remainingAtStartNs - ran : 0;
    }
};

// What a check point decided for a running job.
struct Verdict
{
    bool yield = false;
    std::uint64_t decisionNs = 0; // the instant the policy took the CPU (a quantum's end, ...)
};

// Index into `ready` (count > 0) of the worker to dispatch next.
std::size_t pickNext(SchedulingPolicy policy, const ReadyEntry *ready, std::size_t count);

// The ready list's order at equal policy keys (see ReadyEntry).
bool comesBefore(const ReadyEntry &a, const ReadyEntry &b);
// What the policy sorts ready jobs by at `nowNs`; smaller goes first.
std::int64_t policyKey(const SchedulerConfig &config, const ReadyEntry &entry, std::uint64_t nowNs);
// The same for a running job.
std::int64_t policyKey(const SchedulerConfig &config, const RunningJob &job, std::uint64_t nowNs);
// Index into `ready` (count > 0) of the entry to dispatch at `nowNs`; entries must be due.
std::size_t pickNext(const SchedulerConfig &config, const ReadyEntry *ready, std::size_t count,
                     std::uint64_t nowNs);

// MLFQ boosts that have happened by `nowNs`, and a job's level once they are applied.
std::uint64_t boostEpoch(const SchedulerConfig &config, std::uint64_t nowNs);
QueueLevel boosted(const SchedulerConfig &config, QueueLevel queue, std::uint64_t nowNs);

// A dispatch at `nowNs`: the entry's job starts a turn on a CPU (a fresh quantum under round
// robin; MLFQ goes on counting the job's time at its level).
RunningJob startRunning(const SchedulerConfig &config, const ReadyEntry &entry, QueueLevel queue,
                        std::uint64_t nowNs);
// The job leaves its CPU at `nowNs` (burst done, blocked or preempted): its queue position.
QueueLevel stopRunning(const SchedulerConfig &config, const RunningJob &job, std::uint64_t nowNs);
// The next instant the policy looks at `job` although nothing else happened: its quantum ends
// or a boost falls. UINT64_MAX if never.
std::uint64_t nextQuantumEventNs(const SchedulerConfig &config, const RunningJob &job);
// A check point for `job` at `nowNs`, deciding in time order as if it had come at every
// instant since the last one: it yields when more ready jobs became strictly better than it
// than there are free CPUs and running jobs worse than it (those go first), and at a quantum's
// end if a job ready by then is as good; it moves past each quantum end and boost (restarting
// its quantum, moving it down a level). The verdict's instant is when the policy took the
// CPU. `ready` holds only due entries; `others` are the jobs on the other CPUs.
Verdict checkRunning(const SchedulerConfig &config, RunningJob &job, const RunningJob *others,
                     std::size_t otherCount, const ReadyEntry *ready, std::size_t readyCount,
                     std::uint32_t freeCpus, std::uint64_t nowNs);

const char *toString(SchedulingPolicy policy);
bool parsePolicy(std::string_view text, SchedulingPolicy &policy);

} // namespace conlab
