#include "LaneNames.h"

#include "trace/OutputText.h"

#include <algorithm>

namespace conlab {

bool LaneNames::rename(TraceMeta &meta, const Pending &pending)
{
    for (WorkerInfo &worker : meta.workers) {
        if (worker.id != pending.worker)
            continue;
        // A header line holds the name: nothing may end it early.
        std::string name = pending.text;
        std::replace(name.begin(), name.end(), '\n', ' ');
        std::replace(name.begin(), name.end(), '\r', ' ');
        if (name.empty() || worker.name == name)
            return false;
        worker.name = std::move(name);
        return true;
    }
    return false;
}

bool LaneNames::apply(const Event *events, std::size_t count, TraceMeta &meta)
{
    bool changed = false;
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        if (e.kind != EventKind::LaneNamed && e.kind != EventKind::LaneNamedMore)
            continue;
        auto pending = std::find_if(m_pending.begin(), m_pending.end(),
                                    [&](const Pending &p) { return p.worker == e.worker; });
        if (e.kind == EventKind::LaneNamed) {
            if (pending != m_pending.end())
                m_pending.erase(pending);
            Pending next;
            next.worker = e.worker;
            next.total = e.reason;
            OutputText::appendChunk(e, next.total, next.text);
            if (next.text.size() >= next.total)
                changed = rename(meta, next) || changed;
            else
                m_pending.push_back(std::move(next));
        } else if (pending != m_pending.end()) {
            OutputText::appendChunk(e, pending->total, pending->text);
            if (pending->text.size() >= pending->total) {
                changed = rename(meta, *pending) || changed;
                m_pending.erase(pending);
            }
        }
    }
    return changed;
}

void LaneNames::applyAll(const std::vector<Event> &events, TraceMeta &meta)
{
    LaneNames names;
    names.apply(events.data(), events.size(), meta);
}

} // namespace conlab
