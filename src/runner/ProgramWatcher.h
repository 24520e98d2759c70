#pragma once

#include "runtime/BlockedCall.h"
#include "runtime/SchedStat.h"
#include "runtime/SwitchRing.h"
#include "runtime/ThreadProbe.h"
#include "trace/Event.h"
#include "trace/TraceMeta.h"

#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace conlab {

// Follows a program it did not write: a process, its threads and every descendant process,
// found as they appear in /proc, and turns what the kernel shows of each thread at every
// sample into lane events. Lanes are declared before the program starts (the header comes
// first), so lane 0 is the watcher's own and lanes 1..N are placeholders that each thread
// takes in the order it is first seen; LaneNamed events give them their real names.
//
// Each sample closes a window [previous sample, now). For each thread it reads schedstat:
// the on-CPU time and the run-queue wait the kernel added in the window become a running and
// a ready piece; the state letter and, for a sleeping thread, its system call (else its wchan)
// say whether it ended the window blocked and on what. Within a window the order of the
// pieces is not known: they continue the state the window began in, then the other one, then
// the state seen at the sample. Counters the kernel brings up to date late (a running thread's
// at the next tick, a waiting one's when it is dispatched) are carried as credit or debt into
// the next windows, so drawn totals follow the kernel's.
class ProgramWatcher
{
public:
    static constexpr std::uint32_t kThreadLanes = 126;
    // Header objects that name the waits (BlockedCall::Wait w is object kWaitObject + w) and
    // the watcher's own sleep.
    static constexpr std::uint32_t kWaitObject = 1;
    static constexpr std::uint32_t kSamplingObject = 100;

    struct Settings
    {
        std::uint64_t sampleNs = 2'000'000;
        std::uint64_t stallNs = 2'000'000'000;
        // Follow orphans the runner inherits as a subreaper (exec); attach follows only the
        // process it was given and what descends from it.
        bool adoptOrphans = false;
        // Threads that exist when watching starts count from then on, not from their birth.
        bool baselineFirstThreads = false;
        // For tests: a sample that proved its unread threads unmoved reads them anyway and,
        // when nothing ran meanwhile, counts each whose counters did move after all.
        bool verifyUnread = false;
        // Follow each thread's context switches from a perf ring where perf events are
        // allowed: a thread not switched since it was read is known unmoved without a look.
        bool switchRings = true;
        // Off, every thread of a process that ran is read at each sample: the baseline
        // bench_watchsampler measures the two ways of leaving threads unread against.
        bool leaveUnread = true;
    };
    struct ProcessRecord
    {
        pid_t pid = 0;
        pid_t ppid = 0;
        std::string name;
        std::uint32_t threads = 0;
        bool ended = false;
        bool exitKnown = false;
        int exitCode = -1;
        int exitSignal = 0;
    };

    // The lanes and wait objects a watch trace declares.
    static void declare(TraceMeta &meta, std::uint64_t sampleNs);

    explicit ProgramWatcher(Settings settings);
    ~ProgramWatcher();
    ProgramWatcher(const ProgramWatcher &) = delete;
    ProgramWatcher &operator=(const ProgramWatcher &) = delete;

    // Starts following `pid` (its lanes begin at `sinceNs`).
    void follow(pid_t pid, std::uint64_t sinceNs);
    // Closes the window ending at `nowNs`: discovers threads and processes, reads each thread.
    void sample(std::uint64_t nowNs, std::vector<Event> &out);
    // A process the runner reaped: its lanes end with `waitStatus` if a sample has not ended
    // them already, and its exit is known.
    void reaped(pid_t pid, int waitStatus, std::uint64_t nowNs, std::vector<Event> &out);
    // Ends every lane still open at `nowNs` (the runner killed the program).
    void endAll(std::uint64_t nowNs, ExitCause cause, int arg, std::vector<Event> &out);

    bool anyAlive() const;
    std::uint64_t samples() const { return m_samples; }
    std::uint32_t threadsSeen() const { return m_threadsSeen; }
    // How many times a thread's counters were read (a sample can prove most unmoved unread).
    std::uint64_t threadReads() const { return m_threadReads; }
    // Threads whose switches were followed from a perf ring (SwitchRing).
    std::uint32_t threadsWithRings() const { return m_threadsWithRings; }
    // With Settings::verifyUnread: samples whose proof was checked, and threads it got wrong.
    std::uint64_t unreadChecked() const { return m_unreadChecked; }
    std::uint64_t unreadWrong() const { return m_unreadWrong; }
    std::uint32_t threadsUnlaned() const { return m_threadsUnlaned; }
    std::uint32_t lanesUsed() const { return m_nextLane - 1; }
    const std::vector<ProcessRecord> &processes() const { return m_processes; }
    // Set once a sample found every thread blocked on a futex, with no CPU progress, for the
    // stall time; the text is also an Output event on lane 0.
    bool stalled() const { return m_stallAtNs != 0; }
    std::uint64_t stallAtNs() const { return m_stallAtNs; }
    std::string stallText() const;
    // Whether a system call could not be read for want of ptrace rights (wchan was used).
    bool syscallDenied() const { return m_syscallDenied; }

private:
    enum class Drawn : std::uint8_t { New, Ready, Running, Blocked, Ended };
    struct Observation
    {
        enum class Kind { Runnable, Blocked, Zombie, Gone } kind = Kind::Gone;
        BlockedCall::Wait wait = BlockedCall::Wait::Unknown;
        std::uint32_t joinLane = 0;
        int exitStatus = 0;
    };
    struct Track
    {
        std::size_t process = 0;
        pid_t tid = 0;
        std::uint32_t lane = 0;
        std::unique_ptr<ThreadProbe> probe;
        SchedStat last;
        bool haveLast = false;
        std::int64_t runCredit = 0;
        std::int64_t readyCredit = 0;
        Drawn drawn = Drawn::New;
        BlockedCall::Wait wait = BlockedCall::Wait::Unknown;
        std::uint32_t object = 0;
        std::uint64_t futexSinceNs = 0; // on a futex with no CPU since, else 0
        // The command name the lane is named by; a process that execs another program
        // changes it (a shell's child becoming "sleep"), and the lane is named again.
        std::string comm;
        std::string renamedTo;
        // This sample's reading: the counters moved, or the thread is gone.
        std::uint64_t readAt = 0;
        bool changed = false;
        bool gone = false;
        // The last two samples in which the thread used CPU: a thread that wakes at a steady
        // pace is read first when it is due again.
        std::uint64_t movedAt = 0;
        std::uint64_t movedBefore = 0;
        // Its switches since it was last read, where perf events may be used.
        std::unique_ptr<SwitchRing> ring;
        std::uint64_t ringMark = 0;
    };
    // A process's CPU-time clock: the sum of every thread's on-CPU time as schedstat shows it
    // (the same kernel counter), dead threads included. Once `offset` (what the clock counts
    // that no lane's last reading holds) is known, a clock reading equal to offset plus the
    // lanes' last readings proves that no thread left unread in a sample used any CPU.
    struct GroupClock
    {
        clockid_t clock = 0;
        bool haveClock = false;
        std::uint64_t ns = 0;
        std::uint64_t offset = 0;
        bool offsetKnown = false;
    };

    void discover(std::uint64_t sinceNs);
    void scanTasks(std::size_t process, std::uint64_t sinceNs);
    void probeNewProcesses(pid_t from, pid_t to, std::uint64_t sinceNs);
    void consider(pid_t pid, std::uint64_t sinceNs);
    void addThread(std::size_t process, pid_t tid, std::uint64_t sinceNs);
    bool readCounters(Track &track);
    Observation observe(Track &track);
    std::uint32_t joinLaneOf(const Track &track, const ThreadProbe::Call &call) const;
    void layout(Track &track, const Observation &seen, std::uint64_t t0, std::uint64_t t1);
    void draw(Track &track, Drawn state, std::uint64_t at, BlockedCall::Wait wait = {},
              std::uint32_t object = 0);
    void end(Track &track, std::uint64_t at, ExitCause cause, int arg);
    void endProcessIfDone(std::size_t process);
    void checkStall(std::uint64_t nowNs);
    void push(std::uint64_t at, std::uint32_t lane, EventKind kind, std::uint16_t reason = 0,
              std::uint32_t object = 0, std::uint32_t value = 0, std::int64_t arg = 0);
    bool following(pid_t pid) const;
    pid_t readLastPid();
    bool readGroupCpu(std::size_t process, std::uint64_t &ns);
    std::uint64_t lanesCpu(std::size_t process) const;
    bool likelyMoved(const Track &track) const;
    void readProcess(std::size_t process);
    void readThreads(std::size_t process, bool likelyOnly);
    void verifyUnread(std::size_t process, std::uint64_t groupNs);

    Settings m_settings;
    std::vector<ProcessRecord> m_processes;
    std::vector<std::vector<std::size_t>> m_threadsOf; // by process: indexes into m_tracks
    std::vector<std::uint8_t> m_progressed;            // by process: a thread ran since a scan
    std::vector<int> m_leaderStatus;                   // by process: a zombie leader's status
    // By process: the CPU time all its threads have used, from its CPU-time clock (exact, one
    // system call). A process whose threads used no CPU can have changed nothing (waking,
    // starting, exiting all take CPU): its threads' files are not read at all; when it did,
    // only the threads it cannot be proven without are read.
    std::vector<GroupClock> m_groupCpu;
    std::vector<std::unique_ptr<Track>> m_tracks;
    std::unordered_map<pid_t, std::size_t> m_trackOfTid;
    std::vector<Event> *m_out = nullptr;
    std::vector<Event> m_pendingStart; // events of follow() called between samples
    std::uint32_t m_nextLane = 1;
    std::uint32_t m_threadsSeen = 0;
    std::uint32_t m_threadsUnlaned = 0;
    std::uint64_t m_samples = 0;
    std::uint64_t m_threadReads = 0;
    std::uint32_t m_threadsWithRings = 0;
    bool m_ringsRefused = false;
    std::uint64_t m_unreadChecked = 0;
    std::uint64_t m_unreadWrong = 0;
    std::uint64_t m_lastNs = 0;
    std::uint64_t m_stallAtNs = 0;
    int m_loadavg = -1;
    pid_t m_lastPid = 0;
    bool m_scanAll = true;
    bool m_syscallDenied = false;
    pid_t m_self = 0;
};

} // namespace conlab
