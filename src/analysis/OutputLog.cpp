#include "OutputLog.h"

#include "trace/OutputText.h"

#include <algorithm>

namespace conlab {

void OutputLog::clear()
{
    m_pending.clear();
    m_lines.clear();
    m_firstNew = 0;
}

void OutputLog::complete(Pending &pending)
{
    // Lines of different workers may complete out of time order; keep the list sorted.
    const auto at =
        std::upper_bound(m_lines.begin(), m_lines.end(), pending.line.timeNs,
                         [](std::uint64_t t, const Line &line) { return t < line.timeNs; });
    const auto index = std::size_t(at - m_lines.begin());
    m_lines.insert(at, std::move(pending.line));
    m_firstNew = std::min(m_firstNew, index);
}

void OutputLog::append(const Event *events, std::size_t count)
{
    m_firstNew = m_lines.size();
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        if (e.kind != EventKind::Output && e.kind != EventKind::OutputMore)
            continue;
        auto pending = std::find_if(m_pending.begin(), m_pending.end(),
                                    [&](const Pending &p) { return p.worker == e.worker; });
        if (e.kind == EventKind::Output) {
            // A new line replaces one whose rest was lost (a dropped event).
            if (pending != m_pending.end())
                m_pending.erase(pending);
            Pending next;
            next.worker = e.worker;
            next.total = e.reason;
            next.line.timeNs = e.timeNs;
            next.line.worker = e.worker;
            OutputText::appendChunk(e, next.total, next.line.text);
            if (next.line.text.size() >= next.total)
                complete(next);
            else
                m_pending.push_back(std::move(next));
        } else if (pending != m_pending.end()) {
            OutputText::appendChunk(e, pending->total, pending->line.text);
            if (pending->line.text.size() >= pending->total) {
                complete(*pending);
                m_pending.erase(pending);
            }
        }
    }
}

std::vector<OutputLog::Line> OutputLog::collect(const std::vector<Event> &events)
{
    OutputLog log;
    log.append(events);
    return log.lines();
}

} // namespace conlab
