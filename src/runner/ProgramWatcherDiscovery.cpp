// ProgramWatcher, the part that finds the program's processes and threads as they appear
// (/proc/<pid>/task, children, new pids since the last look) and gives each a lane. Which
// threads a sample reads is in ProgramWatcherReading.cpp; the sample and the drawing of what
// it read in ProgramWatcher.cpp.
#include "ProgramWatcher.h"
#include "runtime/ProcFile.h"
#include "trace/OutputText.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace conlab {

namespace {

// Beyond this many new pids since the last look, reading /proc whole is cheaper than probing.
constexpr pid_t kProbeRange = 256;
// Beyond this many, a process's task directory is read rather than probed id by id.
constexpr pid_t kProbeThreads = 16;

// The thread group a task belongs to (/proc/<tid>/status, "Tgid:"), or 0.
pid_t threadGroupOf(pid_t tid)
{
    char path[64];
    char buffer[2048];
    std::snprintf(path, sizeof path, "/proc/%d/status", int(tid));
    const std::string_view text = ProcFile::readOnce(path, buffer, sizeof buffer);
    const auto at = text.find("\nTgid:");
    if (at == std::string_view::npos)
        return 0;
    std::string_view rest = text.substr(at + 6);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest.remove_prefix(1);
    pid_t group = 0;
    std::from_chars(rest.data(), rest.data() + rest.size(), group);
    return group;
}

} // namespace

void ProgramWatcher::follow(pid_t pid, std::uint64_t sinceNs)
{
    if (following(pid))
        return;
    char path[64];
    char buffer[1024];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    ThreadProbe::Status status;
    ThreadProbe::parseStatus(ProcFile::readOnce(path, buffer, sizeof buffer), status);
    ProcessRecord record;
    record.pid = pid;
    record.ppid = status.ppid;
    record.name = status.comm;
    m_processes.push_back(record);
    m_threadsOf.emplace_back();
    m_progressed.push_back(1);
    m_leaderStatus.push_back(-1);
    m_groupCpu.emplace_back();
    if (m_lastNs == 0)
        m_lastNs = sinceNs;
    // Outside a sample (the process the session starts with), its first events wait for one.
    std::vector<Event> *saved = m_out;
    if (!m_out)
        m_out = &m_pendingStart;
    scanTasks(m_processes.size() - 1, sinceNs);
    m_out = saved;
}

pid_t ProgramWatcher::readLastPid()
{
    // The fifth field of /proc/loadavg is the pid the kernel handed out last: while it stays
    // the same, no thread or process was created anywhere, and nothing needs looking for.
    if (m_loadavg < 0)
        m_loadavg = ::open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    char buffer[128];
    const ssize_t n = m_loadavg >= 0 ? ::pread(m_loadavg, buffer, sizeof buffer - 1, 0) : -1;
    if (n <= 0)
        return 0;
    std::string_view text(buffer, std::size_t(n));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    const auto space = text.rfind(' ');
    pid_t last = 0;
    if (space != std::string_view::npos)
        std::from_chars(text.data() + space + 1, text.data() + text.size(), last);
    return last;
}

void ProgramWatcher::scanTasks(std::size_t process, std::uint64_t sinceNs)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task", int(m_processes[process].pid));
    DIR *dir = opendir(path);
    if (!dir)
        return;
    std::vector<pid_t> tids;
    while (const dirent *entry = readdir(dir)) {
        pid_t tid = 0;
        const char *name = entry->d_name;
        const auto result = std::from_chars(name, name + std::strlen(name), tid);
        if (result.ec == std::errc() && tid > 0 && !m_trackOfTid.count(tid))
            tids.push_back(tid);
    }
    closedir(dir);
    // The leader first, then in creation order (pids mostly rise): lanes follow the program.
    const pid_t pid = m_processes[process].pid;
    std::sort(tids.begin(), tids.end(),
              [pid](pid_t a, pid_t b) { return (a == pid) != (b == pid) ? a == pid : a < b; });
    for (const pid_t tid : tids)
        addThread(process, tid, sinceNs);
    m_progressed[process] = 0;
}

void ProgramWatcher::addThread(std::size_t process, pid_t tid, std::uint64_t sinceNs)
{
    ProcessRecord &record = m_processes[process];
    ++m_threadsSeen;
    ++record.threads;
    auto track = std::make_unique<Track>();
    track->process = process;
    track->tid = tid;
    track->probe = std::make_unique<ThreadProbe>(record.pid, tid);
    const std::size_t index = m_tracks.size();
    m_trackOfTid[tid] = index;
    if (m_nextLane > kThreadLanes) {
        // Counted, not drawn: the header declared no more lanes.
        ++m_threadsUnlaned;
        track->drawn = Drawn::Ended;
        m_tracks.push_back(std::move(track));
        return;
    }
    track->lane = m_nextLane++;
    // Before the first reading: a switch after it is then always seen.
    if (m_settings.switchRings && !m_ringsRefused) {
        track->ring = std::make_unique<SwitchRing>(tid);
        if (track->ring->valid()) {
            ++m_threadsWithRings;
        } else {
            track->ring.reset();
            // Not allowed here (or out of lockable memory): the threads are read instead.
            m_ringsRefused = true;
        }
    }
    ThreadProbe::Status status;
    track->probe->readStatus(status);
    if (m_samples == 0 && m_settings.baselineFirstThreads)
        track->haveLast = track->probe->readSchedStat(track->last);
    const std::uint32_t lane = track->lane;
    push(sinceNs, lane, EventKind::WorkerNew, 0, 0, 0, 0);
    // As any worker records it: arg = pid, value = tid, object = ppid.
    push(sinceNs, lane, EventKind::WorkerStarted, 0, std::uint32_t(record.ppid), std::uint32_t(tid),
         record.pid);
    track->comm = status.comm.empty() ? record.name : status.comm;
    const std::string name = track->comm + " " + std::to_string(tid);
    for (const Event &e :
         OutputText::encode(lane, sinceNs, name, EventKind::LaneNamed, EventKind::LaneNamedMore))
        m_out->push_back(e);
    m_threadsOf[process].push_back(index);
    m_tracks.push_back(std::move(track));
}

void ProgramWatcher::consider(pid_t pid, std::uint64_t sinceNs)
{
    if (m_trackOfTid.count(pid) || following(pid))
        return;
    char path[64];
    char buffer[1024];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    ThreadProbe::Status status;
    if (!ThreadProbe::parseStatus(ProcFile::readOnce(path, buffer, sizeof buffer), status))
        return;
    bool ours = m_settings.adoptOrphans && status.ppid == m_self;
    for (const ProcessRecord &p : m_processes)
        ours = ours || (!p.ended && p.pid == status.ppid);
    // A thread of a process shows its process's parent too: only a group leader is new.
    if (!ours || threadGroupOf(pid) != pid)
        return;
    follow(pid, sinceNs);
}

void ProgramWatcher::probeNewProcesses(pid_t from, pid_t to, std::uint64_t sinceNs)
{
    if (from > 0 && to > from && to - from <= kProbeRange) {
        for (pid_t pid = from + 1; pid <= to; ++pid)
            consider(pid, sinceNs);
        return;
    }
    DIR *dir = opendir("/proc");
    if (!dir)
        return;
    while (const dirent *entry = readdir(dir)) {
        pid_t pid = 0;
        const char *name = entry->d_name;
        const auto result = std::from_chars(name, name + std::strlen(name), pid);
        if (result.ec == std::errc() && *result.ptr == '\0' && pid > 0)
            consider(pid, sinceNs);
    }
    closedir(dir);
}

void ProgramWatcher::discover(std::uint64_t sinceNs)
{
    const pid_t last = readLastPid();
    if (!m_scanAll && last != 0 && last == m_lastPid)
        return;
    // A new thread or child needs one of ours to have run. A few new ids are looked up one by
    // one (a thread's directory exists under its process's task/); many, and the directory is
    // read whole.
    const bool fewNew =
        !m_scanAll && m_lastPid > 0 && last > m_lastPid && last - m_lastPid <= kProbeThreads;
    for (std::size_t p = 0; p < m_processes.size(); ++p) {
        if (m_processes[p].ended || !(m_progressed[p] || m_scanAll))
            continue;
        if (!fewNew) {
            scanTasks(p, sinceNs);
            continue;
        }
        for (pid_t tid = m_lastPid + 1; tid <= last; ++tid) {
            char path[64];
            std::snprintf(path, sizeof path, "/proc/%d/task/%d", int(m_processes[p].pid), int(tid));
            if (!m_trackOfTid.count(tid) && access(path, F_OK) == 0)
                addThread(p, tid, sinceNs);
        }
        m_progressed[p] = 0;
    }
    probeNewProcesses(m_scanAll ? 0 : m_lastPid, last, sinceNs);
    m_lastPid = last;
    m_scanAll = false;
}

} // namespace conlab
