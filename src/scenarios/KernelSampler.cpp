#include "KernelSampler.h"

#include "runtime/SchedStat.h"
#include "trace/Clock.h"
#include "trace/EventRing.h"

#include <algorithm>
#include <ctime>
#include <limits>

namespace conlab {

using Phase = ThreadPhaseLog::Phase;

KernelSampler::KernelSampler(std::vector<Thread> threads, std::uint32_t cores,
                             std::uint64_t periodNs)
    : m_threads(std::move(threads)), m_tracks(m_threads.size()), m_cores(cores),
      m_periodNs(periodNs)
{
}

void KernelSampler::run()
{
    std::uint64_t windowStart = monotonicNs();
    std::size_t index = 0;
    auto allEnded = [this] {
        return std::all_of(m_tracks.begin(), m_tracks.end(),
                           [](const Track &track) { return track.ended; });
    };
    while (!allEnded()) {
        const std::uint64_t next = windowStart + m_periodNs;
        const timespec at{time_t(next / 1000000000ull), long(next % 1000000000ull)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
        const std::uint64_t windowEnd = monotonicNs();
        sampleWindow(windowStart, windowEnd, index++);
        windowStart = windowEnd;
    }
}

void KernelSampler::collectPieces(Track &track, const Thread &thread, std::uint64_t startNs,
                                  std::uint64_t endNs)
{
    track.pieces.clear();
    track.endsNow = false;
    track.pieces.push_back({startNs, track.phase, ExitCause::Normal});
    const std::size_t published = thread.log->published();
    while (track.consumed < published) {
        ThreadPhaseLog::Entry entry = thread.log->entry(track.consumed);
        if (entry.timeNs > endNs)
            break; // it belongs to the next window
        ++track.consumed;
        // Logged before this window began but published after the last one looked.
        entry.timeNs = std::clamp(entry.timeNs, startNs, endNs);
        if (entry.phase == Phase::Done) {
            track.endsNow = true;
            track.end = entry;
            break;
        }
        track.pieces.push_back(entry);
        track.phase = entry.phase;
    }
}

void KernelSampler::sampleWindow(std::uint64_t startNs, std::uint64_t endNs, std::size_t index)
{
    std::vector<WindowPacking::Thread> packing(m_threads.size());
    std::vector<SchedStat> stats(m_threads.size());
    for (std::size_t i = 0; i < m_threads.size(); ++i) {
        Track &track = m_tracks[i];
        if (track.ended)
            continue;
        collectPieces(track, m_threads[i], startNs, endNs);
        // Nothing logged yet: the thread may still be writing its own ring.
        if (track.consumed == 0)
            continue;
        const std::int32_t tid = m_threads[i].tid->load(std::memory_order_acquire);
        if (tid > 0 && SchedStat::read(tid, stats[i]) && stats[i].onCpuNs >= track.onCpuNs) {
            packing[i].runNs = stats[i].onCpuNs - track.onCpuNs + track.carriedNs;
            track.onCpuNs = stats[i].onCpuNs;
        } else {
            packing[i].runNs = track.carriedNs;
        }
        packing[i].lastWindow = track.endsNow;
        const std::uint64_t pieceEnd = track.endsNow ? track.end.timeNs : endNs;
        for (std::size_t k = 0; k < track.pieces.size(); ++k) {
            const std::uint64_t to =
                k + 1 < track.pieces.size() ? track.pieces[k + 1].timeNs : pieceEnd;
            if (track.pieces[k].phase == Phase::Runnable && to > track.pieces[k].timeNs)
                packing[i].runnable.push_back({track.pieces[k].timeNs, to});
        }
    }
    if (!m_threads.empty())
        WindowPacking::pack(startNs, endNs, m_cores, packing, index % m_threads.size());
    for (std::size_t i = 0; i < m_threads.size(); ++i) {
        Track &track = m_tracks[i];
        if (track.ended || track.consumed == 0)
            continue;
        track.carriedNs = packing[i].carriedNs;
        emit(m_threads[i], track, endNs, packing[i].running);
        const SchedStat &stat = stats[i];
        const std::uint64_t sampleAt = track.endsNow ? track.end.timeNs : endNs;
        push(m_threads[i], track, sampleAt, EventKind::CpuSample, 0,
             std::uint32_t(std::min<std::uint64_t>(stat.runDelayNs / 1000,
                                                   std::numeric_limits<std::uint32_t>::max())),
             std::uint32_t(stat.processor), std::int64_t(track.onCpuNs));
        if (track.endsNow) {
            push(m_threads[i], track, track.end.timeNs, EventKind::Terminated,
                 std::uint16_t(track.end.cause));
            track.ended = true;
            m_threads[i].log->seal();
        }
    }
}

void KernelSampler::emit(const Thread &thread, Track &track, std::uint64_t endNs,
                         const std::vector<WindowPacking::Span> &running)
{
    const std::uint64_t pieceEnd = track.endsNow ? track.end.timeNs : endNs;
    std::size_t r = 0;
    for (std::size_t k = 0; k < track.pieces.size(); ++k) {
        const std::uint64_t from = track.pieces[k].timeNs;
        const std::uint64_t to =
            k + 1 < track.pieces.size() ? track.pieces[k + 1].timeNs : pieceEnd;
        switch (track.pieces[k].phase) {
        case Phase::New:
        case Phase::Done:
            break;
        case Phase::Io:
            push(thread, track, from, EventKind::Blocked, std::uint16_t(BlockReason::Io));
            break;
        case Phase::Runnable: {
            // The IO is a timed sleep: its end is the device's completion.
            if (track.last == EventKind::Blocked)
                push(thread, track, from, EventKind::IoNotified);
            std::uint64_t at = from;
            for (; r < running.size() && running[r].startNs < to; ++r) {
                if (running[r].startNs > at)
                    push(thread, track, at, EventKind::Ready);
                // Nobody dispatches here but the kernel: a thread goes on a CPU from ready.
                if (track.last != EventKind::Ready && track.last != EventKind::Running)
                    push(thread, track, std::max(at, running[r].startNs), EventKind::Ready);
                push(thread, track, std::max(at, running[r].startNs), EventKind::Running, 0, 0,
                     std::numeric_limits<std::uint32_t>::max());
                at = running[r].endNs;
            }
            if (at < to || from == to)
                push(thread, track, at, EventKind::Ready);
            break;
        }
        }
    }
}

void KernelSampler::push(const Thread &thread, Track &track, std::uint64_t timeNs, EventKind kind,
                         std::uint16_t reason, std::uint32_t object, std::uint32_t value,
                         std::int64_t arg)
{
    const bool state = kind == EventKind::Ready || kind == EventKind::Running ||
                       kind == EventKind::Blocked || kind == EventKind::Terminated;
    if (state && kind == track.last && kind != EventKind::Terminated)
        return;
    thread.ring->push({timeNs, thread.worker, kind, reason, object, value, arg});
    if (state)
        track.last = kind;
}

} // namespace conlab
