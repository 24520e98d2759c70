#include "ProcessTree.h"

#include "trace/JsonWriter.h"

#include <algorithm>

namespace conlab {

ProcessTree ProcessTree::build(const TraceMeta &meta, const std::vector<Event> &events)
{
    ProcessTree tree;
    for (const Event &e : events) {
        if (e.kind != EventKind::WorkerStarted)
            continue;
        const std::int64_t pid = e.arg;
        const std::int64_t ppid = e.object;
        auto process = std::find_if(tree.m_processes.begin(), tree.m_processes.end(),
                                    [&](const Process &p) { return p.pid == pid; });
        if (process == tree.m_processes.end()) {
            Process next;
            next.pid = pid;
            next.ppid = ppid;
            // The process that hosts main is the runner; any other takes its first worker's name.
            next.name = e.worker == 0 ? "conlab-runner" : meta.workerName(e.worker);
            tree.m_processes.push_back(std::move(next));
            process = tree.m_processes.end() - 1;
        }
        if (e.worker == 0)
            process->name = "conlab-runner";
        // A lane handed over (server-models: a runtime thread hosts a handler's lane until the
        // handler exists) starts again in its handler: the host was never that worker.
        for (Process &other : tree.m_processes)
            std::erase_if(other.threads, [&](const Thread &t) { return t.worker == e.worker; });
        std::erase_if(tree.m_ppidOfWorker,
                      [&](const auto &entry) { return entry.first == e.worker; });
        process->threads.push_back({e.worker, std::int64_t(e.value), meta.workerName(e.worker)});
        tree.m_ppidOfWorker.emplace_back(e.worker, ppid);
    }
    // The first process (main's, the runner's, or a watched program's) came from outside the
    // run: its parent is no helper of it.
    const std::int64_t outside = tree.m_processes.empty() ? 0 : tree.m_processes.front().ppid;
    // Roots keep their start order; a made-up parent stands where its first child would.
    const std::size_t recorded = tree.m_processes.size();
    for (std::size_t i = 0; i < recorded; ++i) {
        const std::int64_t ppid = tree.m_processes[i].ppid;
        const auto found = std::find_if(tree.m_processes.begin(), tree.m_processes.end(),
                                        [&](const Process &p) { return p.pid == ppid; });
        auto index = std::size_t(found - tree.m_processes.begin());
        if (found == tree.m_processes.end() && ppid > 0 && ppid != outside &&
            ppid != tree.m_processes[i].pid) {
            Process helper;
            helper.pid = ppid;
            helper.recorded = false;
            tree.m_processes.push_back(std::move(helper));
            tree.m_roots.push_back(index);
        }
        if (index == tree.m_processes.size() || index == i)
            tree.m_roots.push_back(i);
        else
            tree.m_processes[index].children.push_back(i);
    }
    return tree;
}

std::int64_t ProcessTree::ppidOf(std::uint32_t worker) const
{
    for (const auto &[id, ppid] : m_ppidOfWorker)
        if (id == worker)
            return ppid;
    return 0;
}

void ProcessTree::writeJson(JsonWriter &json) const
{
    json.beginArray();
    for (const std::size_t root : m_roots)
        writeProcess(json, root);
    json.endArray();
}

void ProcessTree::writeProcess(JsonWriter &json, std::size_t index) const
{
    const Process &process = m_processes[index];
    json.beginObject();
    json.key("pid").value(process.pid);
    json.key("ppid").value(process.ppid);
    json.key("name").value(process.name);
    if (!process.recorded)
        json.key("recorded").value(false);
    json.key("threads").beginArray();
    for (const Thread &thread : process.threads) {
        json.beginObject();
        json.key("tid").value(thread.tid);
        json.key("name").value(thread.name);
        json.endObject();
    }
    json.endArray();
    json.key("children").beginArray();
    for (const std::size_t child : process.children)
        writeProcess(json, child);
    json.endArray();
    json.endObject();
}

} // namespace conlab
