#include "ForkedThreads.h"
#include "ProgramWatcher.h"
#include "trace/Clock.h"

#include <benchmark/benchmark.h>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <mutex>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace conlab;

namespace {

// A process of 100 threads asleep, as a program with a big thread pool has them, forked
// from the benchmark as a watched program is started by the runner. With a nap, each thread
// wakes that often (ms) and sleeps again, at a steady pace or, `irregular`, after random
// naps of that mean (as requests arrive); without, it sleeps until the process is killed.
ForkedThreads sleepingThreads(int count, int napMs, bool irregular = false)
{
    return ForkedThreads(count, [napMs, irregular](int i) {
        std::mt19937 random{unsigned(i)};
        std::exponential_distribution<double> nap(1.0 / (napMs * 1000.0));
        for (;;)
            if (napMs > 0)
                usleep(irregular ? useconds_t(nap(random)) : useconds_t(napMs) * 1000);
            else
                sleep(1000);
    });
}

// How a sample leaves threads unread: not at all (every thread of a process that ran is read,
// the baseline), proven from the process's CPU clock, or known from each thread's switch ring.
enum class Unread { ReadAll, ProcessClock, SwitchRings };

ProgramWatcher::Settings atTwoMilliseconds(Unread unread = Unread::SwitchRings)
{
    ProgramWatcher::Settings settings;
    settings.leaveUnread = unread != Unread::ReadAll;
    settings.switchRings = unread == Unread::SwitchRings;
    settings.sampleNs = 2'000'000;
    settings.baselineFirstThreads = true;
    return settings;
}

void follow(ProgramWatcher &watcher, pid_t pid, std::vector<Event> &events)
{
    watcher.follow(pid, monotonicNs());
    watcher.sample(monotonicNs(), events); // the first sample names every lane
}

} // namespace

// One sample of a process of 100 sleeping threads: each thread's schedstat, and for one that
// has run since the last sample its state and system call (one that has not is still in the
// same wait, and costs nothing more). Argument: how often each thread wakes (ms; 0 never).
static void BM_SampleHundredThreads(benchmark::State &state)
{
    const ForkedThreads threads = sleepingThreads(100, int(state.range(0)));
    std::vector<Event> events;
    ProgramWatcher watcher(atTwoMilliseconds());
    follow(watcher, threads.pid(), events);
    for (auto _ : state) {
        events.clear();
        watcher.sample(monotonicNs(), events);
        benchmark::DoNotOptimize(events.data());
    }
    state.counters["threads"] = double(watcher.threadsSeen());
}
BENCHMARK(BM_SampleHundredThreads)->Arg(0)->Arg(50)->Unit(benchmark::kMicrosecond);

// The sampler as conlab-runner runs it, every 2 ms for a second: the CPU time it takes as a
// share of one core (the goal: under 5 %). Arguments: how often each thread wakes (ms; 0
// never), whether at random moments rather than at a steady pace, and how threads are left
// unread (Unread).
static void BM_CpuShareAt2ms(benchmark::State &state)
{
    const ForkedThreads threads = sleepingThreads(100, int(state.range(0)), state.range(1) != 0);
    std::vector<Event> events;
    ProgramWatcher watcher(atTwoMilliseconds(Unread(state.range(2))));
    follow(watcher, threads.pid(), events);
    if (state.range(2) == int(Unread::SwitchRings) && watcher.threadsWithRings() == 0)
        state.SkipWithError("perf events are not allowed here (kernel.perf_event_paranoid)");
    double share = 0;
    std::uint64_t samples = 0;
    const std::uint64_t reads = watcher.threadReads();
    for (auto _ : state) {
        timespec cpu0;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
        const std::uint64_t start = monotonicNs();
        std::uint64_t next = start;
        while (monotonicNs() - start < 1'000'000'000) {
            next += 2'000'000;
            const timespec at{time_t(next / 1'000'000'000ull), long(next % 1'000'000'000ull)};
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
            events.clear();
            watcher.sample(monotonicNs(), events);
            ++samples;
        }
        timespec cpu1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
        const double cpuNs =
            double(cpu1.tv_sec - cpu0.tv_sec) * 1e9 + double(cpu1.tv_nsec - cpu0.tv_nsec);
        share = cpuNs / double(monotonicNs() - start);
    }
    state.counters["cpu_share_percent"] = share * 100;
    state.counters["reads_per_sample"] = double(watcher.threadReads() - reads) / double(samples);
}
BENCHMARK(BM_CpuShareAt2ms)
    ->Args({0, 0, 0})
    ->Args({0, 0, 1})
    ->Args({0, 0, 2})
    ->Args({50, 0, 0})
    ->Args({50, 0, 1})
    ->Args({50, 0, 2})
    ->Args({50, 1, 0})
    ->Args({50, 1, 1})
    ->Args({50, 1, 2})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
