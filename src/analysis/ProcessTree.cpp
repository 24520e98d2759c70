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
        process->threads.push_back({e.worker, std::int64_t(e.value), meta.workerName(e.worker)});
        tree.m_ppidOfWorker.emplace_back(e.worker, ppid);
    }
    for (std::size_t i = 0; i < tree.m_processes.size(); ++i) {
        const auto parent =
            std::find_if(tree.m_processes.begin(), tree.m_processes.end(),
                         [&](const Process &p) { return p.pid == tree.m_processes[i].ppid; });
        if (parent == tree.m_processes.end() || std::size_t(parent - tree.m_processes.begin()) == i)
            tree.m_roots.push_back(i);
        else
            parent->children.push_back(i);
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
