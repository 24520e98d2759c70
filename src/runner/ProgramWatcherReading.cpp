// ProgramWatcher, the part that chooses which threads a sample reads and reads them: a process
// whose CPU clock stood still is left alone, and of one that ran only the threads that can
// have moved are read (known from their switch rings, or proven from the process's clock).
// Discovery is in ProgramWatcherDiscovery.cpp, the drawing of what was read in
// ProgramWatcher.cpp.
#include "ProgramWatcher.h"

#include <algorithm>
#include <ctime>

namespace conlab {

bool ProgramWatcher::readGroupCpu(std::size_t process, std::uint64_t &ns)
{
    GroupClock &group = m_groupCpu[process];
    // Asked once: glibc checks a pid's clock with a system call each time it is looked up.
    if (!group.haveClock)
        group.haveClock = clock_getcpuclockid(m_processes[process].pid, &group.clock) == 0;
    timespec now;
    if (!group.haveClock || clock_gettime(group.clock, &now) != 0) {
        group.haveClock = false;
        group.offsetKnown = false;
        return false; // gone, or not ours to read
    }
    ns = std::uint64_t(now.tv_sec) * 1'000'000'000ull + std::uint64_t(now.tv_nsec);
    return true;
}

std::uint64_t ProgramWatcher::lanesCpu(std::size_t process) const
{
    std::uint64_t sum = 0;
    for (const std::size_t index : m_threadsOf[process])
        if (m_tracks[index]->haveLast)
            sum += m_tracks[index]->last.onCpuNs;
    return sum;
}

bool ProgramWatcher::likelyMoved(const Track &track) const
{
    if (track.drawn != Drawn::Blocked)
        return true;
    // Asleep when read, and not switched in since: known unmoved.
    if (track.ring)
        return track.ring->switchedSince(track.ringMark);
    if (track.movedAt + 1 >= m_samples)
        return true;
    // Due again after as many samples as between its last two runs, give or take one.
    const std::uint64_t pace = track.movedAt - track.movedBefore;
    return track.movedBefore != 0 && pace >= 2 && m_samples + 1 >= track.movedAt + pace &&
           m_samples <= track.movedAt + 2 * pace + 1;
}

void ProgramWatcher::readThreads(std::size_t process, bool likelyOnly)
{
    for (const std::size_t index : m_threadsOf[process]) {
        Track &track = *m_tracks[index];
        if (track.drawn != Drawn::Ended && track.readAt != m_samples &&
            (!likelyOnly || likelyMoved(track)))
            readCounters(track);
    }
}

void ProgramWatcher::verifyUnread(std::size_t process, std::uint64_t groupNs)
{
    std::vector<std::pair<const Track *, SchedStat>> unread;
    for (const std::size_t index : m_threadsOf[process]) {
        const Track &track = *m_tracks[index];
        SchedStat now;
        if (track.drawn != Drawn::Ended && track.readAt != m_samples && track.haveLast &&
            track.probe->readSchedStat(now))
            unread.emplace_back(&track, now);
    }
    // A reading proves something only if the thread cannot have run since the sample's
    // judgement: no switch on its ring, else no CPU at all in the process meanwhile.
    std::uint64_t after = 0;
    const bool quiet = readGroupCpu(process, after) && after == groupNs;
    bool checked = false;
    for (const auto &[track, now] : unread) {
        if (track->ring ? track->ring->switchedSince(track->ringMark) : !quiet)
            continue;
        checked = true;
        if (now.onCpuNs != track->last.onCpuNs)
            ++m_unreadWrong;
    }
    m_unreadChecked += checked;
}

void ProgramWatcher::readProcess(std::size_t process)
{
    GroupClock &group = m_groupCpu[process];
    const auto leaveRestUnread = [&] {
        for (const std::size_t index : m_threadsOf[process]) {
            Track &track = *m_tracks[index];
            if (track.readAt == m_samples)
                continue;
            track.readAt = m_samples;
            track.changed = false;
            track.gone = false;
        }
    };
    std::uint64_t start = 0;
    if (!readGroupCpu(process, start)) {
        readThreads(process, false); // every thread is read, and says why it could not be
        return;
    }
    if (start == group.ns) {
        leaveRestUnread();
        return;
    }
    if (!m_settings.leaveUnread) {
        readThreads(process, false);
        group.ns = start;
        return;
    }
    // With a ring for every thread, the likely ones are exactly those switched since read.
    const bool everyRing = std::all_of(
        m_threadsOf[process].begin(), m_threadsOf[process].end(), [&](std::size_t index) {
            const Track &track = *m_tracks[index];
            return track.ring != nullptr || track.drawn == Drawn::Ended;
        });
    if (everyRing) {
        readThreads(process, true);
        if (m_settings.verifyUnread)
            verifyUnread(process, start);
        group.ns = start;
        leaveRestUnread();
        return;
    }
    // Else the clock is read again after the likely threads: whatever a thread read before it
    // used since is in that reading too, so equality proves the threads not read used nothing.
    if (group.offsetKnown) {
        readThreads(process, true);
        std::uint64_t after = 0;
        if (readGroupCpu(process, after) && after == group.offset + lanesCpu(process)) {
            group.ns = after;
            if (m_settings.verifyUnread)
                verifyUnread(process, after);
            leaveRestUnread();
            return;
        }
    }
    readThreads(process, false);
    std::uint64_t end = 0;
    // The offset is learnt only from a sample in which no thread ran while it was read.
    group.offsetKnown = readGroupCpu(process, end) && end == start;
    if (group.offsetKnown)
        group.offset = end - lanesCpu(process);
    group.ns = start;
}

bool ProgramWatcher::readCounters(Track &track)
{
    track.readAt = m_samples;
    ++m_threadReads;
    if (track.ring)
        track.ringMark = track.ring->mark();
    SchedStat now;
    track.gone = !track.probe->readSchedStat(now);
    if (track.gone)
        return false;
    const std::uint64_t cpu = track.haveLast ? now.onCpuNs - track.last.onCpuNs : now.onCpuNs;
    const std::uint64_t wait =
        track.haveLast ? now.runDelayNs - track.last.runDelayNs : now.runDelayNs;
    track.changed = !track.haveLast || cpu != 0 || wait != 0 || now.slices != track.last.slices;
    track.runCredit += std::int64_t(cpu);
    track.readyCredit += std::int64_t(wait);
    track.last = now;
    track.haveLast = true;
    if (cpu > 0) {
        m_progressed[track.process] = 1;
        track.futexSinceNs = 0;
        if (track.movedAt != m_samples) {
            track.movedBefore = track.movedAt;
            track.movedAt = m_samples;
        }
    }
    return true;
}

} // namespace conlab
