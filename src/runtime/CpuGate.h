#pragma once

#include "EventRecorder.h"
#include "Futex.h"
#include "ProcessMutex.h"
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
class CpuGate
{
public:
    static constexpr std::uint32_t kMaxCpus = 8;

    CpuGate(std::uint32_t cpus, SchedulingPolicy policy);

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
    SchedulingPolicy policy() const { return m_policy; }
    int cpuOf(std::uint32_t worker) const { return m_grantCpu[worker]; }

private:
    int enqueueAndWait(EventRecorder &recorder, Arena &arena,
                       const std::atomic<std::uint32_t> *cancel, bool holding);
    void freeSlotLocked(std::uint32_t worker);
    void removeReadyLocked(std::uint32_t worker);
    void dispatchLocked();

    ProcessMutex m_mutex;
    SchedulingPolicy m_policy;
    std::uint32_t m_cpus;
    std::int32_t m_owner[kMaxCpus];
    ReadyEntry m_ready[WorkerTable::kMaxWorkers];
    std::uint32_t m_readyCount = 0;
    std::uint64_t m_arrivals = 0;
    std::int32_t m_grantCpu[WorkerTable::kMaxWorkers];
    std::atomic<std::uint32_t> m_grantSeq[WorkerTable::kMaxWorkers];
};

} // namespace conlab
