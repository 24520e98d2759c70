#pragma once

#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class JsonWriter;

// Which worker ran in which process, and which process started which: built from the OS ids
// each worker recorded when it started (pid, tid, ppid), so it shows what really ran, not
// what the lesson asked for.
class ProcessTree
{
public:
    struct Thread
    {
        std::uint32_t worker = 0;
        std::int64_t tid = 0;
        std::string name;
    };
    struct Process
    {
        std::int64_t pid = 0;
        std::int64_t ppid = 0;
        std::string name;
        std::vector<Thread> threads;
        std::vector<std::size_t> children; // indexes into processes()
        // False for a parent that no lane ran in, known only as the ppid its children
        // recorded (server-models' connection forker): its name is empty, its ppid unknown (0).
        bool recorded = true;
    };

    static ProcessTree build(const TraceMeta &meta, const std::vector<Event> &events);

    const std::vector<Process> &processes() const { return m_processes; }
    // Processes whose parent is not in the tree (the runner, or orphans), in start order.
    // Processes whose parent ran no lane but is not the runner's own parent hang from a
    // process made for that parent (not recorded), so that children of one helper stay
    // together instead of each standing alone.
    const std::vector<std::size_t> &roots() const { return m_roots; }
    // The parent pid each worker's process had, or 0 if the worker never started.
    std::int64_t ppidOf(std::uint32_t worker) const;

    // An array of root processes: {pid, ppid, name, threads: [{tid, name}], children: [...]}.
    void writeJson(JsonWriter &json) const;

private:
    void writeProcess(JsonWriter &json, std::size_t index) const;

    std::vector<Process> m_processes;
    std::vector<std::size_t> m_roots;
    std::vector<std::pair<std::uint32_t, std::int64_t>> m_ppidOfWorker;
};

} // namespace conlab
