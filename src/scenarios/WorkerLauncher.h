#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class WorkerContext;

// Main's side of chapter 1: start a worker, join it, end the daemons, each step printed and
// recorded the way a tutorial's program prints it ("main: join worker-2"), so the Output
// panel and the lane markers read like the program's own output.
class WorkerLauncher
{
public:
    WorkerLauncher(WorkerContext &main, RunServices &services, const TraceMeta &meta,
                   StartMethod method);

    // Starts `worker`; a daemon is only ever ended, never joined.
    bool start(std::uint32_t worker, bool daemon = false);
    // Blocks (reason join) until `worker` has ended, then prints that it was joined. `who`
    // says whose join it is ("main", or "exit" for the runtime's exit handling).
    bool join(std::uint32_t worker, const std::string &who = "main");
    // The runtime's part at exit: every started daemon still running is ended with its owner.
    // Returns how many were ended.
    int endDaemons();

    // Workers in the order their joins returned.
    const std::vector<std::uint32_t> &joined() const { return m_joined; }
    bool isDaemon(std::uint32_t worker) const;
    const std::vector<std::uint32_t> &started() const { return m_started; }
    std::string name(std::uint32_t worker) const { return m_meta.workerName(worker); }

private:
    WorkerContext &m_main;
    RunServices &m_services;
    const TraceMeta &m_meta;
    StartMethod m_method;
    std::vector<std::uint32_t> m_started;
    std::vector<std::uint32_t> m_daemons;
    std::vector<std::uint32_t> m_joined;
};

} // namespace conlab
