#include "runtime/SchedStat.h"
#include "runtime/WindowPacking.h"

#include <benchmark/benchmark.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

using namespace conlab;

// What the kernel lesson's sampler spends per thread per window: one reading of schedstat
// and stat from /proc.
static void BM_SchedStatRead(benchmark::State &state)
{
    const auto tid = pid_t(syscall(SYS_gettid));
    SchedStat stat;
    for (auto _ : state) {
        SchedStat::read(tid, stat);
        benchmark::DoNotOptimize(stat);
    }
}
BENCHMARK(BM_SchedStatRead);

// Laying out one window of N threads on 2 cores, each runnable all window but for one IO gap.
static void BM_WindowPacking(benchmark::State &state)
{
    const auto count = std::size_t(state.range(0));
    std::vector<WindowPacking::Thread> threads(count);
    for (std::size_t i = 0; i < count; ++i) {
        threads[i].runnable = {{0, 3000000 + i * 1000}, {4000000, 10000000}};
        threads[i].runNs = 20000000 / count;
    }
    std::size_t first = 0;
    for (auto _ : state) {
        WindowPacking::pack(0, 10000000, 2, threads, first++ % count);
        benchmark::DoNotOptimize(threads.data());
    }
}
BENCHMARK(BM_WindowPacking)->Arg(3)->Arg(8)->Arg(32);

BENCHMARK_MAIN();
