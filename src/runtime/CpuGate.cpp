#include "CpuGate.h"

#include "trace/Arena.h"

namespace conlab {

namespace {
// Waits re-check the stop flag at least this often even if no wake arrives.
constexpr int kWaitSliceMs = 20;
} // namespace

CpuGate::CpuGate(std::uint32_t cpus, SchedulingPolicy policy)
    : m_policy(policy), m_cpus(cpus < 1 ? 1 : (cpus > kMaxCpus ? kMaxCpus : cpus))
{
    for (auto &owner : m_owner)
        owner = -1;
    for (std::uint32_t i = 0; i < WorkerTable::kMaxWorkers; ++i) {
        m_grantCpu[i] = -1;
        m_grantSeq[i].store(0, std::memory_order_relaxed);
    }
}

int CpuGate::acquire(EventRecorder &recorder, Arena &arena,
                     const std::atomic<std::uint32_t> *cancel)
{
    return enqueueAndWait(recorder, arena, cancel, false);
}

int CpuGate::yield(EventRecorder &recorder, Arena &arena, const std::atomic<std::uint32_t> *cancel)
{
    return enqueueAndWait(recorder, arena, cancel, true);
}

int CpuGate::enqueueAndWait(EventRecorder &recorder, Arena &arena,
                            const std::atomic<std::uint32_t> *cancel, bool holding)
{
    const std::uint32_t me = recorder.worker();
    ProcessMutexLocker lock(m_mutex);
    recorder.record(EventKind::Ready);
    if (holding)
        freeSlotLocked(me);
    m_ready[m_readyCount++] = ReadyEntry{me, m_arrivals++, 0};
    dispatchLocked();
    for (;;) {
        if (m_grantCpu[me] >= 0) {
            const int cpu = m_grantCpu[me];
            recorder.record(EventKind::Running, 0, 0, std::uint32_t(cpu));
            return cpu;
        }
        if (arena.stopRequested() || (cancel && cancel->load(std::memory_order_acquire))) {
            removeReadyLocked(me);
            return -1;
        }
        const std::uint32_t seq = m_grantSeq[me].load(std::memory_order_acquire);
        lock.unlock();
        futexWait(m_grantSeq[me], seq, kWaitSliceMs);
        lock.relock();
    }
}

void CpuGate::release(EventRecorder &recorder, EventKind kind, std::uint16_t reason,
                      std::uint32_t object, std::int64_t arg)
{
    ProcessMutexLocker lock(m_mutex);
    recorder.record(kind, reason, object, 0, arg);
    freeSlotLocked(recorder.worker());
    dispatchLocked();
}

void CpuGate::reclaim(std::uint32_t worker, EventRecorder &control, WorkerTable &table,
                      ExitCause cause, std::int64_t arg)
{
    ProcessMutexLocker lock(m_mutex);
    if (!table.isTerminated(worker)) {
        control.recordFor(worker, EventKind::Terminated, std::uint16_t(cause), 0, 0, arg);
        table.markTerminated(worker);
    }
    removeReadyLocked(worker);
    freeSlotLocked(worker);
    dispatchLocked();
}

void CpuGate::freeSlotLocked(std::uint32_t worker)
{
    const int cpu = m_grantCpu[worker];
    if (cpu < 0)
        return;
    m_owner[cpu] = -1;
    m_grantCpu[worker] = -1;
}

void CpuGate::removeReadyLocked(std::uint32_t worker)
{
    for (std::uint32_t i = 0; i < m_readyCount; ++i) {
        if (m_ready[i].worker == worker) {
            m_ready[i] = m_ready[--m_readyCount];
            return;
        }
    }
}

void CpuGate::dispatchLocked()
{
    for (std::uint32_t cpu = 0; cpu < m_cpus && m_readyCount > 0; ++cpu) {
        if (m_owner[cpu] >= 0)
            continue;
        const std::size_t pick = pickNext(m_policy, m_ready, m_readyCount);
        const std::uint32_t worker = m_ready[pick].worker;
        m_ready[pick] = m_ready[--m_readyCount];
        m_owner[cpu] = std::int32_t(worker);
        m_grantCpu[worker] = std::int32_t(cpu);
        futexBumpAndWake(m_grantSeq[worker]);
    }
}

} // namespace conlab
