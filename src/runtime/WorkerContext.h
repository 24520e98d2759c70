#pragma once

#include "CpuGate.h"
#include "EventRecorder.h"
#include "WorkerTable.h"

#include <cstdint>
#include <string_view>

namespace conlab {

class Arena;

// What scenario code sees of the runtime while it runs as one worker (a thread or a
// process): the virtual CPU, blocking with a reason, joining, and ending with a cause.
// Every call records the state change it makes.
class WorkerContext
{
public:
    WorkerContext(Arena &arena, CpuGate &gate, WorkerTable &table, std::uint32_t worker);

    std::uint32_t id() const { return m_recorder.worker(); }
    EventRecorder &recorder() { return m_recorder; }
    Arena &arena() { return m_arena; }

    // A context for `lane`, a lane this worker hosts and whose thread it starts itself (a
    // process's own threads in a lesson that nests them). The lane's thread records its
    // WorkerNew and calls started() like any worker.
    WorkerContext nestedLane(std::uint32_t lane) const
    {
        return WorkerContext(m_arena, m_gate, m_table, lane);
    }

    // Records the OS ids; the first thing a worker does.
    void started();
    // Waits until `count` workers (main included) have started: a start line, so that
    // spawning processes one by one doesn't stagger a lesson that needs them together.
    bool waitForStart(std::uint32_t count);
    // True once the run is stopping or this worker was cancelled (a daemon whose owner ended).
    bool shouldStop() const;
    // The exit cause to report when shouldStop() made the worker give up.
    ExitCause stopCause() const;
    // True once this worker's Terminated is recorded, by whichever process recorded it.
    bool hasExited() const { return m_table.isTerminated(id()); }

    // True once after the deadlock detector chose this worker as the victim of a cycle.
    bool takeAbortRequest() { return m_table.takeAbortWait(id()); }

    bool holdsCpu() const { return m_cpu >= 0; }
    // Burns `ns` of real CPU time while holding a virtual CPU, acquiring one first if needed.
    // compute(0) only acquires. False if the run is stopping.
    bool compute(std::uint64_t ns);
    // Burns `ns` of wall time on the CPU with no virtual CPU (a lesson with cpus 0, after
    // runFree()). False if the run is stopping.
    bool busyFor(std::uint64_t ns);
    // Burns `ns` of this thread's own CPU time with no virtual CPU, however long the kernel
    // keeps it waiting meanwhile. False if the run is stopping.
    bool burnCpuTime(std::uint64_t ns);
    // For lessons with no virtual CPU (cpus 0): records ready -> running, if not running
    // already, and acquires nothing. The kernel alone decides when the code really runs.
    // False if the run is stopping.
    bool runFree();
    // Ends a CPU burst: back to the ready list, then running again when the policy says so.
    bool yieldCpu();
    // Records Blocked on `object` for `reason`, giving up the CPU if held.
    void block(BlockReason reason, std::uint32_t object);
    // Blocks (reason sleep) for `ns` of wall time without a CPU. False if stopping first.
    bool sleep(std::uint64_t ns);
    // Blocks (reason join) until `worker` has terminated. False if stopping first.
    bool join(std::uint32_t worker);
    // Records Terminated with its cause and gives up the CPU. The last call a worker makes.
    void exit(ExitCause cause, std::int64_t arg = 0);
    // Records a line this worker printed (an output marker on its lane, a row of the Output
    // panel). Costs one event per 16 bytes; lines are cut at OutputText::kMaxBytes.
    void print(std::string_view text);
    // Ends a worker whose states, Terminated included, another thread recorded into its ring
    // on its behalf (the kernel lesson's sampler): only marks it terminated for joiners.
    void exitRecordedElsewhere();

private:
    Arena &m_arena;
    CpuGate &m_gate;
    WorkerTable &m_table;
    EventRecorder m_recorder;
    int m_cpu = -1;
    bool m_runningFree = false;
};

} // namespace conlab
