#include "PolicySimulator.h"

#include <algorithm>
#include <limits>

namespace conlab {

namespace {
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
// A table whose schedule needs more steps than this is not a lesson; stop rather than hang.
// The runner refuses tables past kMaxModelSteps by stepBound(); this is the backstop.
constexpr std::size_t kMaxSteps = 4 * PolicySimulator::kMaxModelSteps;

std::uint64_t saturatingAdd(std::uint64_t a, std::uint64_t b)
{
    return a > kNever - b ? kNever : a + b;
}

enum class Phase { Pending, Ready, Running, Io, Done };

struct JobState
{
    Phase phase = Phase::Pending;
    std::size_t burst = 0; // index of the current or next CPU burst
    std::uint64_t remainingNs = 0;
    std::uint64_t readyAtNs = 0;
    std::uint32_t rank = 0;
    std::uint64_t readySinceNs = 0; // for the waiting time: when it really joined the list
    std::uint64_t ioUntilNs = 0;
    QueueLevel queue;
    bool ran = false;
};

// What ended at one instant. The real gate decides every instant as the simulator does, so
// ties resolve alike; but where turns end at one instant on two CPUs, the workers say so one
// after the other, and the first CPU freed takes the first pick.
struct Instant
{
    int turnsEnded = 0; // completions, quantum ends and preemptions
    int arrived = 0;    // arrivals and IO ends: the gate's timer sees them, not the workers
};

std::string at(std::uint64_t timeNs)
{
    return "at " + std::to_string(timeNs) + ": ";
}
} // namespace

std::uint64_t PolicySimulator::stepBound(const JobTable &table, const SchedulerConfig &config)
{
    std::uint64_t quantumNs = 0; // the shortest turn the policy can hand out; 0: no quanta
    if (config.policy == SchedulingPolicy::RoundRobin) {
        quantumNs = config.quantumNs;
    } else if (config.policy == SchedulingPolicy::Mlfq) {
        const std::uint32_t levels = std::clamp<std::uint32_t>(config.levels, 1, config.kMaxLevels);
        for (std::uint32_t level = 0; level < levels; ++level)
            if (config.levelQuantumNs[level] > 0)
                quantumNs = quantumNs == 0 ? config.levelQuantumNs[level]
                                           : std::min(quantumNs, config.levelQuantumNs[level]);
    }
    std::uint64_t steps = 0;
    std::uint64_t endNs = 0; // past the last instant anything can happen
    for (const Job &job : table.jobs) {
        std::uint64_t jobEnd = job.arrival;
        steps = saturatingAdd(steps, 1);
        for (std::size_t b = 0; b < job.bursts.size(); ++b) {
            steps = saturatingAdd(steps, 1);
            if (b % 2 == 0 && quantumNs > 0)
                steps = saturatingAdd(steps, job.bursts[b] / quantumNs);
            jobEnd = saturatingAdd(jobEnd, job.bursts[b]);
        }
        endNs = std::max(endNs, jobEnd);
    }
    // Jobs wait for each other: everything may end only after all the CPU time there is.
    std::uint64_t allBurstsNs = 0;
    for (const Job &job : table.jobs)
        for (const std::uint64_t burst : job.bursts)
            allBurstsNs = saturatingAdd(allBurstsNs, burst);
    endNs = saturatingAdd(endNs, allBurstsNs);
    if (config.policy == SchedulingPolicy::Priority && config.preemptive && config.agingNs > 0)
        steps = saturatingAdd(steps, (endNs / config.agingNs) * table.jobs.size());
    if (config.policy == SchedulingPolicy::Mlfq && config.boostNs > 0)
        steps = saturatingAdd(steps, endNs / config.boostNs);
    return steps;
}

Schedule PolicySimulator::run(const JobTable &table, const SchedulerConfig &given,
                              std::uint32_t cpus)
{
    SchedulerConfig config = given;
    config.originNs = 0; // the table's time zero
    cpus = std::max<std::uint32_t>(cpus, 1);
    const std::size_t count = table.jobs.size();
    Schedule schedule;
    schedule.jobs.resize(count);
    std::vector<JobState> states(count);
    std::vector<int> onCpu(cpus, -1);
    std::vector<RunningJob> running(cpus);
    for (std::size_t j = 0; j < count; ++j)
        schedule.jobs[j].arrivalNs = table.jobs[j].arrival;

    auto entryOf = [&](std::size_t j, std::uint64_t nowNs) {
        const JobState &state = states[j];
        ReadyEntry entry;
        entry.worker = std::uint32_t(j);
        entry.arrival = j;
        entry.priority = table.jobs[j].priority;
        entry.hinted = true;
        entry.readyAtNs = state.readyAtNs;
        entry.rank = state.rank;
        entry.burstNs = table.jobs[j].bursts[state.burst];
        entry.remainingNs = state.remainingNs;
        entry.queue = state.queue;
        return entry;
    };
    auto readyList = [&](std::uint64_t nowNs) {
        std::vector<ReadyEntry> ready;
        for (std::size_t j = 0; j < count; ++j)
            if (states[j].phase == Phase::Ready)
                ready.push_back(entryOf(j, nowNs));
        return ready;
    };
    auto leaveCpu = [&](std::uint32_t cpu, std::uint64_t nowNs) {
        const std::size_t j = std::size_t(onCpu[cpu]);
        const RunningJob &job = running[cpu];
        schedule.slices.push_back({std::uint32_t(j), cpu, job.startNs, nowNs});
        schedule.jobs[j].cpuNs += nowNs - job.startNs;
        states[j].queue = stopRunning(config, job, nowNs);
        states[j].remainingNs = job.remainingNs(nowNs);
        onCpu[cpu] = -1;
    };
    auto becomeReady = [&](std::size_t j, std::uint64_t readyAtNs, std::uint32_t rank,
                           std::uint64_t nowNs) {
        JobState &state = states[j];
        state.phase = Phase::Ready;
        state.readyAtNs = readyAtNs;
        state.rank = rank;
        state.readySinceNs = nowNs;
    };

    std::uint64_t now = 0;
    for (std::size_t step = 0;; ++step) {
        if (step == kMaxSteps) {
            schedule.races.push_back("the schedule needs more than " + std::to_string(kMaxSteps) +
                                     " steps; cut short");
            break;
        }
        std::uint64_t next = kNever;
        bool anyRunning = false;
        for (const JobState &state : states) {
            if (state.phase == Phase::Io)
                next = std::min(next, state.ioUntilNs);
        }
        for (std::size_t j = 0; j < count; ++j)
            if (states[j].phase == Phase::Pending)
                next = std::min(next, table.jobs[j].arrival);
        for (std::uint32_t cpu = 0; cpu < cpus; ++cpu) {
            if (onCpu[cpu] < 0)
                continue;
            anyRunning = true;
            next = std::min(next, running[cpu].startNs + running[cpu].remainingAtStartNs);
            next = std::min(next, nextQuantumEventNs(config, running[cpu]));
        }
        // With preemptive aging a waiting job can overtake a running one at any aging step.
        if (anyRunning && config.policy == SchedulingPolicy::Priority && config.preemptive &&
            config.agingNs > 0) {
            for (const JobState &state : states) {
                if (state.phase != Phase::Ready)
                    continue;
                const std::uint64_t steps = (now - state.readyAtNs) / config.agingNs + 1;
                next = std::min(next, state.readyAtNs + steps * config.agingNs);
            }
        }
        if (next == kNever)
            break;
        now = std::max(now, next);
        Instant instant;

        for (std::uint32_t cpu = 0; cpu < cpus; ++cpu) {
            if (onCpu[cpu] < 0 || running[cpu].remainingNs(now) > 0)
                continue;
            const std::size_t j = std::size_t(onCpu[cpu]);
            leaveCpu(cpu, now);
            ++instant.turnsEnded;
            JobState &state = states[j];
            const auto &bursts = table.jobs[j].bursts;
            if (state.burst + 1 < bursts.size()) {
                state.phase = Phase::Io;
                state.ioUntilNs = now + bursts[state.burst + 1];
                state.burst += 2;
            } else {
                state.phase = Phase::Done;
                schedule.jobs[j].completionNs = now;
            }
        }

        for (std::size_t j = 0; j < count; ++j) {
            JobState &state = states[j];
            if (state.phase == Phase::Pending && table.jobs[j].arrival == now) {
                state.queue = QueueLevel{0, 0, boostEpoch(config, now)};
                state.remainingNs = table.jobs[j].bursts[0];
                becomeReady(j, now, 0, now);
                ++instant.arrived;
            } else if (state.phase == Phase::Io && state.ioUntilNs == now) {
                state.remainingNs = table.jobs[j].bursts[state.burst];
                becomeReady(j, now, 0, now);
                ++instant.arrived;
            }
        }

        {
            const std::vector<ReadyEntry> ready = readyList(now);
            const std::vector<RunningJob> before = running;
            const auto freeCpus = std::uint32_t(std::count(onCpu.begin(), onCpu.end(), -1));
            for (std::uint32_t cpu = 0; cpu < cpus; ++cpu) {
                if (onCpu[cpu] < 0)
                    continue;
                std::vector<RunningJob> others;
                for (std::uint32_t other = 0; other < cpus; ++other)
                    if (other != cpu && onCpu[other] >= 0)
                        others.push_back(before[other]);
                const Verdict verdict =
                    checkRunning(config, running[cpu], others.data(), others.size(), ready.data(),
                                 ready.size(), freeCpus, now);
                if (!verdict.yield)
                    continue;
                const std::size_t j = std::size_t(onCpu[cpu]);
                leaveCpu(cpu, now);
                becomeReady(j, verdict.decisionNs, 1, now);
                ++instant.turnsEnded;
            }
        }

        for (std::uint32_t cpu = 0; cpu < cpus; ++cpu) {
            if (onCpu[cpu] >= 0)
                continue;
            const std::vector<ReadyEntry> ready = readyList(now);
            if (ready.empty())
                break;
            const std::size_t j = ready[pickNext(config, ready.data(), ready.size(), now)].worker;
            JobState &state = states[j];
            state.queue = boosted(config, state.queue, now);
            running[cpu] = startRunning(config, entryOf(j, now), state.queue, now);
            onCpu[cpu] = int(j);
            state.phase = Phase::Running;
            schedule.jobs[j].waitingNs += now - state.readySinceNs;
            if (!state.ran)
                schedule.jobs[j].firstRunNs = now;
            state.ran = true;
            schedule.dispatches.push_back({now, std::uint32_t(j), cpu});
        }

        if (cpus > 1 && instant.turnsEnded > 1)
            schedule.races.push_back(at(now) + std::to_string(instant.turnsEnded) +
                                     " turns end together on different CPUs");
        else if (cpus > 1 && instant.turnsEnded > 0 && instant.arrived > 0)
            schedule.races.push_back(at(now) + "a turn ends as a job becomes ready");
    }

    if (count == 0)
        return schedule;
    std::uint64_t first = kNever;
    std::uint64_t last = 0;
    std::uint64_t busy = 0;
    for (auto &job : schedule.jobs) {
        job.turnaroundNs = job.completionNs - job.arrivalNs;
        job.responseNs = job.firstRunNs - job.arrivalNs;
        schedule.avgWaitingNs += double(job.waitingNs) / double(count);
        schedule.avgTurnaroundNs += double(job.turnaroundNs) / double(count);
        schedule.avgResponseNs += double(job.responseNs) / double(count);
        first = std::min(first, job.arrivalNs);
        last = std::max(last, job.completionNs);
        busy += job.cpuNs;
    }
    if (last > first)
        schedule.cpuUtilisation = double(busy) / (double(cpus) * double(last - first));
    return schedule;
}

} // namespace conlab
