#include "SchedulingPolicy.h"

#include "SchedulerConfig.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace conlab {

namespace {
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::int32_t agedPriority(const SchedulerConfig &config, const ReadyEntry &entry,
                          std::uint64_t nowNs)
{
    if (config.agingNs == 0 || nowNs <= entry.readyAtNs)
        return entry.priority;
    const std::uint64_t steps = (nowNs - entry.readyAtNs) / config.agingNs;
    // Aging lifts a job to the best priority there is, never past it.
    const std::int64_t best = std::min<std::int64_t>(entry.priority, 0);
    return std::int32_t(
        std::max<std::int64_t>(best, std::int64_t(entry.priority) -
                                         std::int64_t(std::min<std::uint64_t>(steps, 1u << 30))));
}

std::uint64_t levelQuantum(const SchedulerConfig &config, std::uint32_t level)
{
    return config.levelQuantumNs[std::min(level, SchedulerConfig::kMaxLevels - 1)];
}

std::uint64_t nextBoostNs(const SchedulerConfig &config, const RunningJob &job)
{
    if (config.policy != SchedulingPolicy::Mlfq || config.boostNs == 0)
        return kNever;
    return config.originNs + (job.queue.epoch + 1) * config.boostNs;
}

std::uint64_t quantumEndNs(const SchedulerConfig &config, const RunningJob &job)
{
    if (config.policy == SchedulingPolicy::RoundRobin)
        return config.quantumNs > 0 ? job.sliceStartNs + config.quantumNs : kNever;
    if (config.policy == SchedulingPolicy::Mlfq) {
        const std::uint64_t q = levelQuantum(config, job.queue.level);
        return q > 0 ? job.sliceStartNs + (q - job.queue.usedNs % q) : kNever;
    }
    return kNever;
}

// MLFQ's rule 4: a job that has used its allotment at a level moves down one (the bottom
// level keeps it, with a fresh allotment).
QueueLevel accountLevel(const SchedulerConfig &config, QueueLevel queue, std::uint64_t usedNs)
{
    queue.usedNs = usedNs;
    const std::uint64_t q = levelQuantum(config, queue.level);
    if (q > 0 && usedNs >= std::uint64_t(config.allotment) * q) {
        if (queue.level + 1 < config.levels)
            ++queue.level;
        queue.usedNs = 0;
    }
    return queue;
}

// When `entry` first became strictly better than `job` (key preemption), for the instant the
// preempted job is put back in the ready list.
std::uint64_t beatingSinceNs(const SchedulerConfig &config, const ReadyEntry &entry,
                             const RunningJob &job)
{
    switch (config.policy) {
    case SchedulingPolicy::Priority:
        if (config.agingNs > 0 && entry.priority >= job.priority) {
            const std::uint64_t steps = std::uint64_t(entry.priority - job.priority) + 1;
            return entry.readyAtNs + steps * config.agingNs;
        }
        return entry.readyAtNs;
    case SchedulingPolicy::Mlfq:
        return std::max(entry.readyAtNs, job.levelSinceNs);
    default:
        return entry.readyAtNs;
    }
}

// Running jobs on other CPUs that a better ready job would displace before this one.
std::uint32_t worseOthers(const SchedulerConfig &config, std::int64_t key, const RunningJob *others,
                          std::size_t otherCount, std::uint64_t nowNs)
{
    std::uint32_t worse = 0;
    for (std::size_t i = 0; i < otherCount; ++i)
        if (policyKey(config, others[i], nowNs) > key)
            ++worse;
    return worse;
}

// Whether more ready jobs became strictly better than `job` by `untilNs` (before it, if
// `before`) than there are free CPUs and worse running jobs to take them, and when: each is
// judged at the instant it became better, so a late check point decides as a timely one.
Verdict keyPreemption(const SchedulerConfig &config, const RunningJob &job,
                      const RunningJob *others, std::size_t otherCount, const ReadyEntry *ready,
                      std::size_t readyCount, std::uint32_t freeCpus, std::uint64_t untilNs,
                      bool before)
{
    if (!config.preemptsByKey())
        return Verdict{};
    // A check point runs under the gate's lock many times a second: no allocation here.
    std::uint64_t since[256];
    std::size_t better = 0;
    for (std::size_t i = 0; i < readyCount && better < std::size(since); ++i) {
        const std::uint64_t at = std::max(beatingSinceNs(config, ready[i], job), job.startNs);
        if (before ? at >= untilNs : at > untilNs)
            continue;
        if (policyKey(config, ready[i], at) < policyKey(config, job, at))
            since[better++] = at;
    }
    const std::int64_t key = policyKey(config, job, untilNs);
    const std::uint32_t room = freeCpus + worseOthers(config, key, others, otherCount, untilNs);
    if (better <= room)
        return Verdict{};
    std::nth_element(since, since + room, since + better);
    return Verdict{true, since[room]};
}
} // namespace

std::size_t pickNext(SchedulingPolicy policy, const ReadyEntry *ready, std::size_t count)
{
    if (policy != SchedulingPolicy::Fcfs) {
        SchedulerConfig config;
        config.policy = policy;
        return pickNext(config, ready, count, 0);
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < count; ++i)
        if (ready[i].arrival < ready[best].arrival)
            best = i;
    return best;
}

bool comesBefore(const ReadyEntry &a, const ReadyEntry &b)
{
    if (a.readyAtNs != b.readyAtNs)
        return a.readyAtNs < b.readyAtNs;
    if (a.rank != b.rank)
        return a.rank < b.rank;
    // Workers that arrive at the same planned instant reach the gate in any order; the job
    // table's order is the one a textbook (and the simulator) uses.
    if (a.hinted && b.hinted)
        return a.worker < b.worker;
    return a.arrival < b.arrival;
}

std::int64_t policyKey(const SchedulerConfig &config, const ReadyEntry &entry, std::uint64_t nowNs)
{
    switch (config.policy) {
    case SchedulingPolicy::Sjf:
        return std::int64_t(entry.burstNs);
    case SchedulingPolicy::Srtf:
        return std::int64_t(entry.remainingNs);
    case SchedulingPolicy::Priority:
        return agedPriority(config, entry, nowNs);
    case SchedulingPolicy::Mlfq:
        return boosted(config, entry.queue, nowNs).level;
    case SchedulingPolicy::Fcfs:
    case SchedulingPolicy::RoundRobin:
        break;
    }
    return 0;
}

std::int64_t policyKey(const SchedulerConfig &config, const RunningJob &job, std::uint64_t nowNs)
{
    switch (config.policy) {
    case SchedulingPolicy::Srtf:
        return std::int64_t(job.remainingNs(nowNs));
    case SchedulingPolicy::Priority:
        return job.priority;
    case SchedulingPolicy::Mlfq:
        return boosted(config, job.queue, nowNs).level;
    default:
        break;
    }
    return 0;
}

std::size_t pickNext(const SchedulerConfig &config, const ReadyEntry *ready, std::size_t count,
                     std::uint64_t nowNs)
{
    std::size_t best = 0;
    std::int64_t bestKey = policyKey(config, ready[0], nowNs);
    for (std::size_t i = 1; i < count; ++i) {
        const std::int64_t key = policyKey(config, ready[i], nowNs);
        if (key < bestKey || (key == bestKey && comesBefore(ready[i], ready[best]))) {
            best = i;
            bestKey = key;
        }
    }
    return best;
}

std::uint64_t boostEpoch(const SchedulerConfig &config, std::uint64_t nowNs)
{
    if (config.policy != SchedulingPolicy::Mlfq || config.boostNs == 0 || nowNs < config.originNs)
        return 0;
    return (nowNs - config.originNs) / config.boostNs;
}

QueueLevel boosted(const SchedulerConfig &config, QueueLevel queue, std::uint64_t nowNs)
{
    const std::uint64_t epoch = boostEpoch(config, nowNs);
    if (epoch > queue.epoch)
        return QueueLevel{0, 0, epoch};
    return queue;
}

RunningJob startRunning(const SchedulerConfig &config, const ReadyEntry &entry, QueueLevel queue,
                        std::uint64_t nowNs)
{
    RunningJob job;
    job.worker = entry.worker;
    // A job keeps the priority it aged to while it runs (else the one it overtook would
    // overtake it right back); it starts over from its own when it leaves the CPU.
    job.priority = config.policy == SchedulingPolicy::Priority ? agedPriority(config, entry, nowNs)
                                                               : entry.priority;
    job.startNs = nowNs;
    job.remainingAtStartNs = entry.remainingNs;
    job.sliceStartNs = nowNs;
    job.levelSinceNs = nowNs;
    job.queue = boosted(config, queue, nowNs);
    return job;
}

QueueLevel stopRunning(const SchedulerConfig &config, const RunningJob &job, std::uint64_t nowNs)
{
    if (config.policy != SchedulingPolicy::Mlfq)
        return job.queue;
    const std::uint64_t ran = nowNs > job.sliceStartNs ? nowNs - job.sliceStartNs : 0;
    return accountLevel(config, job.queue, job.queue.usedNs + ran);
}

std::uint64_t nextQuantumEventNs(const SchedulerConfig &config, const RunningJob &job)
{
    return std::min(quantumEndNs(config, job), nextBoostNs(config, job));
}

Verdict checkRunning(const SchedulerConfig &config, RunningJob &job, const RunningJob *others,
                     std::size_t otherCount, const ReadyEntry *ready, std::size_t readyCount,
                     std::uint32_t freeCpus, std::uint64_t nowNs)
{
    // In time order, however late the check point comes: a better job that turned up before
    // the next quantum end or boost takes the CPU before that end is looked at.
    for (;;) {
        const std::uint64_t end = quantumEndNs(config, job);
        const std::uint64_t boost = nextBoostNs(config, job);
        const std::uint64_t next = std::min(end, boost);
        const bool passed = next <= nowNs;
        const Verdict byKey = keyPreemption(config, job, others, otherCount, ready, readyCount,
                                            freeCpus, passed ? next : nowNs, passed);
        if (byKey.yield || !passed)
            return byKey;
        if (boost <= end) {
            job.queue = QueueLevel{0, 0, boostEpoch(config, boost)};
            job.sliceStartNs = boost;
            job.levelSinceNs = boost;
            continue;
        }
        if (config.policy == SchedulingPolicy::Mlfq) {
            const std::uint32_t before = job.queue.level;
            job.queue =
                accountLevel(config, job.queue, job.queue.usedNs + (end - job.sliceStartNs));
            if (job.queue.level != before)
                job.levelSinceNs = end;
        }
        job.sliceStartNs = end;
        // Only jobs ready by the quantum's end compete for it.
        const std::int64_t key = policyKey(config, job, end);
        std::uint32_t rivals = 0;
        for (std::size_t i = 0; i < readyCount; ++i)
            if (ready[i].readyAtNs <= end && policyKey(config, ready[i], end) <= key)
                ++rivals;
        if (rivals > freeCpus + worseOthers(config, key, others, otherCount, end))
            return Verdict{true, end};
    }
}

const char *toString(SchedulingPolicy policy)
{
    switch (policy) {
    case SchedulingPolicy::Fcfs:
        return "fcfs";
    case SchedulingPolicy::Sjf:
        return "sjf";
    case SchedulingPolicy::Srtf:
        return "srtf";
    case SchedulingPolicy::RoundRobin:
        return "rr";
    case SchedulingPolicy::Priority:
        return "priority";
    case SchedulingPolicy::Mlfq:
        return "mlfq";
    }
    return "unknown";
}

bool parsePolicy(std::string_view text, SchedulingPolicy &policy)
{
    for (const SchedulingPolicy candidate :
         {SchedulingPolicy::Fcfs, SchedulingPolicy::Sjf, SchedulingPolicy::Srtf,
          SchedulingPolicy::RoundRobin, SchedulingPolicy::Priority, SchedulingPolicy::Mlfq}) {
        if (text == toString(candidate)) {
            policy = candidate;
            return true;
        }
    }
    return false;
}

} // namespace conlab
