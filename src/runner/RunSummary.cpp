#include "RunSummary.h"

#include "ScheduleSummary.h"
#include "analysis/LockOrderGraph.h"
#include "analysis/OutputLog.h"
#include "analysis/ProcessTree.h"
#include "analysis/RunFigures.h"
#include "analysis/TraceChecker.h"
#include "runtime/JobScheduling.h"
#include "runtime/JobTableRunner.h"
#include "scenarios/Scenario.h"
#include "trace/JsonWriter.h"

#include <algorithm>

namespace conlab {

std::string RunSummary::deadlockJson(const Trace &trace, const Facts &facts)
{
    if (!facts.deadlock)
        return "null";
    JsonWriter json;
    json.beginObject();
    json.key("cycle").beginArray();
    for (const std::uint32_t worker : facts.deadlock->workers)
        json.value(trace.meta.workerName(worker));
    json.endArray();
    json.key("locks").beginArray();
    for (const std::uint32_t lock : facts.deadlock->locks) {
        const ObjectInfo *object = trace.meta.object(lock);
        json.value(object ? object->name : "lock " + std::to_string(lock));
    }
    json.endArray();
    json.key("formed_ns").value(facts.deadlock->formedNs - trace.meta.startNs);
    json.key("detected_ns").value(facts.deadlockDetectedNs - trace.meta.startNs);
    json.endObject();
    return json.text();
}

std::string RunSummary::json(const Trace &trace, const Facts &facts)
{
    const RunFigures figures = RunFigures::compute(trace);
    JsonWriter json;
    json.beginObject();
    json.key("scenario").value(trace.meta.scenario);
    json.key("outcome").value(facts.outcome);
    json.key("elapsed_ns").value(figures.durationNs);
    json.key("workers").value(std::uint64_t(trace.meta.workers.size()));
    json.key("kind").value(facts.processes ? "process" : "thread");
    json.key("cpus").value(trace.meta.cpus);
    if (!trace.meta.clock.empty())
        json.key("clock").value(trace.meta.clock);
    // With no virtual CPU the kernel schedules, and none of our policies applies.
    if (!facts.policy.empty())
        json.key("policy").value(facts.policy);
    json.key("events").value(std::uint64_t(trace.events.size()));
    json.key("dropped_events").value(trace.droppedEvents);
    if (!trace.droppedByWorker.empty()) {
        json.key("dropped_by_worker").beginObject();
        for (const auto &[worker, lost] : trace.droppedByWorker)
            json.key(trace.meta.workerName(worker)).value(lost);
        json.endObject();
    }
    json.key("checks").beginObject();
    json.key("passed").value(facts.checksPassed);
    json.key("rules").beginArray();
    for (const auto &rule : TraceChecker::rules())
        json.value(rule);
    json.endArray();
    json.key("violations").beginArray();
    for (const auto &message : facts.violations)
        json.value(message);
    json.endArray();
    json.endObject();
    json.key("params").beginObject();
    for (const auto &[name, value] : facts.values->values())
        json.key(name).value(value);
    json.endObject();
    const bool hasQueue = std::any_of(trace.meta.objects.begin(), trace.meta.objects.end(),
                                      [](const ObjectInfo &o) { return o.kind == "queue"; });
    if (hasQueue) {
        json.key("produced").value(figures.produced);
        json.key("consumed").value(figures.consumed);
        json.key("max_depth").value(figures.maxDepth);
    }
    json.key("stranded").value(figures.stranded);
    json.key("killed").value(figures.killed);
    json.key("tree");
    ProcessTree::build(trace.meta, trace.events).writeJson(json);
    const auto output = OutputLog::collect(trace.events);
    if (!output.empty()) {
        json.key("output").beginArray();
        for (const auto &line : output) {
            json.beginObject();
            json.key("worker").value(trace.meta.workerName(line.worker));
            json.key("text").value(line.text);
            json.key("t_ns").value(line.timeNs - trace.meta.startNs);
            json.endObject();
        }
        json.endArray();
    }
    for (const auto &[name, value] : facts.scenario->figures(trace))
        json.key(name).value(value);
    facts.scenario->writeSummary(json, trace);
    if (const auto *jobs = dynamic_cast<const JobTableRunner *>(facts.scenario))
        ScheduleSummary::write(json, trace, *jobs, dynamic_cast<const JobScheduling *>(jobs),
                               facts.jobsPath);
    const bool hasLock = std::any_of(trace.meta.objects.begin(), trace.meta.objects.end(),
                                     [](const ObjectInfo &o) { return o.kind == "lock"; });
    if (hasLock) {
        json.key("deadlock").raw(deadlockJson(trace, facts));
        json.key("victims_aborted").value(facts.victimsAborted);
        json.key("cycles_broken").value(facts.cyclesBroken);
        json.key("potential_deadlocks").beginArray();
        LockOrderGraph order;
        order.apply(trace.events);
        auto lockName = [&](std::uint32_t id) {
            const ObjectInfo *object = trace.meta.object(id);
            return object ? object->name : "lock " + std::to_string(id);
        };
        for (const auto &cycle : order.cycles()) {
            json.beginObject();
            json.key("locks").beginArray();
            for (const auto &edge : cycle)
                json.value(lockName(edge.from));
            json.endArray();
            json.key("sites").beginArray();
            for (const auto &edge : cycle)
                json.value(trace.meta.workerName(edge.worker) + " took " + lockName(edge.to) +
                           " while holding " + lockName(edge.from));
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }
    if (!facts.tracePath.empty() && facts.traceError.empty())
        json.key("trace").value(facts.tracePath);
    if (!facts.traceError.empty())
        json.key("trace_error").value(facts.traceError);
    if (!facts.csvError.empty())
        json.key("csv_error").value(facts.csvError);
    if (!facts.chromeTraceError.empty())
        json.key("chrome_trace_error").value(facts.chromeTraceError);
    if (!facts.failure.empty())
        json.key("error").value(facts.failure);
    json.endObject();
    return json.text();
}

} // namespace conlab
