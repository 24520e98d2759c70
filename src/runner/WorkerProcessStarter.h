#pragma once

#include "scenarios/Scenario.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace conlab {

class Arena;
class CpuGate;
class WorkerTable;

// Starts one worker of a run as a process: a fresh exec of this runner in worker mode (by
// posix_spawn, or fork then exec) that finds the arena by its fd, or a fork that runs the
// worker in a copy of the runner. It only starts; the run keeps the pids and reaps them.
class WorkerProcessStarter
{
public:
    WorkerProcessStarter(Arena &arena, WorkerTable &table, CpuGate &gate, Scenario &scenario,
                         std::string scenarioId, std::vector<std::string> assignments);

    // The child's pid, or -1 with `error` set. `method` is Spawn, ForkExec or Fork.
    pid_t start(std::uint32_t worker, StartMethod method, std::string &error);

private:
    pid_t exec(std::uint32_t worker, StartMethod method, std::string &error);
    pid_t fork(std::uint32_t worker, std::string &error);
    [[noreturn]] void runForkedWorker(std::uint32_t worker, pid_t runner);

    Arena &m_arena;
    WorkerTable &m_table;
    CpuGate &m_gate;
    Scenario &m_scenario;
    std::string m_scenarioId;
    std::vector<std::string> m_assignments;
};

} // namespace conlab
