#include "ProgramWatcher.h"

#include "runtime/ProcFile.h"
#include "trace/OutputText.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <limits>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace conlab {

namespace {

constexpr std::uint32_t kUnknownCpu = std::numeric_limits<std::uint32_t>::max();
// A join's object is the lane it waits for (as a scenario's join names the joined worker),
// marked here so that it is never mistaken for a wait's name; the mark is gone in the event.
constexpr std::uint32_t kLaneObject = 1u << 31;

BlockReason reasonOf(BlockedCall::Wait wait, std::uint32_t object)
{
    // A child with no lane to name is waited for as any other call is drawn.
    if (wait == BlockedCall::Wait::JoinChild && !(object & kLaneObject))
        return BlockReason::Io;
    return BlockedCall::reason(wait);
}

std::int64_t clampTo(std::int64_t value, std::int64_t high)
{
    return std::clamp<std::int64_t>(value, 0, std::max<std::int64_t>(high, 0));
}

} // namespace

void ProgramWatcher::declare(TraceMeta &meta, std::uint64_t sampleNs)
{
    meta.workers.push_back({0, "watch", "watch", -1});
    for (std::uint32_t lane = 1; lane <= kThreadLanes; ++lane)
        meta.workers.push_back({lane, "thread", "thread-" + std::to_string(lane), -1});
    for (int wait = 0; wait < BlockedCall::kWaitCount; ++wait)
        meta.objects.push_back({kWaitObject + std::uint32_t(wait), "wait", 0,
                                BlockedCall::name(BlockedCall::Wait(wait))});
    char sampling[64];
    std::snprintf(sampling, sizeof sampling, "sampling every %g ms", double(sampleNs) / 1e6);
    meta.objects.push_back({kSamplingObject, "wait", 0, sampling});
}

ProgramWatcher::ProgramWatcher(Settings settings) : m_settings(settings), m_self(getpid()) {}

ProgramWatcher::~ProgramWatcher()
{
    if (m_loadavg >= 0)
        ::close(m_loadavg);
}

bool ProgramWatcher::following(pid_t pid) const
{
    return std::any_of(m_processes.begin(), m_processes.end(),
                       [&](const ProcessRecord &p) { return p.pid == pid; });
}

bool ProgramWatcher::anyAlive() const
{
    return std::any_of(m_processes.begin(), m_processes.end(),
                       [](const ProcessRecord &p) { return !p.ended; });
}

void ProgramWatcher::push(std::uint64_t at, std::uint32_t lane, EventKind kind,
                          std::uint16_t reason, std::uint32_t object, std::uint32_t value,
                          std::int64_t arg)
{
    m_out->push_back({at, lane, kind, reason, object, value, arg});
}

void ProgramWatcher::sample(std::uint64_t nowNs, std::vector<Event> &out)
{
    m_out = &out;
    out.insert(out.end(), m_pendingStart.begin(), m_pendingStart.end());
    m_pendingStart.clear();
    const std::uint64_t t0 = m_lastNs;
    ++m_samples;
    // The counters first: which processes ran in this window, and so may have started a
    // thread or a child, is known before looking for new ones.
    for (std::size_t p = 0; p < m_processes.size(); ++p)
        if (!m_processes[p].ended)
            readProcess(p);
    // Threads found now were born in this window: their lanes begin at its start.
    discover(t0);
    for (auto &track : m_tracks) {
        if (track->drawn == Drawn::Ended)
            continue;
        if (track->readAt != m_samples)
            readCounters(*track);
        layout(*track, track->gone ? Observation() : observe(*track), t0, nowNs);
        if (!track->renamedTo.empty()) {
            for (const Event &e :
                 OutputText::encode(track->lane, nowNs, track->renamedTo, EventKind::LaneNamed,
                                    EventKind::LaneNamedMore))
                m_out->push_back(e);
            track->renamedTo.clear();
        }
    }
    for (std::size_t p = 0; p < m_processes.size(); ++p)
        endProcessIfDone(p);
    m_lastNs = nowNs;
    checkStall(nowNs);
    m_out = nullptr;
}

ProgramWatcher::Observation ProgramWatcher::observe(Track &track)
{
    Observation seen;
    // Asleep before and not scheduled since: still asleep in the same call, for free.
    if (track.drawn == Drawn::Blocked && !track.changed) {
        seen.kind = Observation::Kind::Blocked;
        seen.wait = track.wait;
        seen.joinLane = track.object & kLaneObject ? track.object & ~kLaneObject : 0;
        return seen;
    }
    ThreadProbe::Status status;
    if (!track.probe->readStatus(status))
        return seen; // gone
    if (!status.comm.empty() && status.comm != track.comm) {
        track.comm = status.comm;
        track.renamedTo = status.comm + " " + std::to_string(track.tid);
    }
    switch (status.state) {
    case 'R':
        seen.kind = Observation::Kind::Runnable;
        return seen;
    case 'Z':
    case 'X':
        seen.kind = Observation::Kind::Zombie;
        seen.exitStatus = status.exitStatus;
        return seen;
    case 'T':
    case 't':
        seen.kind = Observation::Kind::Blocked;
        seen.wait = BlockedCall::Wait::Stopped;
        return seen;
    default:
        break;
    }
    seen.kind = Observation::Kind::Blocked;
    const ThreadProbe::Call call = track.probe->readCall();
    switch (call.kind) {
    case ThreadProbe::Call::Kind::Running:
        seen.kind = Observation::Kind::Runnable;
        return seen;
    case ThreadProbe::Call::Kind::InCall: {
        const std::string target = BlockedCall::readsDescriptor(call.number)
                                       ? track.probe->descriptorTarget(call.arguments[0])
                                       : std::string();
        seen.wait = BlockedCall::fromSyscall(call.number, target);
        if (seen.wait == BlockedCall::Wait::JoinChild) {
            seen.joinLane = joinLaneOf(track, call);
        }
        return seen;
    }
    case ThreadProbe::Call::Kind::Denied:
        m_syscallDenied = true;
        [[fallthrough]];
    case ThreadProbe::Call::Kind::NotInCall:
    case ThreadProbe::Call::Kind::Gone:
        seen.wait = BlockedCall::fromWchan(track.probe->readWchan());
        return seen;
    }
    return seen;
}

std::uint32_t ProgramWatcher::joinLaneOf(const Track &track, const ThreadProbe::Call &call) const
{
    // wait4(pid, ...): a pid, or -1 (any child) as an unsigned register; waitid(idtype, id,
    // ...): P_PID names one child, P_ALL (and process groups) any.
    const auto asPid = [](std::uint64_t reg) {
        return pid_t(std::int32_t(std::uint32_t(reg)));
    };
    pid_t wanted = -1;
    if (call.number == SYS_wait4)
        wanted = asPid(call.arguments[0]);
    else if (call.number == SYS_waitid && call.arguments[0] == P_PID)
        wanted = asPid(call.arguments[1]);
    const pid_t parent = m_processes[track.process].pid;
    for (std::size_t p = 0; p < m_processes.size(); ++p) {
        const ProcessRecord &child = m_processes[p];
        if (child.ended || child.ppid != parent || (wanted > 0 && child.pid != wanted))
            continue;
        for (const std::size_t index : m_threadsOf[p])
            if (m_tracks[index]->lane != 0 && m_tracks[index]->tid == child.pid)
                return m_tracks[index]->lane;
    }
    return 0;
}

void ProgramWatcher::draw(Track &track, Drawn state, std::uint64_t at, BlockedCall::Wait wait,
                          std::uint32_t object)
{
    const std::uint32_t lane = track.lane;
    switch (state) {
    case Drawn::Ready:
        if (track.drawn != Drawn::Ready)
            push(at, lane, EventKind::Ready);
        break;
    case Drawn::Running:
        if (track.drawn == Drawn::Running)
            break;
        // Only the kernel dispatches here: a thread goes on a CPU from ready.
        if (track.drawn != Drawn::Ready)
            push(at, lane, EventKind::Ready);
        push(at, lane, EventKind::Running, 0, 0, kUnknownCpu);
        break;
    case Drawn::Blocked:
        if (track.drawn != Drawn::Blocked || track.wait != wait || track.object != object) {
            push(at, lane, EventKind::Blocked, std::uint16_t(reasonOf(wait, object)),
                 object & ~kLaneObject);
            track.wait = wait;
            track.object = object;
        }
        // The stall clock runs from the last CPU progress (readCounters stops it), also when
        // the thread ran a moment inside what stays drawn as one wait on the same lock.
        if (wait != BlockedCall::Wait::LockOrCondition)
            track.futexSinceNs = 0;
        else if (track.futexSinceNs == 0)
            track.futexSinceNs = at;
        break;
    case Drawn::New:
    case Drawn::Ended:
        return;
    }
    track.drawn = state;
}

void ProgramWatcher::layout(Track &track, const Observation &seen, std::uint64_t t0,
                            std::uint64_t t1)
{
    using Kind = Observation::Kind;
    const auto window = std::int64_t(t1 - t0);
    std::int64_t run = clampTo(track.runCredit, window);
    std::int64_t ready = clampTo(track.readyCredit, window - run);
    std::int64_t rest = window - run - ready;
    const Drawn before = track.drawn;
    const bool wasAsleep = before == Drawn::New || before == Drawn::Blocked;
    // Runnable throughout, as far as the counters say: time they have not caught up with yet
    // (a running thread's clock moves at ticks, a waiting one's at dispatch) continues what
    // it was doing, and is paid back from the next readings.
    if (seen.kind == Kind::Runnable && !wasAsleep) {
        if (before == Drawn::Ready)
            ready += rest;
        else
            run += rest;
        rest = 0;
    }
    track.runCredit -= run;
    track.readyCredit -= ready;

    const auto object = [&](BlockedCall::Wait wait, std::uint32_t joinLane) {
        return wait == BlockedCall::Wait::JoinChild && joinLane != 0
                   ? joinLane | kLaneObject
                   : kWaitObject + std::uint32_t(wait);
    };
    std::uint64_t at = t0;
    const auto piece = [&](Drawn state, std::int64_t length) {
        if (length <= 0)
            return;
        draw(track, state, at, track.wait, track.object);
        at += std::uint64_t(length);
    };
    if (wasAsleep) {
        at += std::uint64_t(rest); // the wait (or the lane's start) goes on
        piece(Drawn::Ready, ready);
        piece(Drawn::Running, run);
    } else if (before == Drawn::Running) {
        piece(Drawn::Running, run);
        piece(Drawn::Ready, ready);
    } else {
        piece(Drawn::Ready, ready);
        piece(Drawn::Running, run);
    }
    switch (seen.kind) {
    case Kind::Runnable:
        // Woken at the sample itself: shown ready from then.
        if (wasAsleep && run == 0 && ready == 0)
            draw(track, Drawn::Ready, t1);
        break;
    case Kind::Blocked:
        draw(track, Drawn::Blocked, at, seen.wait, object(seen.wait, seen.joinLane));
        break;
    case Kind::Zombie: {
        ProcessRecord &record = m_processes[track.process];
        if (track.tid == record.pid)
            m_leaderStatus[track.process] = seen.exitStatus;
        break;
    }
    case Kind::Gone:
        break;
    }
    if (seen.kind == Kind::Zombie || seen.kind == Kind::Gone) {
        const std::uint64_t endAt = wasAsleep ? t1 : at;
        end(track, endAt, ExitCause::Normal, 0);
    }
}

void ProgramWatcher::end(Track &track, std::uint64_t at, ExitCause cause, int arg)
{
    if (track.drawn == Drawn::Ended)
        return;
    push(at, track.lane, EventKind::Terminated, std::uint16_t(cause), 0, 0, arg);
    track.drawn = Drawn::Ended;
    track.futexSinceNs = 0;
    track.probe.reset(); // its descriptors: a long run may see many threads come and go
    track.ring.reset();
}

void ProgramWatcher::endProcessIfDone(std::size_t process)
{
    ProcessRecord &record = m_processes[process];
    if (record.ended)
        return;
    const auto &threads = m_threadsOf[process];
    const bool allEnded = std::all_of(threads.begin(), threads.end(), [&](std::size_t index) {
        return m_tracks[index]->drawn == Drawn::Ended;
    });
    // A process whose every lane ended; or one never drawn whose /proc entry is gone.
    bool gone = allEnded && !threads.empty();
    if (threads.empty()) {
        char path[64];
        std::snprintf(path, sizeof path, "/proc/%d", int(record.pid));
        gone = access(path, F_OK) != 0;
    }
    if (!gone)
        return;
    record.ended = true;
    const int status = m_leaderStatus[process];
    if (status >= 0) {
        record.exitKnown = true;
        if (WIFSIGNALED(status))
            record.exitSignal = WTERMSIG(status);
        else
            record.exitCode = WEXITSTATUS(status);
    }
    if (!record.exitKnown || (record.exitSignal == 0 && record.exitCode == 0))
        return;
    // The lanes just ended "finished": the leader's says how the process ended, and a signal
    // ended every thread of it.
    for (auto it = m_out->rbegin(); it != m_out->rend(); ++it) {
        if (it->kind != EventKind::Terminated)
            continue;
        const auto track = std::find_if(threads.begin(), threads.end(), [&](std::size_t index) {
            return m_tracks[index]->lane == it->worker && it->worker != 0;
        });
        if (track == threads.end())
            continue;
        if (record.exitSignal != 0) {
            it->reason = std::uint16_t(ExitCause::Signal);
            it->arg = record.exitSignal;
        } else if (m_tracks[*track]->tid == record.pid) {
            it->reason = std::uint16_t(ExitCause::Failed);
            it->arg = record.exitCode;
        }
    }
}

void ProgramWatcher::reaped(pid_t pid, int waitStatus, std::uint64_t nowNs, std::vector<Event> &out)
{
    for (std::size_t p = 0; p < m_processes.size(); ++p) {
        ProcessRecord &record = m_processes[p];
        if (record.pid != pid)
            continue;
        if (!record.exitKnown) {
            record.exitKnown = true;
            record.exitCode = WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : -1;
            record.exitSignal = WIFSIGNALED(waitStatus) ? WTERMSIG(waitStatus) : 0;
        }
        if (record.ended)
            return;
        m_out = &out;
        for (const std::size_t index : m_threadsOf[p]) {
            Track &track = *m_tracks[index];
            const bool leader = track.tid == record.pid;
            if (record.exitSignal != 0)
                end(track, nowNs, ExitCause::Signal, record.exitSignal);
            else if (leader && record.exitCode != 0)
                end(track, nowNs, ExitCause::Failed, record.exitCode);
            else
                end(track, nowNs, ExitCause::Normal, 0);
        }
        record.ended = true;
        m_out = nullptr;
        return;
    }
}

void ProgramWatcher::endAll(std::uint64_t nowNs, ExitCause cause, int arg, std::vector<Event> &out)
{
    m_out = &out;
    for (auto &track : m_tracks)
        if (track->lane != 0)
            end(*track, nowNs, cause, arg);
    for (ProcessRecord &record : m_processes)
        record.ended = true;
    m_out = nullptr;
}

std::string ProgramWatcher::stallText() const
{
    char text[200];
    std::snprintf(text, sizeof text,
                  "possible deadlock: every thread has waited on a lock for %g s (the lock "
                  "owners are not visible from outside)",
                  double(m_settings.stallNs) / 1e9);
    return text;
}

void ProgramWatcher::checkStall(std::uint64_t nowNs)
{
    if (m_stallAtNs != 0 || m_threadsUnlaned > 0)
        return;
    std::size_t waiting = 0;
    for (const auto &track : m_tracks) {
        if (track->drawn == Drawn::Ended)
            continue;
        if (track->futexSinceNs == 0 || nowNs - track->futexSinceNs < m_settings.stallNs)
            return;
        ++waiting;
    }
    if (waiting == 0)
        return;
    m_stallAtNs = nowNs;
    for (const Event &e : OutputText::encode(0, nowNs, stallText()))
        m_out->push_back(e);
}

} // namespace conlab
