#include "TraceChecker.h"

#include "trace/QueueDiscipline.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace conlab {

namespace {

bool isState(EventKind kind)
{
    return kind == EventKind::WorkerNew || kind == EventKind::Ready || kind == EventKind::Running ||
           kind == EventKind::Blocked || kind == EventKind::Terminated;
}

// Ends of intervals sort before starts at the same instant: a slot handed over at time t is
// released and granted "at once", which is not two workers running together.
int orderAtSameTime(const Event &e)
{
    return e.kind == EventKind::Running || e.kind == EventKind::LockAcquired ||
                   e.kind == EventKind::SemAcquired
               ? 1
               : 0;
}

bool usesObject(const Event &e)
{
    switch (e.kind) {
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::QueueTimedOut:
    case EventKind::QueueRefused:
    case EventKind::TaskDone:
    case EventKind::LockAcquired:
    case EventKind::LockReleased:
    case EventKind::LockFailed:
    case EventKind::SemAcquired:
    case EventKind::SemReleased:
    case EventKind::EventSet:
    case EventKind::EventCleared:
    case EventKind::EventWaitEnded:
    case EventKind::PipeWrite:
    case EventKind::PipeRead:
        return true;
    default:
        return false;
    }
}

class Report
{
public:
    Report(const Trace &trace, std::size_t limit) : m_trace(trace), m_limit(limit)
    {
        std::uint64_t named = 0;
        for (const auto &[worker, lost] : trace.droppedByWorker) {
            m_lost[worker] = lost;
            named += lost;
        }
        m_unnamedLost = trace.droppedEvents > named ? trace.droppedEvents - named : 0;
        // A queue's or lock's story is told by the workers that use it: those of them that lost
        // events may have lost a part of it.
        if (!m_lost.empty())
            for (const Event &e : trace.events)
                if (usesObject(e) && m_lost.count(e.worker))
                    m_usersWhoLost[e.object].insert(e.worker);
    }

    bool full() const { return m_violations.size() >= m_limit; }
    // `involved`: the workers whose events the violation rests on; when any of them lost
    // events (or events were lost that no worker is named for), the message says so, as the
    // violation may be the lost events' doing rather than the run's.
    void add(std::uint64_t timeNs, const char *rule, std::string message,
             const std::set<std::uint32_t> &involved = {})
    {
        if (full())
            return;
        const std::uint64_t start = m_trace.meta.startNs;
        m_violations.push_back(
            {timeNs >= start ? timeNs - start : 0, rule, std::move(message) + lossNote(involved)});
    }
    std::string name(std::uint32_t worker) const { return m_trace.meta.workerName(worker); }
    // The workers that lost events among those seen using `object`.
    std::set<std::uint32_t> usersWhoLost(std::uint32_t object) const
    {
        const auto it = m_usersWhoLost.find(object);
        return it == m_usersWhoLost.end() ? std::set<std::uint32_t>() : it->second;
    }
    std::set<std::uint32_t> allUsersWhoLost() const
    {
        std::set<std::uint32_t> all;
        for (const auto &[object, workers] : m_usersWhoLost)
            all.insert(workers.begin(), workers.end());
        return all;
    }
    std::vector<TraceChecker::Violation> take() { return std::move(m_violations); }

private:
    static std::string events(std::uint64_t n)
    {
        return std::to_string(n) + (n == 1 ? " event" : " events");
    }
    std::string lossNote(const std::set<std::uint32_t> &involved) const
    {
        std::string parts;
        for (const std::uint32_t worker : involved) {
            const auto it = m_lost.find(worker);
            if (it != m_lost.end())
                parts += (parts.empty() ? "" : ", ") + name(worker) + " lost " + events(it->second);
        }
        // Lost from the runner's own ring, or from a trace that kept only the total.
        if (m_unnamedLost > 0) {
            const char *were = m_unnamedLost == 1 ? " was lost" : " were lost";
            parts += parts.empty() ? events(m_unnamedLost) + were
                                   : ", " + std::to_string(m_unnamedLost) + " more" + were;
        }
        return parts.empty() ? std::string() : " (" + parts + ": this may come from them)";
    }

    const Trace &m_trace;
    std::size_t m_limit;
    std::map<std::uint32_t, std::uint64_t> m_lost;
    std::uint64_t m_unnamedLost = 0;
    std::unordered_map<std::uint32_t, std::set<std::uint32_t>> m_usersWhoLost;
    std::vector<TraceChecker::Violation> m_violations;
};

void checkPerWorker(const Trace &trace, Report &report)
{
    struct WorkerWalk
    {
        std::uint64_t lastNs = 0;
        bool seenNew = false;
        bool terminated = false;
        EventKind lastState = EventKind::WorkerNew;
        // The open block, if any, and whether its cause has been seen.
        bool blocked = false;
        BlockReason reason = BlockReason::None;
        std::uint32_t object = 0;
        std::uint64_t sinceNs = 0;
        bool causeSeen = false;
        std::int64_t task = -1; // a pool task begun and not yet ended
    };
    std::unordered_map<std::uint32_t, WorkerWalk> walks;
    // A watched program (exec, attach) is sampled from outside: its blocked states come from
    // the thread's system call, and no event says what ended a wait. Scenario runs record the
    // cause of every wake-up and keep the rule.
    const bool sampledFromOutside = trace.meta.sampleNs > 0 && (trace.meta.scenario == "exec" ||
                                                                trace.meta.scenario == "attach");
    std::unordered_map<std::uint32_t, std::uint64_t> terminatedAt;
    std::map<std::uint32_t, std::uint64_t> queueDrainedAt; // last TaskDone that reached 0
    // A result wait is ended by another worker handing the result over, or, for the result
    // handler, by a task finishing: (time, task).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> resultsAt;
    // A coroutine that switched away is ended by one switching back to it: (time, to whom).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> switchesTo;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Switch)
            switchesTo.emplace_back(e.timeNs, e.object);
        if (e.kind == EventKind::Terminated && !terminatedAt.count(e.worker))
            terminatedAt[e.worker] = e.timeNs;
        if (e.kind == EventKind::TaskResult || e.kind == EventKind::TaskEnd)
            resultsAt.emplace_back(e.timeNs, e.object);
    }

    for (const Event &e : trace.events) {
        if (report.full())
            return;
        WorkerWalk &walk = walks[e.worker];
        const std::string who = report.name(e.worker);
        if (e.timeNs < walk.lastNs)
            report.add(e.timeNs, "time-order",
                       who + ": " + toString(e.kind) + " is earlier than the event before it",
                       {e.worker});
        walk.lastNs = std::max(walk.lastNs, e.timeNs);
        if (e.kind == EventKind::TaskDone && e.value == 0)
            queueDrainedAt[e.object] = e.timeNs;
        if (walk.terminated) {
            report.add(e.timeNs, "after-termination",
                       who + ": " + toString(e.kind) + " after the worker terminated", {e.worker});
            continue;
        }
        if (walk.blocked) {
            if ((walk.reason == BlockReason::QueueFull && e.kind == EventKind::QueuePut &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::QueueEmpty && e.kind == EventKind::QueueGet &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::PipeFull && e.kind == EventKind::PipeWrite &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::PipeEmpty && e.kind == EventKind::PipeRead &&
                 e.object == walk.object) ||
                ((walk.reason == BlockReason::QueueEmpty ||
                  walk.reason == BlockReason::QueueFull) &&
                 e.kind == EventKind::QueueTimedOut && e.object == walk.object) ||
                (walk.reason == BlockReason::Lock &&
                 (e.kind == EventKind::LockAcquired || e.kind == EventKind::LockFailed) &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::Semaphore && e.kind == EventKind::SemAcquired &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::Event && e.kind == EventKind::EventWaitEnded &&
                 e.object == walk.object) ||
                (walk.reason == BlockReason::Join && e.kind == EventKind::JoinTimedOut &&
                 e.object == walk.object) ||

                (walk.reason == BlockReason::Io &&
                 (e.kind == EventKind::IoNotified || e.kind == EventKind::IoCopyEnd)))
                walk.causeSeen = true;
        }
        if (e.kind == EventKind::TaskBegin) {
            if (walk.task >= 0)
                report.add(e.timeNs, "task-overlap",
                           who + " began task " + std::to_string(e.object) + " while task " +
                               std::to_string(walk.task) + " was still running",
                           {e.worker});
            walk.task = e.object;
        } else if (e.kind == EventKind::TaskEnd) {
            walk.task = -1;
        }
        if (!isState(e.kind))
            continue;
        if (e.kind == EventKind::WorkerNew) {
            if (walk.seenNew)
                report.add(e.timeNs, "state-sequence", who + ": created twice", {e.worker});
            walk.seenNew = true;
        } else if (!walk.seenNew) {
            report.add(e.timeNs, "state-sequence",
                       who + ": " + toString(e.kind) + " before the worker was created",
                       {e.worker});
        }
        if (e.kind == EventKind::Running && walk.lastState != EventKind::Ready)
            report.add(e.timeNs, "state-sequence", who + ": running without being ready first",
                       {e.worker});
        if (walk.blocked) {
            const bool endedByStop =
                e.kind == EventKind::Terminated && ExitCause(e.reason) != ExitCause::Normal;
            bool ended = walk.causeSeen;
            if (walk.reason == BlockReason::Join) {
                const auto it = terminatedAt.find(walk.object);
                ended = (it != terminatedAt.end() && it->second <= e.timeNs) || walk.causeSeen;
            } else if (walk.reason == BlockReason::Result) {
                ended = std::any_of(resultsAt.begin(), resultsAt.end(), [&](const auto &result) {
                    return result.first >= walk.sinceNs && result.first <= e.timeNs &&
                           (walk.object == 0 || result.second == walk.object);
                });
                // A result handed over before the wait began ends it at once.
                ended =
                    ended || std::any_of(resultsAt.begin(), resultsAt.end(), [&](const auto &r) {
                        return walk.object != 0 && r.second == walk.object && r.first <= e.timeNs;
                    });
            } else if (walk.reason == BlockReason::Sleep) {
                ended = true; // a sleep is ended by time alone
            } else if (walk.reason == BlockReason::Switch) {
                // Object 0 is a yield to the event loop, which comes back by itself; otherwise
                // the coroutine switched to switches back, or ends and hands the thread back.
                const auto it = terminatedAt.find(walk.object);
                ended = walk.object == 0 || (it != terminatedAt.end() && it->second <= e.timeNs) ||
                        std::any_of(switchesTo.begin(), switchesTo.end(), [&](const auto &s) {
                            return s.second == e.worker && s.first >= walk.sinceNs &&
                                   s.first <= e.timeNs;
                        });
            } else if (walk.reason == BlockReason::QueueJoin) {
                const auto it = queueDrainedAt.find(walk.object);
                ended = it != queueDrainedAt.end() && it->second <= e.timeNs;
            }
            if (!ended && !endedByStop && !sampledFromOutside) {
                // The cause is another worker's event: one of those using the same object, or
                // the worker joined.
                std::set<std::uint32_t> involved = report.usersWhoLost(walk.object);
                involved.insert(e.worker);
                if (walk.reason == BlockReason::Join)
                    involved.insert(walk.object);
                report.add(e.timeNs, "blocked-cause",
                           who + ": blocked on " + toString(walk.reason) +
                               " ended without its cause (" + toString(e.kind) + ")",
                           involved);
            }
            walk.blocked = false;
        }
        if (e.kind == EventKind::Blocked) {
            walk.blocked = true;
            walk.reason = BlockReason(e.reason);
            walk.object = e.object;
            walk.sinceNs = e.timeNs;
            walk.causeSeen = false;
        }
        walk.terminated = e.kind == EventKind::Terminated;
        walk.lastState = e.kind;
    }
}

void checkGlobal(const Trace &trace, Report &report)
{
    std::vector<Event> sorted = trace.events;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Event &a, const Event &b) {
        if (a.timeNs != b.timeNs)
            return a.timeNs < b.timeNs;
        return orderAtSameTime(a) < orderAtSameTime(b);
    });

    const std::uint32_t cpus = trace.meta.cpus;
    std::unordered_map<std::uint32_t, bool> running;
    std::uint32_t runningCount = 0;
    struct QueueWalk
    {
        std::int64_t capacity = 0;
        std::int64_t depth = 0;
        std::uint64_t lastNs = 0;
        std::vector<std::int64_t> items; // oldest first, as the queue holds them
    };
    // Which item each get must take: the run's `order` parameter, FIFO where there is none.
    // With events lost the contents can't be followed, so the rule is not applied.
    const auto order = QueueDiscipline::fromName(trace.meta.param("order"));
    const bool followContents = trace.droppedEvents == 0;
    std::unordered_map<std::uint32_t, QueueWalk> queues;
    struct LockWalk
    {
        std::int64_t owner = -1;
        std::uint32_t depth = 0;
    };
    std::unordered_map<std::uint32_t, LockWalk> locks;
    std::unordered_map<std::uint32_t, std::int64_t> semaphoreLimits;
    for (const auto &object : trace.meta.objects)
        if (object.kind == "semaphore")
            semaphoreLimits[object.id] = object.capacity;
    for (const auto &object : trace.meta.objects)
        if (object.kind == "queue")
            queues[object.id].capacity = object.capacity;

    for (const Event &e : sorted) {
        if (report.full())
            return;
        if (isState(e.kind)) {
            bool &isRunning = running[e.worker];
            if (isRunning) {
                --runningCount;
                isRunning = false;
            }
            if (e.kind == EventKind::Running) {
                isRunning = true;
                ++runningCount;
                if (cpus > 0 && runningCount > cpus) {
                    // A lost "no longer running" of any of them would leave one counted.
                    std::set<std::uint32_t> involved;
                    for (const auto &[worker, on] : running)
                        if (on)
                            involved.insert(worker);
                    report.add(e.timeNs, "max-running",
                               std::to_string(runningCount) + " workers running on " +
                                   std::to_string(cpus) + " virtual CPUs when " +
                                   report.name(e.worker) + " was dispatched",
                               involved);
                }
            }
        } else if (e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet) {
            const auto it = queues.find(e.object);
            if (it == queues.end()) {
                report.add(e.timeNs, "queue-depth",
                           "an operation on queue " + std::to_string(e.object) +
                               ", which the header does not declare",
                           report.usersWhoLost(e.object));
                continue;
            }
            QueueWalk &q = it->second;
            const std::int64_t depth = e.value;
            if (depth > q.capacity)
                report.add(e.timeNs, "queue-depth",
                           "depth " + std::to_string(depth) + " above capacity " +
                               std::to_string(q.capacity),
                           report.usersWhoLost(e.object));
            const std::int64_t expected = q.depth + (e.kind == EventKind::QueuePut ? 1 : -1);
            // Operations stamped at the same nanosecond may be in either order.
            if (depth != expected && e.timeNs != q.lastNs)
                report.add(e.timeNs, "queue-depth",
                           report.name(e.worker) + ": " + toString(e.kind) + " left depth " +
                               std::to_string(depth) + ", expected " + std::to_string(expected),
                           report.usersWhoLost(e.object));
            if (followContents) {
                if (e.kind == EventKind::QueuePut) {
                    q.items.push_back(e.arg);
                } else {
                    const std::uint32_t want =
                        QueueDiscipline::pick(order, q.items.data(), std::uint32_t(q.items.size()));
                    const auto got = std::find(q.items.begin(), q.items.end(), e.arg);
                    // An item not in the queue at all is the consumed-once rule's to report.
                    if (got != q.items.end() && q.items[want] != e.arg && e.timeNs != q.lastNs)
                        report.add(e.timeNs, "queue-order",
                                   report.name(e.worker) + " got item " + std::to_string(e.arg) +
                                       "; a " + QueueDiscipline::name(order) +
                                       " queue would have given " + std::to_string(q.items[want]),
                                   report.usersWhoLost(e.object));
                    if (got != q.items.end())
                        q.items.erase(got);
                }
            }
            q.depth = depth;
            q.lastNs = e.timeNs;
        } else if (e.kind == EventKind::LockAcquired) {
            LockWalk &lock = locks[e.object];
            // A reentrant lock taken again by its owner is still one owner.
            if (lock.owner >= 0 && lock.owner != std::int64_t(e.worker))
                report.add(e.timeNs, "lock-owner",
                           report.name(e.worker) + " acquired lock " + std::to_string(e.object) +
                               " while " + report.name(std::uint32_t(lock.owner)) + " held it",
                           report.usersWhoLost(e.object));
            lock.owner = e.worker;
            lock.depth = e.value;
        } else if (e.kind == EventKind::LockReleased) {
            LockWalk &lock = locks[e.object];
            lock.depth = e.value;
            if (e.value == 0)
                lock.owner = -1;
        } else if (e.kind == EventKind::SemAcquired) {
            const auto it = semaphoreLimits.find(e.object);
            if (it != semaphoreLimits.end() && std::int64_t(e.value) > it->second)
                report.add(e.timeNs, "semaphore-limit",
                           std::to_string(e.value) + " inside semaphore " +
                               std::to_string(e.object) + " of limit " + std::to_string(it->second),
                           report.usersWhoLost(e.object));
        }
    }
}

void checkItems(const Trace &trace, Report &report)
{
    std::unordered_map<std::int64_t, int> balance; // +1 per put, -1 per get
    for (const Event &e : trace.events) {
        if (e.arg >= kSentinelItem)
            continue;
        if (e.kind == EventKind::QueuePut)
            ++balance[e.arg];
        else if (e.kind == EventKind::QueueGet)
            --balance[e.arg];
    }
    for (const auto &[item, count] : balance) {
        if (count > 0)
            report.add(0, "consumed-once",
                       "item " + std::to_string(item) + " was produced but never consumed",
                       report.allUsersWhoLost());
        else if (count < 0)
            report.add(0, "consumed-once",
                       "item " + std::to_string(item) + " was consumed more often than produced",
                       report.allUsersWhoLost());
    }
}

// A thread runs one coroutine at a time: of the coroutine lanes nested in one lane, at most one
// is running at any instant.
void checkCoroutines(const Trace &trace, Report &report)
{
    std::unordered_map<std::uint32_t, std::int32_t> hostOf;
    for (const WorkerInfo &w : trace.meta.workers)
        if (w.role == "coroutine" && w.parent >= 0)
            hostOf[w.id] = w.parent;
    if (hostOf.empty())
        return;
    std::vector<Event> sorted;
    for (const Event &e : trace.events)
        if (isState(e.kind) && hostOf.count(e.worker))
            sorted.push_back(e);
    // At one instant a switch records the one leaving before the one arriving.
    std::stable_sort(sorted.begin(), sorted.end(), [](const Event &a, const Event &b) {
        if (a.timeNs != b.timeNs)
            return a.timeNs < b.timeNs;
        return orderAtSameTime(a) < orderAtSameTime(b);
    });
    std::unordered_map<std::int32_t, std::uint32_t> runningOn; // host -> coroutine
    for (const Event &e : sorted) {
        if (report.full())
            return;
        const std::int32_t host = hostOf[e.worker];
        const auto current = runningOn.find(host);
        if (e.kind == EventKind::Running) {
            if (current != runningOn.end() && current->second != e.worker)
                report.add(e.timeNs, "one-coroutine",
                           report.name(e.worker) + " runs while " + report.name(current->second) +
                               " still runs on " + report.name(std::uint32_t(host)),
                           {e.worker, current->second, std::uint32_t(host)});
            runningOn[host] = e.worker;
        } else if (current != runningOn.end() && current->second == e.worker) {
            runningOn.erase(current);
        }
    }
}

} // namespace

std::vector<TraceChecker::Violation> TraceChecker::check(const Trace &trace, const Options &options)
{
    Report report(trace, options.maxViolations);
    checkPerWorker(trace, report);
    checkGlobal(trace, report);
    checkCoroutines(trace, report);
    if (options.runCompleted)
        checkItems(trace, report);
    return report.take();
}

std::vector<std::string> TraceChecker::rules()
{
    return {"time-order",      "state-sequence", "after-termination", "max-running",
            "queue-depth",     "blocked-cause",  "consumed-once",     "lock-owner",
            "semaphore-limit", "queue-order",    "task-overlap",      "one-coroutine"};
}

bool TraceChecker::summarySaysCompleted(const std::string &summaryJson)
{
    return summaryJson.find("\"outcome\":\"completed\"") != std::string::npos;
}

} // namespace conlab
