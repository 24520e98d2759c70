#pragma once

#include "RunOptions.h"
#include "RunSummary.h"
#include "StreamWriter.h"
#include "WorkerProcessStarter.h"
#include "analysis/WaitForGraph.h"
#include "scenarios/ParameterSet.h"
#include "scenarios/Scenario.h"
#include "trace/StampConverter.h"
#include "trace/Trace.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace conlab {

class Arena;
class CpuGate;
class EventRecorder;
class JobScheduling;
class JsonWriter;
class WorkerTable;

// One run of one scenario: creates the arena, starts main and the workers (threads, or
// processes spawned from this executable in worker mode), collects their events while they
// run, ends the run on completion, Stop or the time limit, reaps every worker, then checks
// the trace and reports. Nothing of the run outlives it.
class RunSession : public RunServices
{
public:
    explicit RunSession(RunOptions options);
    ~RunSession() override;

    // The process exit code: 0 for a run that ran (whatever its outcome), 1 if it could not
    // run or its trace, CSV or Chrome trace could not be written, 2 for bad input (an
    // unwritable --trace, --csv or --chrome-trace path included, refused before the run; the
    // message is already on stderr).
    int run();

    void endDaemon(std::uint32_t worker) override;
    bool startWorker(std::uint32_t worker, StartMethod method) override;
    bool signalWorker(WorkerContext &main, std::uint32_t worker, int signal) override;
    bool isAlive(std::uint32_t worker) override;
    int exitCode(std::uint32_t worker) override;

    // Async-signal-safe: asks the current run to stop.
    static void requestStop();

private:
    enum class Outcome { Completed, Stopped, TimedOut, Failed, Deadlocked };

    bool prepare();
    bool loadJobTable();
    bool startWorkers();
    // A worker process by `method` (Spawn, ForkExec or Fork); its pid goes in m_pids.
    bool startProcess(std::uint32_t worker, StartMethod method);
    void startThread(std::uint32_t worker);
    void reapOne(std::uint32_t worker, bool block);
    void controlLoop();
    void collect();
    void watchForDeadlock();
    void reapProcesses(bool block);
    bool everyoneTerminated() const;
    void beginStop(std::uint32_t why);
    void forceEnd();
    void finish();
    // What the summary needs that only the session saw while the run went on.
    RunSummary::Facts summaryFacts(bool checksPassed, std::vector<std::string> violations) const;

    RunOptions m_options;
    std::unique_ptr<Scenario> m_scenario;
    ParameterSet m_values;
    TraceMeta m_meta;
    bool m_processes = false;

    std::unique_ptr<Arena> m_arena;
    WorkerTable *m_table = nullptr;
    CpuGate *m_gate = nullptr;
    std::unique_ptr<EventRecorder> m_control;
    std::unique_ptr<WorkerProcessStarter> m_starter;
    std::optional<StreamWriter> m_stream;

    // Main may start workers while the control loop reaps them: both hold this lock to touch
    // the process table, the thread list or the control ring (a single-producer ring).
    mutable std::mutex m_startLock;
    std::vector<std::thread> m_threads;
    std::vector<pid_t> m_pids;    // by worker id; 0 when not a live process
    std::vector<int> m_exitCodes; // by worker id, once reaped: the code, or -signal
    std::vector<std::atomic<bool>>
        m_started; // a start was asked for; never-started lanes stay empty
    std::vector<std::atomic<bool>> m_endedAsDaemon;
    std::vector<Event> m_events;
    std::vector<Event> m_batch;
    std::vector<std::size_t> m_ringEnds; // where each ring's events end in m_batch
    StampConverter m_stamps;
    std::uint64_t m_lastDroppedSent = 0;
    std::uint64_t m_startNs = 0;
    Outcome m_outcome = Outcome::Completed;
    WaitForGraph m_waitFor;
    std::optional<WaitForGraph::Cycle> m_deadlock; // the first cycle nobody broke
    std::uint64_t m_deadlockDetectedNs = 0;
    std::uint64_t m_victimsAborted = 0;
    std::uint64_t m_cyclesBroken = 0; // cycles that closed and then opened again by timeout
    std::string m_failure;
    std::string m_traceError; // why --trace could not be written at the end, if it couldn't
    std::string m_csvError;
    std::string m_chromeTraceError;
};

} // namespace conlab
