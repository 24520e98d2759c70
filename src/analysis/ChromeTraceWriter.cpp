#include "ChromeTraceWriter.h"

#include "IntervalCsv.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace conlab {

namespace {

// Where a lane's OS ids are unknown (a hand-made trace, a lane that never started).
constexpr std::int64_t kUnknownPid = 1;
constexpr std::int64_t kMadeUpTidBase = 1000;

struct Track
{
    std::int64_t pid = 0;
    std::int64_t tid = 0;
};

// Ids nobody in the file has yet. Perfetto keys a thread by its tid alone (thread_name
// carries no pid), so two lanes with one tid, a coroutine and the thread that runs it,
// would merge into one track: the second gets a made-up tid of its own.
class IdPool
{
public:
    void reserve(std::int64_t id) { m_used.insert(id); }
    std::int64_t take(std::int64_t preferred)
    {
        while (m_used.count(preferred))
            ++preferred;
        m_used.insert(preferred);
        return preferred;
    }
    std::int64_t next() const { return m_used.empty() ? 1 : *m_used.rbegin() + 1; }

private:
    std::set<std::int64_t> m_used;
};

// The events of one file, one per line so that it greps and diffs well.
class ChromeEventBuilder
{
public:
    explicit ChromeEventBuilder(const RunRecording &recording)
        : m_recording(recording), m_meta(recording.meta()), m_states(recording.timeline())
    {
    }

    std::string build();

private:
    void assignTracks();
    void describeTracks();
    void addIntervals();
    void addLocks();
    void addOutput();
    void addWakeups();
    void addDeadlock();
    std::string metadata() const;
    void add(const JsonWriter &event)
    {
        if (!m_events.empty())
            m_events += ",\n";
        m_events += event.text();
    }

    // Opens an event: name, cat (when given), ph, pid and tid; the caller adds the rest.
    JsonWriter begin(std::string_view name, const char *cat, const char *ph,
                     const Track &track) const;
    std::string ts(std::uint64_t ns) const
    {
        return ChromeTraceWriter::microseconds(ns > m_meta.startNs ? ns - m_meta.startNs : 0);
    }
    std::string title() const;
    std::string objectName(const StateInterval &interval) const;
    // A lock, queue, semaphore or event by its id.
    std::string nameOf(std::uint32_t id) const;

    const RunRecording &m_recording;
    const TraceMeta &m_meta;
    const StateTimeline &m_states;
    IdPool m_ids;
    std::vector<Track> m_laneTracks; // by lane index
    std::vector<Track> m_lockTracks; // by lock lane index
    std::int64_t m_lockPid = 0;
    std::string m_events;
};

std::string ChromeEventBuilder::build()
{
    assignTracks();
    describeTracks();
    addIntervals();
    addLocks();
    addOutput();
    addWakeups();
    addDeadlock();
    return "{\"traceEvents\":[\n" + m_events +
           "\n],\n\"displayTimeUnit\":\"ns\",\n\"metadata\":" + metadata() + "}\n";
}

void ChromeEventBuilder::assignTracks()
{
    // Real ids first: a made-up one must never take an id that a later lane really has.
    bool unknownPid = false;
    for (std::size_t i = 0; i < m_states.laneCount(); ++i) {
        const auto &lane = m_states.lane(i);
        if (lane.pid > 0)
            m_ids.reserve(lane.pid);
        else
            unknownPid = true;
        if (lane.tid > 0)
            m_ids.reserve(lane.tid);
    }
    if (unknownPid)
        m_ids.reserve(kUnknownPid);
    std::set<std::int64_t> claimed;
    std::vector<std::size_t> madeUp;
    for (std::size_t i = 0; i < m_states.laneCount(); ++i) {
        const auto &lane = m_states.lane(i);
        Track track;
        track.pid = lane.pid > 0 ? lane.pid : kUnknownPid;
        if (lane.tid > 0 && claimed.insert(lane.tid).second)
            track.tid = lane.tid;
        else
            madeUp.push_back(i);
        m_laneTracks.push_back(track);
    }
    for (const std::size_t i : madeUp)
        m_laneTracks[i].tid = m_ids.take(kMadeUpTidBase + m_states.lane(i).worker);

    const auto &locks = m_recording.locks().lanes();
    if (locks.empty())
        return;
    // The locks are no thread of any process: they get a process of their own.
    m_lockPid = m_ids.take(m_ids.next());
    for (std::size_t i = 0; i < locks.size(); ++i)
        m_lockTracks.push_back({m_lockPid, m_ids.take(m_lockPid + 1)});
}

void ChromeEventBuilder::describeTracks()
{
    // Processes in the order of their first lane, the runner's own (main's) first.
    std::map<std::int64_t, std::size_t> firstLaneOfPid;
    std::vector<std::int64_t> pids;
    for (std::size_t i = 0; i < m_laneTracks.size(); ++i) {
        if (firstLaneOfPid.emplace(m_laneTracks[i].pid, i).second)
            pids.push_back(m_laneTracks[i].pid);
    }
    auto processMeta = [this](std::int64_t pid, const std::string &name, std::size_t order) {
        const Track track{pid, pid};
        JsonWriter json = begin("process_name", nullptr, "M", track);
        json.key("args").beginObject().key("name").value(name).endObject().endObject();
        add(json);
        JsonWriter sort = begin("process_sort_index", nullptr, "M", track);
        sort.key("args").beginObject().key("sort_index").value(std::uint64_t(order));
        sort.endObject().endObject();
        add(sort);
    };
    auto threadMeta = [this](const Track &track, const std::string &name, std::size_t order) {
        JsonWriter json = begin("thread_name", nullptr, "M", track);
        json.key("args").beginObject().key("name").value(name).endObject().endObject();
        add(json);
        JsonWriter sort = begin("thread_sort_index", nullptr, "M", track);
        sort.key("args").beginObject().key("sort_index").value(std::uint64_t(order));
        sort.endObject().endObject();
        add(sort);
    };
    for (std::size_t order = 0; order < pids.size(); ++order) {
        const std::size_t lane = firstLaneOfPid[pids[order]];
        // Worker processes are named after the lane they carry; the first is the run's own.
        std::string name = title();
        if (order > 0)
            name += ": " + m_meta.workerName(m_states.lane(lane).worker);
        processMeta(pids[order], name, order);
    }
    for (std::size_t i = 0; i < m_laneTracks.size(); ++i)
        threadMeta(m_laneTracks[i], m_meta.workerName(m_states.lane(i).worker), i);
    if (m_lockTracks.empty())
        return;
    processMeta(m_lockPid, title() + ": locks", pids.size());
    const auto &locks = m_recording.locks().lanes();
    for (std::size_t i = 0; i < m_lockTracks.size(); ++i)
        threadMeta(m_lockTracks[i], nameOf(locks[i].lock), m_laneTracks.size() + i);
}

void ChromeEventBuilder::addIntervals()
{
    for (std::size_t laneIndex = 0; laneIndex < m_states.laneCount(); ++laneIndex) {
        const Track &track = m_laneTracks[laneIndex];
        for (const StateInterval &interval : m_states.lane(laneIndex).intervals) {
            std::string name = toString(interval.state);
            const std::string reason = IntervalCsv::reasonText(interval);
            if (interval.state == WorkerState::Blocked && !reason.empty())
                name += ": " + reason;
            JsonWriter json = begin(name, "state", "X", track);
            json.key("ts").raw(ts(interval.startNs));
            json.key("dur").raw(ChromeTraceWriter::microseconds(
                interval.endNs > interval.startNs ? interval.endNs - interval.startNs : 0));
            json.key("args").beginObject();
            if (interval.state == WorkerState::Blocked) {
                json.key("reason").value(reason);
                if (const std::string object = objectName(interval); !object.empty())
                    json.key("object").value(object);
            } else if (interval.state == WorkerState::Terminated) {
                json.key("exit").value(reason);
            } else if (interval.state == WorkerState::Running && interval.cpu >= 0 &&
                       m_meta.cpus > 0) {
                json.key("cpu").value(interval.cpu);
            }
            json.endObject().endObject();
            add(json);
        }
    }
}

void ChromeEventBuilder::addLocks()
{
    const auto &locks = m_recording.locks().lanes();
    for (std::size_t i = 0; i < locks.size(); ++i) {
        for (const LockTimeline::Hold &hold : locks[i].holds) {
            JsonWriter json = begin(m_meta.workerName(hold.owner), "lock", "X", m_lockTracks[i]);
            json.key("ts").raw(ts(hold.startNs));
            json.key("dur").raw(ChromeTraceWriter::microseconds(
                hold.endNs > hold.startNs ? hold.endNs - hold.startNs : 0));
            json.key("args").beginObject();
            json.key("lock").value(nameOf(locks[i].lock));
            json.key("contended").value(hold.contended);
            if (hold.maxDepth > 1)
                json.key("max_depth").value(hold.maxDepth);
            if (hold.open)
                json.key("held_at_end").value(true);
            json.endObject().endObject();
            add(json);
        }
    }
}

void ChromeEventBuilder::addOutput()
{
    for (const OutputLog::Line &line : m_recording.output().lines()) {
        const int lane = m_states.laneOf(line.worker);
        if (lane < 0)
            continue;
        JsonWriter json = begin("output", "output", "i", m_laneTracks[std::size_t(lane)]);
        json.key("s").value("t");
        json.key("ts").raw(ts(line.timeNs));
        json.key("args").beginObject().key("text").value(line.text).endObject().endObject();
        add(json);
    }
}

void ChromeEventBuilder::addWakeups()
{
    // Written after the intervals: at equal times a reader keeps the file's order, so the
    // wakee's new interval already encloses the arrow's end ("bp":"e").
    std::uint64_t id = 0;
    for (const WakeupLinks::Link &link : m_recording.wakeups()) {
        const int from = m_states.laneOf(link.waker);
        const int to = m_states.laneOf(link.wakee);
        if (from < 0 || to < 0 || from == to)
            continue;
        ++id;
        JsonWriter start = begin("unblocked by", "wakeup", "s", m_laneTracks[std::size_t(from)]);
        start.key("id").value(id);
        start.key("ts").raw(ts(link.wakerNs));
        start.key("args").beginObject().key("object").value(nameOf(link.object)).endObject();
        start.endObject();
        add(start);
        JsonWriter end = begin("unblocked by", "wakeup", "f", m_laneTracks[std::size_t(to)]);
        end.key("id").value(id);
        end.key("bp").value("e");
        end.key("ts").raw(ts(link.wakeNs));
        end.endObject();
        add(end);
    }
}

void ChromeEventBuilder::addDeadlock()
{
    if (!m_recording.hasDeadlock())
        return;
    const WaitForGraph::Cycle &cycle = m_recording.firstDeadlock();
    std::string text;
    for (std::size_t i = 0; i < cycle.workers.size() && i < cycle.locks.size(); ++i) {
        const std::size_t held = (i + cycle.locks.size() - 1) % cycle.locks.size();
        if (!text.empty())
            text += "; ";
        text += m_meta.workerName(cycle.workers[i]) + " holds " + nameOf(cycle.locks[held]) +
                ", waits for " + nameOf(cycle.locks[i]);
    }
    const int lane = cycle.workers.empty() ? -1 : m_states.laneOf(cycle.workers.front());
    const Track track = lane >= 0              ? m_laneTracks[std::size_t(lane)]
                        : m_laneTracks.empty() ? Track{kUnknownPid, kUnknownPid}
                                               : m_laneTracks.front();
    JsonWriter json = begin("deadlock", "deadlock", "i", track);
    json.key("s").value("g");
    json.key("ts").raw(ts(cycle.formedNs));
    json.key("args").beginObject().key("cycle").value(text);
    json.key("workers").beginArray();
    for (const std::uint32_t worker : cycle.workers)
        json.value(m_meta.workerName(worker));
    json.endArray().key("locks").beginArray();
    for (const std::uint32_t lock : cycle.locks)
        json.value(nameOf(lock));
    json.endArray().endObject().endObject();
    add(json);
}

std::string ChromeEventBuilder::metadata() const
{
    JsonWriter json;
    json.beginObject();
    json.key("source").value("Concurrency Lab");
    json.key("scenario").value(m_meta.scenario);
    json.key("title").value(m_meta.title);
    json.key("params").beginObject();
    for (const auto &[name, value] : m_meta.params)
        json.key(name).value(value);
    json.endObject();
    json.key("cpus").value(m_meta.cpus);
    json.key("time_scale").value(m_meta.timeScale);
    json.key("start_ns").value(m_meta.startNs);
    json.key("dropped_events").value(m_recording.droppedEvents());
    json.endObject();
    return json.text();
}

JsonWriter ChromeEventBuilder::begin(std::string_view name, const char *cat, const char *ph,
                                     const Track &track) const
{
    JsonWriter json;
    json.beginObject();
    json.key("name").value(name);
    if (cat)
        json.key("cat").value(cat);
    json.key("ph").value(ph);
    json.key("pid").value(track.pid);
    json.key("tid").value(track.tid);
    return json;
}

std::string ChromeEventBuilder::title() const
{
    if (!m_meta.title.empty())
        return m_meta.title;
    return m_meta.scenario.empty() ? std::string("Concurrency Lab run") : m_meta.scenario;
}

std::string ChromeEventBuilder::objectName(const StateInterval &interval) const
{
    switch (interval.reason) {
    case BlockReason::Join:
    case BlockReason::Switch:
        return m_meta.workerName(interval.object);
    case BlockReason::Result:
        // A task number here, not a shared object; 0 is the next result, or all of them.
        return interval.object == 0 ? std::string() : "task " + std::to_string(interval.object);
    default:
        if (const ObjectInfo *object = m_meta.object(interval.object))
            return object->name;
        return interval.object == 0 ? std::string() : "object " + std::to_string(interval.object);
    }
}

std::string ChromeEventBuilder::nameOf(std::uint32_t id) const
{
    const ObjectInfo *object = m_meta.object(id);
    return object ? object->name : "object " + std::to_string(id);
}

} // namespace

std::string ChromeTraceWriter::microseconds(std::uint64_t ns)
{
    const std::string fraction = std::to_string(ns % 1000);
    return std::to_string(ns / 1000) + '.' + std::string(3 - fraction.size(), '0') + fraction;
}

std::string ChromeTraceWriter::format(const RunRecording &recording)
{
    return ChromeEventBuilder(recording).build();
}

bool ChromeTraceWriter::write(const std::string &path, const RunRecording &recording,
                              std::string *error)
{
    std::ofstream out(path, std::ios::trunc);
    if (!out) {
        if (error)
            *error = path + ": cannot open for writing: " + std::strerror(errno);
        return false;
    }
    out << format(recording);
    out.flush();
    if (!out) {
        if (error)
            *error = path + ": write failed";
        return false;
    }
    return true;
}

} // namespace conlab
