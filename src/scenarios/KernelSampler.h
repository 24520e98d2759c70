#pragma once

#include "ThreadPhaseLog.h"
#include "runtime/WindowPacking.h"
#include "trace/Event.h"

#include <cstdint>
#include <sys/types.h>
#include <vector>

namespace conlab {

class EventRing;

// Records the states of free-running job threads from the kernel's accounting. Every period
// it reads each thread's schedstat and its phase log, and writes into the thread's own ring
// (the thread records nothing itself meanwhile) what that window held: IO exactly as the
// thread logged it, and its runnable time split into running and ready by the on-CPU time
// the kernel counted, packed as WindowPacking lays it out. The live view so trails the run
// by one period.
class KernelSampler
{
public:
    struct Thread
    {
        std::uint32_t worker = 0;
        EventRing *ring = nullptr;
        ThreadPhaseLog *log = nullptr;
        const std::atomic<std::int32_t> *tid = nullptr; // 0 until the thread has started
    };

    KernelSampler(std::vector<Thread> threads, std::uint32_t cores, std::uint64_t periodNs);

    // Samples until every thread has ended and its log is sealed.
    void run();

private:
    struct Track
    {
        ThreadPhaseLog::Phase phase = ThreadPhaseLog::Phase::New;
        std::size_t consumed = 0;
        std::uint64_t onCpuNs = 0;
        std::uint64_t carriedNs = 0;
        EventKind last = EventKind::WorkerNew;
        bool ended = false;
        // This window's pieces: [start, next start) in `phase`.
        std::vector<ThreadPhaseLog::Entry> pieces;
        bool endsNow = false;
        ThreadPhaseLog::Entry end;
    };

    void sampleWindow(std::uint64_t startNs, std::uint64_t endNs, std::size_t index);
    void collectPieces(Track &track, const Thread &thread, std::uint64_t startNs,
                       std::uint64_t endNs);
    void emit(const Thread &thread, Track &track, std::uint64_t endNs,
              const std::vector<WindowPacking::Span> &running);
    void push(const Thread &thread, Track &track, std::uint64_t timeNs, EventKind kind,
              std::uint16_t reason = 0, std::uint32_t object = 0, std::uint32_t value = 0,
              std::int64_t arg = 0);

    std::vector<Thread> m_threads;
    std::vector<Track> m_tracks;
    std::uint32_t m_cores;
    std::uint64_t m_periodNs;
};

} // namespace conlab
