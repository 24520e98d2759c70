#pragma once

#include "EventRecorder.h"
#include "Futex.h"
#include "ProcessMutex.h"
#include "SchedulerConfig.h"
#include "SchedulingPolicy.h"
#include "WorkerTable.h"

#include <atomic>
#include <cstdint>

namespace conlab {

class Arena;

// The virtual CPUs: a worker runs a compute burst only while it holds one of V slots, so
// "ready" (waiting for a slot) and "running" (holding one) are real, observable states even
// when the kernel has more cores than V. Lives in the arena and serves threads and processes
// alike. Every state event that gives up a slot is recorded under the gate's lock before the
// slot is handed on, so a trace never shows more than V workers running at once.
//
// By default it serves workers first come, first served. A run whose workers are the jobs of a
// job table configures a policy instead; each worker then tells the gate about each CPU burst
// before asking for a CPU, and checks in with it while computing, so the policy can take the
// CPU back (at a quantum's end, or for a better job) exactly as the pure simulator would.
class CpuGate
{
public:
    static constexpr std::uint32_t kMaxCpus = 8;

    CpuGate(std::uint32_t cpus, SchedulingPolicy policy);

    // Switches to a job-table policy. Called by the run's creator before any worker starts.
    void configure(const SchedulerConfig &config);
    // The job table's time zero, once known (MLFQ boosts count from it).
    void setOrigin(std::uint64_t originNs);
    // Queues `worker`'s next CPU burst, of `burstNs`, to become ready at `readyAtNs`: its
    // arrival or, `afterIo`, the end of the IO wait it is about to start. Any thread may
    // call it, the worker itself even while it still holds its CPU: the entry is in line from
    // now on, so it is dispatched at its instant however late the worker's thread gets there.
    // The worker's next acquire() takes it up; the gate records the IO's end (IoNotified) and
    // Ready at that instant.
    void queueBurst(std::uint32_t worker, std::uint64_t readyAtNs, std::uint64_t burstNs,
                    std::int32_t priority, bool afterIo);

    // The configured gate's timer: grants free CPUs to entries that have fallen due, so a job
    // due on an idle CPU runs on time even if its own thread wakes late. Returns the instant
    // the next queued entry falls due (UINT64_MAX if none).
    std::uint64_t tick();

    // A check point inside a configured burst, for the worker holding a CPU.
    struct CheckPoint
    {
        bool yield = false;          // give the CPU up now (yield() puts it back in line)
        std::uint64_t runForNs = 0;  // else compute this long before the next check; 0: done
        std::uint64_t endedAtNs = 0; // done: when the burst ended on the gate's clock
    };
    CheckPoint checkPoint(std::uint32_t worker, std::uint64_t maxSliceNs);

    // Records Ready, waits for a slot, records Running. Returns the CPU index, or -1 when the
    // run is stopping or `cancel` became non-zero first.
    int acquire(EventRecorder &recorder, Arena &arena, const std::atomic<std::uint32_t> *cancel);
    // Ends the holder's burst: records Ready, lets the policy pick, waits for a slot again.
    int yield(EventRecorder &recorder, Arena &arena, const std::atomic<std::uint32_t> *cancel);
    // Gives up the holder's slot, recording `kind` (Blocked or Terminated) first.
    void release(EventRecorder &recorder, EventKind kind, std::uint16_t reason,
                 std::uint32_t object, std::int64_t arg);
    // A worker died without saying so: record its termination on the control ring (if it
    // had not recorded one) and take back its slot and its place in the ready list.
    void reclaim(std::uint32_t worker, EventRecorder &control, WorkerTable &table, ExitCause cause,
                 std::int64_t arg);

    std::uint32_t cpus() const { return m_cpus; }
    SchedulingPolicy policy() const { return m_configured ? m_config.policy : m_policy; }
    int cpuOf(std::uint32_t worker) const { return m_grantCpu[worker]; }

private:
    // What the gate knows of a configured worker's job.
    struct JobSlot
    {
        bool hinted = false;
        bool queued = false; // queueBurst() put its next entry in the ready list
        bool queuedAfterIo = false;
        std::uint64_t queuedReadyAtNs = 0;
        bool pending = false; // a check point set the next entry's time and rank below
        std::uint32_t pendingRank = 0;
        std::uint64_t pendingReadyAtNs = 0;
        std::uint64_t releasedNs = 0; // when it last gave up a CPU (its last event, or later)
        // When the policy ended its turn (a preemption's instant, the burst's planned end),
        // which the worker acts on only at its next check point; 0 if it did not.
        std::uint64_t leaveAtNs = 0;
        std::int32_t priority = 0;
        std::uint64_t burstNs = 0;
        std::uint64_t remainingNs = 0;
        QueueLevel queue;
        bool lifted = false; // MLFQ: a boost raised its level since it last left a CPU
    };

    int enqueueAndWait(EventRecorder &recorder, Arena &arena,
                       const std::atomic<std::uint32_t> *cancel, bool holding);
    int enqueueJobAndWait(EventRecorder &recorder, Arena &arena,
                          const std::atomic<std::uint32_t> *cancel, bool holding);
    void freeSlotLocked(std::uint32_t worker);
    void removeReadyLocked(std::uint32_t worker);
    void dispatchLocked();
    // Gives `worker` the CPU it was assigned: wakes it only if it sleeps waiting for one.
    void grantLocked(std::uint32_t worker);
    // Sleeps, the lock released, until the next grant to `worker` or a wait slice.
    void waitForGrantLocked(ProcessMutexLocker &lock, std::uint32_t worker);
    void dispatchJobsLocked();
    // Ready entries due at nowNs whose workers hold no CPU, with their jobs' MLFQ levels,
    // into `out`; returns how many.
    std::size_t dueEntriesLocked(std::uint64_t nowNs, ReadyEntry *out) const;

    ProcessMutex m_mutex;
    SchedulingPolicy m_policy;
    std::uint32_t m_cpus;
    std::int32_t m_owner[kMaxCpus];
    ReadyEntry m_ready[WorkerTable::kMaxWorkers];
    std::uint32_t m_readyCount = 0;
    std::uint64_t m_arrivals = 0;
    std::int32_t m_grantCpu[WorkerTable::kMaxWorkers];
    std::atomic<std::uint32_t> m_grantSeq[WorkerTable::kMaxWorkers];
    bool m_grantSleeping[WorkerTable::kMaxWorkers]; // in waitForGrantLocked(), by worker

    bool m_configured = false;
    SchedulerConfig m_config;
    JobSlot m_jobs[WorkerTable::kMaxWorkers];
    RunningJob m_running[kMaxCpus];
    std::uint64_t m_freeSinceNs[kMaxCpus] = {}; // when each free CPU's last turn ended
};

} // namespace conlab
