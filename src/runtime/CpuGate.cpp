#include "CpuGate.h"

#include "trace/Arena.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cerrno>
#include <ctime>

namespace conlab {

namespace {
// Waits re-check the stop flag at least this often even if no wake arrives.
constexpr int kWaitSliceMs = 20;

void sleepUntil(std::uint64_t deadlineNs)
{
    const timespec ts{time_t(deadlineNs / 1000000000ull), long(deadlineNs % 1000000000ull)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}
} // namespace

CpuGate::CpuGate(std::uint32_t cpus, SchedulingPolicy policy)
    : m_policy(policy), m_cpus(cpus < 1 ? 1 : (cpus > kMaxCpus ? kMaxCpus : cpus))
{
    for (auto &owner : m_owner)
        owner = -1;
    for (std::uint32_t i = 0; i < WorkerTable::kMaxWorkers; ++i) {
        m_grantCpu[i] = -1;
        m_grantSeq[i].store(0, std::memory_order_relaxed);
        m_grantSleeping[i] = false;
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

void CpuGate::configure(const SchedulerConfig &config)
{
    ProcessMutexLocker lock(m_mutex);
    m_config = config;
    m_configured = true;
}

void CpuGate::setOrigin(std::uint64_t originNs)
{
    ProcessMutexLocker lock(m_mutex);
    m_config.originNs = originNs;
}

void CpuGate::queueBurst(std::uint32_t worker, std::uint64_t readyAtNs, std::uint64_t burstNs,
                         std::int32_t priority, bool afterIo)
{
    ProcessMutexLocker lock(m_mutex);
    JobSlot &job = m_jobs[worker];
    if (!job.hinted) {
        job = JobSlot();
        job.hinted = true;
        job.queue = QueueLevel{0, 0, boostEpoch(m_config, readyAtNs)};
    }
    job.priority = priority;
    job.burstNs = burstNs;
    job.queued = true;
    job.queuedAfterIo = afterIo;
    job.queuedReadyAtNs = readyAtNs;
    job.pending = false;
    removeReadyLocked(worker);
    ReadyEntry entry;
    entry.worker = worker;
    entry.arrival = m_arrivals++;
    entry.priority = priority;
    entry.hinted = true;
    entry.readyAtNs = readyAtNs;
    entry.burstNs = burstNs;
    entry.remainingNs = burstNs;
    m_ready[m_readyCount++] = entry;
    dispatchLocked();
}

std::uint64_t CpuGate::tick()
{
    ProcessMutexLocker lock(m_mutex);
    dispatchLocked();
    const std::uint64_t now = monotonicNs();
    std::uint64_t next = UINT64_MAX;
    for (std::uint32_t i = 0; i < m_readyCount; ++i)
        if (m_ready[i].readyAtNs > now)
            next = std::min(next, m_ready[i].readyAtNs);
    return next;
}

CpuGate::CheckPoint CpuGate::checkPoint(std::uint32_t worker, std::uint64_t maxSliceNs)
{
    ProcessMutexLocker lock(m_mutex);
    const int cpu = m_grantCpu[worker];
    if (!m_configured || cpu < 0)
        return {};
    const std::uint64_t now = monotonicNs();
    RunningJob &job = m_running[cpu];
    const std::uint64_t remaining = job.remainingNs(now);
    const std::uint64_t burstEnd = job.startNs + job.remainingAtStartNs;
    JobSlot &slot = m_jobs[worker];
    // A burst past its end is judged up to just before it: what the policy decided until then
    // stands, and at the end itself the burst is over before any quantum end or arrival is
    // looked at, as in the simulator.
    const std::uint64_t judgeAt = remaining > 0 ? now : burstEnd - 1;
    ReadyEntry due[WorkerTable::kMaxWorkers];
    const std::size_t dueCount = dueEntriesLocked(judgeAt, due);
    RunningJob others[kMaxCpus];
    std::size_t otherCount = 0;
    std::uint32_t freeCpus = 0;
    for (std::uint32_t c = 0; c < m_cpus; ++c) {
        if (int(c) == cpu)
            continue;
        if (m_owner[c] < 0)
            ++freeCpus;
        else
            others[otherCount++] = m_running[c];
    }
    const Verdict verdict =
        checkRunning(m_config, job, others, otherCount, due, dueCount, freeCpus, judgeAt);
    if (!verdict.yield && remaining == 0) {
        slot.leaveAtNs = burstEnd;
        return {false, 0, burstEnd};
    }
    if (verdict.yield) {
        slot.leaveAtNs = verdict.decisionNs;
        slot.pending = true;
        slot.pendingReadyAtNs = verdict.decisionNs;
        slot.pendingRank = 1;
        return {true, 0};
    }
    // Check again no later than the next instant the policy may decide something: the
    // quantum's end, a boost, or a planned arrival that a preemptive policy must see on time.
    std::uint64_t runFor = std::min(remaining, maxSliceNs);
    const std::uint64_t next = nextQuantumEventNs(m_config, job);
    if (next > now)
        runFor = std::min(runFor, next - now);
    for (std::uint32_t i = 0; i < m_readyCount; ++i)
        if (m_ready[i].readyAtNs > now)
            runFor = std::min(runFor, m_ready[i].readyAtNs - now);
    return {false, std::max<std::uint64_t>(runFor, 1)};
}

int CpuGate::enqueueAndWait(EventRecorder &recorder, Arena &arena,
                            const std::atomic<std::uint32_t> *cancel, bool holding)
{
    const std::uint32_t me = recorder.worker();
    // A worker becomes hinted once, before its first acquire, so this read needs no lock.
    if (m_configured && m_jobs[me].hinted)
        return enqueueJobAndWait(recorder, arena, cancel, holding);
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
        waitForGrantLocked(lock, me);
    }
}

int CpuGate::enqueueJobAndWait(EventRecorder &recorder, Arena &arena,
                               const std::atomic<std::uint32_t> *cancel, bool holding)
{
    const std::uint32_t me = recorder.worker();
    ProcessMutexLocker lock(m_mutex);
    JobSlot &job = m_jobs[me];
    std::uint64_t now = monotonicNs();
    ReadyEntry entry;
    bool afterIo = false;
    bool readyRecorded = false;
    if (job.queued) {
        // Queued by queueBurst(): in line already, perhaps even granted a CPU by now.
        job.queued = false;
        afterIo = job.queuedAfterIo;
        entry.worker = me;
        entry.readyAtNs = job.queuedReadyAtNs;
        bool inLine = false;
        for (std::uint32_t i = 0; i < m_readyCount; ++i)
            inLine = inLine || m_ready[i].worker == me;
        if (!inLine && m_grantCpu[me] < 0) {
            // Taken out of line by a stop; its wait below ends at once.
            entry.hinted = true;
            entry.burstNs = entry.remainingNs = job.burstNs;
            m_ready[m_readyCount++] = entry;
        }
    } else {
        entry.worker = me;
        entry.arrival = m_arrivals++;
        entry.priority = job.priority;
        entry.hinted = true;
        // A yield no check point asked for goes to the back, as a preempted job does.
        entry.readyAtNs = job.pending ? job.pendingReadyAtNs : now;
        entry.rank = job.pending ? job.pendingRank : (holding ? 1 : 0);
        job.pending = false;
        recorder.record(EventKind::Ready);
        readyRecorded = true;
        if (holding)
            freeSlotLocked(me);
        entry.burstNs = job.burstNs;
        entry.remainingNs = job.remainingNs;
        m_ready[m_readyCount++] = entry;
    }
    dispatchLocked();
    // Ready from its planned instant on as far as the policy is concerned, however late its
    // own thread wakes up to say so; stamped no earlier than its last event, to keep its
    // events in order when the OS kept it from blocking in time.
    auto recordReady = [&] {
        const std::uint64_t at = std::max(entry.readyAtNs, job.releasedNs);
        if (afterIo)
            recorder.recordAt(at, EventKind::IoNotified);
        recorder.recordAt(at, EventKind::Ready);
        readyRecorded = true;
    };
    for (;;) {
        if (m_grantCpu[me] >= 0) {
            const int cpu = m_grantCpu[me];
            if (!readyRecorded)
                recordReady();
            // Under MLFQ the level it was dispatched from rides along (as level + 1, with
            // kRunLifted if a boost raised it), so the lanes can show each job sinking level
            // by level, and rising at a boost.
            const auto level = m_config.policy == SchedulingPolicy::Mlfq
                                   ? std::uint16_t((m_running[cpu].queue.level + 1) |
                                                   (job.lifted ? kRunLifted : 0))
                                   : std::uint16_t(0);
            recorder.record(EventKind::Running, level, 0, std::uint32_t(cpu));
            return cpu;
        }
        if (arena.stopRequested() || (cancel && cancel->load(std::memory_order_acquire))) {
            removeReadyLocked(me);
            return -1;
        }
        if (!readyRecorded) {
            now = monotonicNs();
            if (now >= entry.readyAtNs) {
                recordReady();
                dispatchLocked();
                continue;
            }
            const std::uint64_t until = std::min<std::uint64_t>(
                entry.readyAtNs, now + std::uint64_t(kWaitSliceMs) * 1000000ull);
            lock.unlock();
            sleepUntil(until);
            lock.relock();
            continue;
        }
        waitForGrantLocked(lock, me);
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
    if (m_configured) {
        // A worker the OS kept off its core acts on the policy's decision late; its burst and
        // its place in the queues count up to the decision, and the CPU is free from then on.
        const std::uint64_t now = monotonicNs();
        JobSlot &job = m_jobs[worker];
        const std::uint64_t at = job.leaveAtNs > 0 && job.leaveAtNs < now ? job.leaveAtNs : now;
        job.leaveAtNs = 0;
        job.releasedNs = now;
        if (job.hinted) {
            job.remainingNs = m_running[cpu].remainingNs(at);
            job.queue = stopRunning(m_config, m_running[cpu], at);
        }
        m_freeSinceNs[cpu] = at;
    }
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

void CpuGate::grantLocked(std::uint32_t worker)
{
    m_grantSeq[worker].fetch_add(1, std::memory_order_release);
    // Most grants go to the worker asking (a free CPU, taken at once), which is not asleep:
    // FUTEX_WAKE is a system call even with nobody to wake.
    if (m_grantSleeping[worker])
        futexWakeAll(m_grantSeq[worker]);
}

void CpuGate::waitForGrantLocked(ProcessMutexLocker &lock, std::uint32_t worker)
{
    const std::uint32_t seq = m_grantSeq[worker].load(std::memory_order_acquire);
    m_grantSleeping[worker] = true;
    lock.unlock();
    // A grant between the unlock and the sleep moved the word on: the sleep returns at once.
    futexWait(m_grantSeq[worker], seq, kWaitSliceMs);
    lock.relock();
    m_grantSleeping[worker] = false;
}

void CpuGate::dispatchLocked()
{
    if (m_configured)
        return dispatchJobsLocked();
    for (std::uint32_t cpu = 0; cpu < m_cpus && m_readyCount > 0; ++cpu) {
        if (m_owner[cpu] >= 0)
            continue;
        const std::size_t pick = pickNext(m_policy, m_ready, m_readyCount);
        const std::uint32_t worker = m_ready[pick].worker;
        m_ready[pick] = m_ready[--m_readyCount];
        m_owner[cpu] = std::int32_t(worker);
        m_grantCpu[worker] = std::int32_t(cpu);
        grantLocked(worker);
    }
}

void CpuGate::dispatchJobsLocked()
{
    const std::uint64_t now = monotonicNs();
    ReadyEntry due[WorkerTable::kMaxWorkers];
    while (m_readyCount > 0) {
        std::uint64_t first = UINT64_MAX;
        for (std::uint32_t i = 0; i < m_readyCount; ++i)
            if (m_ready[i].readyAtNs <= now && m_grantCpu[m_ready[i].worker] < 0)
                first = std::min(first, m_ready[i].readyAtNs);
        if (first == UINT64_MAX)
            return;
        // Each free CPU picks at the first instant since its last turn ended at which a job
        // was ready, as the simulator does, however late this call comes; the CPU free the
        // longest picks first.
        int cpu = -1;
        std::uint64_t at = 0;
        for (std::uint32_t c = 0; c < m_cpus; ++c) {
            const std::uint64_t from = std::max(m_freeSinceNs[c], first);
            if (m_owner[c] < 0 && (cpu < 0 || from < at)) {
                cpu = int(c);
                at = from;
            }
        }
        if (cpu < 0)
            return;
        const std::size_t dueCount = dueEntriesLocked(at, due);
        const ReadyEntry chosen = due[pickNext(m_config, due, dueCount, at)];
        const std::uint32_t worker = chosen.worker;
        removeReadyLocked(worker);
        m_owner[cpu] = std::int32_t(worker);
        m_grantCpu[worker] = std::int32_t(cpu);
        QueueLevel &queue = m_jobs[worker].queue;
        const QueueLevel lifted = boosted(m_config, queue, at);
        m_jobs[worker].lifted = lifted.level < queue.level;
        queue = lifted;
        m_running[cpu] = startRunning(m_config, chosen, queue, at);
        grantLocked(worker);
    }
}

std::size_t CpuGate::dueEntriesLocked(std::uint64_t nowNs, ReadyEntry *out) const
{
    std::size_t count = 0;
    for (std::uint32_t i = 0; i < m_readyCount; ++i) {
        const ReadyEntry &entry = m_ready[i];
        // A burst queued by a worker still finishing the one before waits for it.
        if (entry.readyAtNs > nowNs || m_grantCpu[entry.worker] >= 0)
            continue;
        out[count] = entry;
        if (entry.hinted)
            out[count].queue = m_jobs[entry.worker].queue;
        ++count;
    }
    return count;
}

} // namespace conlab
