#pragma once

#include "ParameterSet.h"
#include "ParameterSpec.h"
#include "trace/Trace.h"
#include "trace/TraceMeta.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conlab {

class Arena;
class JsonWriter;
class WorkerContext;

// What a scenario's main code may ask of the run that hosts it.
class RunServices
{
public:
    virtual ~RunServices() = default;
    // Ends a daemon worker because its owner finished: a thread is cancelled at its next
    // wait, a process is sent SIGTERM (as Python's multiprocessing does to daemons).
    virtual void endDaemon(std::uint32_t worker) = 0;
};

// A lesson that runs for real. It declares its parameters and its workers; the runtime
// spawns, records and stops them. Worker 0 is always "main", a thread of the runner that
// plays the role of the program's main code; the others run as threads or processes.
class Scenario
{
public:
    struct Info
    {
        std::string id;           // "producer-consumer": a command-line contract
        std::string title;        // "Producer / consumer"
        int chapter = 0;          // as in the catalog
        std::string chapterTitle; // "Communication"
    };

    virtual ~Scenario() = default;

    virtual Info info() const = 0;
    virtual std::vector<ParameterSpec> parameters() const = 0;
    // The lanes and shared objects a run with these values has.
    virtual TraceMeta describe(const ParameterSet &values) const = 0;
    virtual bool workersAreProcesses(const ParameterSet &values) const;
    // Places the shared objects in the arena. Called in the runner (constructing) and in each
    // worker process (finding them), always in the same order.
    virtual bool setup(Arena &arena, const ParameterSet &values) = 0;
    virtual void runWorker(WorkerContext &worker) = 0;
    virtual void runMain(WorkerContext &main, RunServices &services) = 0;
    // Whether the runner should break each deadlock it detects by failing one waiter's lock
    // wait (the "victim" remedy). Asked after setup().
    virtual bool abortsDeadlockVictims() const { return false; }
    // Why the run failed although every worker ended (a wrong reply, say); empty if it did
    // not. Asked in the runner after every worker has ended.
    virtual std::string failure() const { return {}; }
    // Scenario figures for the summary, as `"name":value` pairs counted from the trace.
    virtual std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const;
    // Structured parts of the summary a flat figure can't carry (per-thread tables, one
    // object per phase), written as `"key":value` members of the summary object.
    virtual void writeSummary(JsonWriter &json, const Trace &trace) const;

    // Main's usual part: wait for workers 1..count, then end, saying if a stop cut it short.
    static void joinWorkersThenExit(WorkerContext &main, std::uint32_t count);
    // A TraceMeta with the fields every scenario fills the same way, and a "main" lane.
    TraceMeta baseMeta(const ParameterSet &values) const;

    // Parameters every scenario shares.
    static ParameterSpec timeScaleParameter();
    static ParameterSpec cpusParameter();
    static ParameterSpec kindParameter();
};

} // namespace conlab
