#pragma once

#include "ParameterSet.h"
#include "ParameterSpec.h"
#include "trace/Trace.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace conlab {

class Arena;
class JsonWriter;
class WorkerContext;

// How main brings a worker to life, as the tutorials' start methods do.
enum class StartMethod {
    Thread,   // a thread of the runner
    Spawn,    // posix_spawn of the runner in worker mode: a fresh process image
    ForkExec, // fork(), then exec of the runner in worker mode (Python's "spawn")
    Fork,     // fork() alone: the child is a copy of the runner and runs the worker there
};

// What a scenario's main code may ask of the run that hosts it.
class RunServices
{
public:
    virtual ~RunServices() = default;
    // Starts `worker` now, for scenarios whose main starts its own workers. Records the
    // worker's WorkerNew; false (with the reason on stderr) if the OS refused.
    virtual bool startWorker(std::uint32_t worker, StartMethod method) = 0;
    // Sends `signal` to a worker process and records SignalSent on main's lane. False for a
    // thread or a process that is gone.
    virtual bool signalWorker(WorkerContext &main, std::uint32_t worker, int signal) = 0;
    // Whether the worker still runs. For a process this reaps it if it has exited (as
    // Python's is_alive() does), so the answer is the kernel's, not the last collection's.
    virtual bool isAlive(std::uint32_t worker) = 0;
    // A process's exit code as Python's multiprocessing reports it once it is gone: the
    // status it exited with, or minus the signal that killed it. 0 for a thread.
    virtual int exitCode(std::uint32_t worker) = 0;
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
    // Rules that tie parameters together ("daemons: 0..workers (4)"); empty if the values are
    // fine. Each value is already within its own range.
    virtual std::string checkParameters(const ParameterSet &values) const { return {}; }
    // The lanes and shared objects a run with these values has.
    virtual TraceMeta describe(const ParameterSet &values) const = 0;
    virtual bool workersAreProcesses(const ParameterSet &values) const;
    // True if runMain starts the workers itself (RunServices::startWorker) rather than the
    // runner starting them all before main.
    virtual bool mainStartsWorkers() const { return false; }
    // Bytes of shared objects the scenario places in the arena; most need far less.
    virtual std::size_t arenaObjectBytes(const ParameterSet &values) const { return 256 * 1024; }
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
