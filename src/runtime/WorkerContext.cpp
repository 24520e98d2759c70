#include "WorkerContext.h"

#include "Futex.h"
#include "trace/Arena.h"
#include "trace/EventClock.h"
#include "trace/OutputText.h"

#include <algorithm>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

namespace conlab {

namespace {
constexpr int kWaitSliceMs = 20;
// How often a compute burst looks at the clock and the stop flag.
constexpr unsigned kSpinsPerCheck = 512;

enum StopValue : std::uint32_t { kStopByUser = 1, kStopByTimeLimit = 2 };

// Work the optimiser cannot remove, between two looks at the clock and the stop flag.
std::uint64_t spin(std::uint64_t x)
{
    for (unsigned i = 0; i < kSpinsPerCheck; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

std::uint64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000ull + std::uint64_t(ts.tv_nsec);
}
} // namespace

WorkerContext::WorkerContext(Arena &arena, CpuGate &gate, WorkerTable &table, std::uint32_t worker)
    : m_arena(arena), m_gate(gate), m_table(table), m_recorder(arena.ring(worker), worker)
{
}

void WorkerContext::started()
{
    const auto pid = std::int32_t(getpid());
    const auto tid = std::int32_t(syscall(SYS_gettid));
    m_table.slot(id()).pid.store(pid);
    m_table.slot(id()).tid.store(tid);
    m_recorder.record(EventKind::WorkerStarted, 0, std::uint32_t(getppid()), std::uint32_t(tid),
                      pid);
    futexBumpAndWake(m_table.startedCount());
}

bool WorkerContext::waitForStart(std::uint32_t count)
{
    auto &started = m_table.startedCount();
    for (;;) {
        const std::uint32_t now = started.load(std::memory_order_acquire);
        if (now >= count)
            return true;
        if (shouldStop())
            return false;
        futexWait(started, now, kWaitSliceMs);
    }
}

bool WorkerContext::shouldStop() const
{
    return m_arena.stopRequested() ||
           m_table.slot(id()).cancel.load(std::memory_order_acquire) != 0;
}

ExitCause WorkerContext::stopCause() const
{
    const std::uint32_t stop = m_arena.header().stop.load(std::memory_order_acquire);
    if (stop == kStopByTimeLimit)
        return ExitCause::TimeLimit;
    if (stop == kStopByUser)
        return ExitCause::Stopped;
    return ExitCause::DaemonEnded;
}

bool WorkerContext::compute(std::uint64_t ns)
{
    if (m_cpu < 0) {
        m_cpu = m_gate.acquire(m_recorder, m_arena, &m_table.slot(id()).cancel);
        if (m_cpu < 0)
            return false;
    }
    return busyFor(ns);
}

bool WorkerContext::busyFor(std::uint64_t ns)
{
    // compute(0), taking a CPU and no more, is on every IO lane's wake-up: no clock to read.
    if (ns == 0)
        return !shouldStop();
    // Real work, not a sleep: the burst occupies a core for as long as it says.
    const std::uint64_t end = monotonicNs() + ns;
    volatile std::uint64_t sink = id() + 1;
    std::uint64_t x = sink;
    while (monotonicNs() < end) {
        x = spin(x);
        if (shouldStop())
            return false;
    }
    sink = x;
    return !shouldStop();
}

bool WorkerContext::burnCpuTime(std::uint64_t ns)
{
    const std::uint64_t start = threadCpuNs();
    volatile std::uint64_t sink = id() + 1;
    std::uint64_t x = sink;
    while (threadCpuNs() - start < ns) {
        x = spin(x);
        if (shouldStop())
            return false;
    }
    sink = x;
    return true;
}

bool WorkerContext::runFree()
{
    if (!m_runningFree) {
        const std::uint64_t now = EventClock::now();
        m_recorder.recordAt(now, EventKind::Ready);
        m_recorder.recordAt(now, EventKind::Running);
        m_runningFree = true;
    }
    return !shouldStop();
}

bool WorkerContext::yieldCpu()
{
    if (m_cpu < 0)
        return !shouldStop();
    m_cpu = m_gate.yield(m_recorder, m_arena, &m_table.slot(id()).cancel);
    return m_cpu >= 0;
}

void WorkerContext::block(BlockReason reason, std::uint32_t object)
{
    m_runningFree = false;
    if (m_cpu >= 0) {
        m_gate.release(m_recorder, EventKind::Blocked, std::uint16_t(reason), object, 0);
        m_cpu = -1;
    } else {
        m_recorder.record(EventKind::Blocked, std::uint16_t(reason), object);
    }
}

bool WorkerContext::sleep(std::uint64_t ns)
{
    block(BlockReason::Sleep, 0);
    const std::uint64_t end = monotonicNs() + ns;
    for (;;) {
        if (shouldStop())
            return false;
        const std::uint64_t now = monotonicNs();
        if (now >= end)
            return true;
        const std::uint64_t slice = std::min<std::uint64_t>(end - now, kWaitSliceMs * 1000000ull);
        timespec ts{time_t(slice / 1000000000ull), long(slice % 1000000000ull)};
        nanosleep(&ts, nullptr);
    }
}

bool WorkerContext::join(std::uint32_t worker)
{
    if (m_table.isTerminated(worker))
        return true;
    block(BlockReason::Join, worker);
    auto &word = m_table.slot(worker).terminated;
    while (word.load(std::memory_order_acquire) == 0) {
        if (shouldStop())
            return false;
        futexWait(word, 0, kWaitSliceMs);
    }
    return true;
}

void WorkerContext::exit(ExitCause cause, std::int64_t arg)
{
    if (m_cpu >= 0) {
        m_gate.release(m_recorder, EventKind::Terminated, std::uint16_t(cause), 0, arg);
        m_cpu = -1;
    } else {
        m_recorder.record(EventKind::Terminated, std::uint16_t(cause), 0, 0, arg);
    }
    m_table.markTerminated(id());
}

void WorkerContext::print(std::string_view text)
{
    // One stamp for every chunk: the reader joins a line's chunks by worker and time.
    const auto events = OutputText::encode(id(), EventClock::now(), text);
    for (const Event &e : events)
        m_recorder.recordAt(e.timeNs, e.kind, e.reason, e.object, e.value, e.arg);
}

void WorkerContext::exitRecordedElsewhere()
{
    m_table.markTerminated(id());
}

} // namespace conlab
