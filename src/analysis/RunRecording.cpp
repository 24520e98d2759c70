#include "RunRecording.h"

namespace conlab {

void RunRecording::reset(const TraceMeta &meta)
{
    m_trace = Trace{};
    m_trace.meta = meta;
    m_timeline.reset(meta);
    m_queues.clear();
    for (const ObjectInfo &object : meta.objects) {
        if (object.kind == "queue")
            m_queues.emplace_back(object.id);
    }
    m_produced = 0;
    m_consumed = 0;
    m_hasMeta = true;
}

void RunRecording::append(const Event *events, std::size_t count)
{
    m_trace.events.insert(m_trace.events.end(), events, events + count);
    m_timeline.append(events, count);
    for (QueueDepthSeries &queue : m_queues)
        queue.append(events, count);
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        if (e.arg >= kSentinelItem)
            continue;
        if (e.kind == EventKind::QueuePut)
            ++m_produced;
        else if (e.kind == EventKind::QueueGet)
            ++m_consumed;
    }
}

void RunRecording::load(const Trace &trace)
{
    reset(trace.meta);
    append(trace.events.data(), trace.events.size());
    m_trace.droppedEvents = trace.droppedEvents;
    m_trace.summaryJson = trace.summaryJson;
    m_timeline.extendOpenTo(m_timeline.lastNs());
}

void RunRecording::extendTo(std::uint64_t nowNs)
{
    m_timeline.extendOpenTo(nowNs);
}

std::uint64_t RunRecording::lastEventNs() const
{
    const std::uint64_t last = m_timeline.lastNs();
    return last > m_trace.meta.startNs ? last - m_trace.meta.startNs : 0;
}

} // namespace conlab
