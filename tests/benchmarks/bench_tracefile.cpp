#include "analysis/RunRecording.h"
#include "trace/TraceFile.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

using namespace conlab;

namespace {

// A run's events as a lesson makes them: 100 workers taking turns at a lock, each going
// ready -> running -> blocked with waits of a few µs to a few ms, the lock's owner recorded,
// every tenth step a queue put or get.
Trace runLikeTrace(std::size_t count)
{
    Trace trace;
    trace.meta.scenario = "benchmark";
    trace.meta.cpus = 2;
    for (std::uint32_t w = 0; w < 100; ++w)
        trace.meta.workers.push_back({w, "worker", "worker-" + std::to_string(w)});
    trace.meta.objects = {{1, "lock", 0, "the lock"}, {2, "queue", 8, "queue"}};
    std::mt19937_64 random(42);
    std::exponential_distribution<double> gap(1.0 / 20'000.0);
    std::uint64_t now = 1'000'000'000;
    std::int64_t item = 0;
    trace.events.reserve(count);
    while (trace.events.size() < count) {
        const auto worker = std::uint32_t(random() % 100);
        now += std::uint64_t(gap(random));
        trace.events.push_back({now, worker, EventKind::Ready, 0, 0, 0, 0});
        now += std::uint64_t(gap(random));
        trace.events.push_back(
            {now, worker, EventKind::Running, 0, 0, std::uint32_t(random() % 2), 0});
        trace.events.push_back({now, worker, EventKind::LockAcquired, 0, 1, 1, 0});
        if (random() % 10 == 0) {
            now += 150;
            trace.events.push_back({now, worker,
                                    random() % 2 ? EventKind::QueuePut : EventKind::QueueGet, 0, 2,
                                    std::uint32_t(random() % 8), ++item});
        }
        // In time order, as a collector writes it (the put used to come 150 ns after the
        // acquire and could land after the release, which a recorded run never does).
        now += std::uint64_t(gap(random));
        trace.events.push_back({now, worker, EventKind::LockReleased, 0, 1, 0, 0});
        trace.events.push_back({now, worker, EventKind::Blocked, 1, 1, 0, 0});
    }
    trace.events.resize(count);
    trace.summaryJson = R"({"outcome":"completed"})";
    return trace;
}

std::string scratchPath()
{
    return "/tmp/conlab-bench-" + std::to_string(getpid()) + ".conlab";
}

std::uint64_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    statm >> size >> resident;
    return resident * std::uint64_t(sysconf(_SC_PAGESIZE));
}

std::uint64_t fileBytes(const std::string &path)
{
    struct stat st
    {
    };
    return stat(path.c_str(), &st) == 0 ? std::uint64_t(st.st_size) : 0;
}

// The first format's writing, the baseline: the 32-byte records as they are.
void writeRaw(const std::string &path, const Trace &trace)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const std::string meta = trace.meta.serialize();
    const auto u64 = [&](std::uint64_t v) {
        out.write(reinterpret_cast<const char *>(&v), 8);
    };
    out.write("CONLABT1", 8);
    u64(meta.size());
    out << meta;
    u64(trace.events.size());
    u64(trace.droppedEvents);
    out.write(reinterpret_cast<const char *>(trace.events.data()),
              std::streamsize(trace.events.size() * sizeof(Event)));
    u64(trace.summaryJson.size());
    out << trace.summaryJson;
}

// Writes `trace` in the format, or `raw` in the first one; false with `error` set on failure.
bool writeTrace(const std::string &path, const Trace &trace, bool raw, std::string &error)
{
    if (!raw)
        return TraceFile::write(path, trace, &error);
    writeRaw(path, trace);
    return true;
}

// Both formats at two sizes: argument one is the events, two whether raw.
void bothFormats(benchmark::internal::Benchmark *benchmark)
{
    for (const std::int64_t events : {100'000, 10'000'000})
        for (const std::int64_t raw : {0, 1})
            benchmark->Args({events, raw});
    benchmark->Iterations(2)->Unit(benchmark::kMillisecond);
}

} // namespace

// Writing a trace: compressed (the format) against raw records (the first format). Argument:
// events.
static void BM_WriteTrace(benchmark::State &state)
{
    const Trace trace = runLikeTrace(std::size_t(state.range(0)));
    const std::string path = scratchPath();
    const bool raw = state.range(1) != 0;
    std::string error;
    for (auto _ : state)
        if (!writeTrace(path, trace, raw, error))
            state.SkipWithError(error.c_str());
    state.counters["bytes_per_event"] = double(fileBytes(path)) / double(trace.events.size());
    std::remove(path.c_str());
}
BENCHMARK(BM_WriteTrace)->Apply(bothFormats);

// Reading it back, as the window and --check do.
static void BM_ReadTrace(benchmark::State &state)
{
    const std::string path = scratchPath();
    std::string error;
    if (!writeTrace(path, runLikeTrace(std::size_t(state.range(0))), state.range(1) != 0, error))
        state.SkipWithError(error.c_str());
    for (auto _ : state) {
        Trace read;
        if (!TraceFile::read(path, read, &error))
            state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(read.events.data());
    }
    std::remove(path.c_str());
}
BENCHMARK(BM_ReadTrace)->Apply(bothFormats);

// Opening a saved run in the window: reading the file and taking it in (state intervals, lock
// lanes, wake-ups, the summaries every view draws from).
static void BM_OpenRun(benchmark::State &state)
{
    const std::string path = scratchPath();
    std::string error;
    if (!writeTrace(path, runLikeTrace(std::size_t(state.range(0))), false, error))
        state.SkipWithError(error.c_str());
    std::size_t events = 0;
    std::size_t held = 0;
    double rss = 0;
    for (auto _ : state) {
        malloc_trim(0);
        const std::uint64_t before = residentBytes();
        RunRecording recording;
        {
            Trace read;
            if (!TraceFile::read(path, read, &error))
                state.SkipWithError(error.c_str());
            recording.load(read);
        }
        // What the window keeps of the run once the file's copy is gone: its resident memory
        // grown since before the file was read, all of the recording's structures included.
        state.PauseTiming();
        malloc_trim(0);
        rss = double(residentBytes() - std::min(before, residentBytes()));
        events = recording.eventCount();
        held = recording.eventMemoryBytes();
        state.ResumeTiming();
        benchmark::DoNotOptimize(recording.eventCount());
    }
    state.counters["resident_bytes_per_event"] = rss / double(events);
    state.counters["events_and_intervals_bytes_per_event"] = double(held) / double(events);
    std::remove(path.c_str());
}
BENCHMARK(BM_OpenRun)->Arg(10'000'000)->Iterations(2)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
