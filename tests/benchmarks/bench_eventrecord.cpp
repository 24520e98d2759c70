#include "runtime/EventRecorder.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/EventClock.h"
#include "trace/StampConverter.h"

#include <atomic>
#include <benchmark/benchmark.h>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace conlab;

namespace {

constexpr std::uint32_t kRingCapacity = 8192; // the runner's ring size for up to 32 workers

std::unique_ptr<Arena> makeArena(std::uint32_t workers, benchmark::State &state)
{
    Arena::Layout layout;
    layout.workerCount = workers;
    layout.ringCapacity = kRingCapacity;
    std::string error;
    auto arena = Arena::create(layout, &error);
    if (!arena)
        state.SkipWithError(error.c_str());
    return arena;
}

std::size_t drainRing(EventRing *ring)
{
    Event buffer[512];
    std::size_t total = 0;
    std::size_t count;
    while ((count = ring->drain(buffer, std::size(buffer))) > 0) {
        benchmark::DoNotOptimize(buffer);
        total += count;
    }
    return total;
}

// Medians of this many runs: the figures the README gives, less swayed by a neighbour's build.
constexpr int kRepetitions = 9;

// What a worker pays per event: the clock read plus the push into its shared-memory ring.
// The ring is drained, outside the timing, each time it is full, so no event is dropped.
// Stamped with the TSC (argument 1) or with clock_gettime (0, the baseline: what every run
// paid before the TSC, and what a machine without a usable one still pays).
void BM_RecordEvent(benchmark::State &state)
{
    const ClockKind clock = state.range(0) ? ClockKind::Tsc : ClockKind::Monotonic;
    if (clock == ClockKind::Tsc && !EventClock::tscUsable()) {
        state.SkipWithError("no usable TSC on this machine");
        return;
    }
    auto arena = makeArena(1, state);
    if (!arena)
        return;
    EventClock::use(clock);
    state.SetLabel(EventClock::name(clock));
    EventRing *ring = arena->ring(0);
    EventRecorder recorder(ring, 0);
    std::uint32_t inRing = 0;
    std::int64_t item = 0;
    for (auto _ : state) {
        recorder.record(EventKind::QueuePut, 0, 1, 1, item++);
        if (++inRing == kRingCapacity) {
            state.PauseTiming();
            drainRing(ring);
            inRing = 0;
            state.ResumeTiming();
        }
    }
    EventClock::use(ClockKind::Monotonic);
    state.SetItemsProcessed(state.iterations());
    state.counters["dropped"] = double(ring->dropped());
}
BENCHMARK(BM_RecordEvent)->Arg(0)->Arg(1)->Repetitions(kRepetitions)->ReportAggregatesOnly(true);

// The parts of a record, to see which one dominates.
void BM_ClockOnly(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(monotonicNs());
}
BENCHMARK(BM_ClockOnly)->Repetitions(kRepetitions)->ReportAggregatesOnly(true);

// The stamp a TSC run takes: LFENCE + RDTSC.
void BM_TicksOnly(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(EventClock::readTicks());
}
BENCHMARK(BM_TicksOnly)->Repetitions(kRepetitions)->ReportAggregatesOnly(true);

#if defined(__x86_64__)
// A bare RDTSC, for comparison: cheaper, but free to execute before the stores in front of it.
void BM_UnorderedTicksOnly(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(__rdtsc());
}
BENCHMARK(BM_UnorderedTicksOnly)->Repetitions(kRepetitions)->ReportAggregatesOnly(true);

// RDTSCP, the other ordered read: it waits for the loads before it, not for the stores.
void BM_RdtscpOnly(benchmark::State &state)
{
    unsigned int cpu = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(__rdtscp(&cpu));
}
BENCHMARK(BM_RdtscpOnly)->Repetitions(kRepetitions)->ReportAggregatesOnly(true);
#endif

// The collector's side of a TSC run: one (ticks, ns) pair per collection...
void BM_TakePair(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(StampConverter::takePair());
}
BENCHMARK(BM_TakePair);

// ...and converting each drained event, in the runner's batches of 512, with a full history
// of pairs: stamps from the last period (argument 1), as nearly all are, or from anywhere in
// the 2.5 s the pairs cover (0), each searched for.
void BM_ConvertDrainedEvents(benchmark::State &state)
{
    constexpr std::uint64_t kPeriodTicks = 24'500'000; // 10 ms at 2.45 GHz
    StampConverter converter;
    for (std::uint64_t i = 0; i <= 256; ++i)
        converter.addPair({1'000'000 + i * kPeriodTicks, 5'000'000 + i * 10'000'000});
    const std::uint64_t span = state.range(0) ? kPeriodTicks : 256 * kPeriodTicks;
    const std::uint64_t first = 1'000'000 + 256 * kPeriodTicks - span;
    std::vector<Event> batch(512);
    std::uint64_t offset = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (Event &e : batch) {
            offset = (offset + 9973) % span;
            e.timeNs = (first + offset) | EventClock::kTicksTag;
            e.worker = std::uint32_t(offset % 8);
        }
        state.ResumeTiming();
        converter.convert(batch.data(), batch.size(), 1);
        benchmark::DoNotOptimize(batch.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(batch.size()));
}
BENCHMARK(BM_ConvertDrainedEvents)->Arg(1)->Arg(0);

void BM_PushOnly(benchmark::State &state)
{
    auto arena = makeArena(1, state);
    if (!arena)
        return;
    EventRing *ring = arena->ring(0);
    Event event;
    event.kind = EventKind::QueuePut;
    std::uint32_t inRing = 0;
    for (auto _ : state) {
        event.arg++;
        benchmark::DoNotOptimize(ring->push(event));
        if (++inRing == kRingCapacity) {
            state.PauseTiming();
            drainRing(ring);
            inRing = 0;
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["dropped"] = double(ring->dropped());
}
BENCHMARK(BM_PushOnly);

// The collector's own cost: N full rings drained (filled outside the timing), in the
// runner's batches of 512. An upper bound on what one collector thread can take in.
void BM_DrainFullRings(benchmark::State &state)
{
    const auto rings = std::uint32_t(state.range(0));
    auto arena = makeArena(rings, state);
    if (!arena)
        return;
    Event event;
    event.kind = EventKind::QueueGet;
    std::size_t drained = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (std::uint32_t r = 0; r < rings; ++r)
            while (arena->ring(r)->push(event))
                event.arg++;
        state.ResumeTiming();
        for (std::uint32_t r = 0; r < rings; ++r)
            drained += drainRing(arena->ring(r));
    }
    state.SetItemsProcessed(std::int64_t(drained));
}
BENCHMARK(BM_DrainFullRings)->Arg(1)->Arg(4)->Arg(16);

// End to end: N producer threads record events as fast as they can, each into its own ring,
// while the benchmark thread collects. A producer that finds its ring full waits (yields)
// instead of dropping, so the rate measured is what the collector sustains with producers
// competing for the same cores, and `dropped` stays 0.
void BM_CollectorWithProducers(benchmark::State &state)
{
    const auto producers = std::uint32_t(state.range(0));
    auto arena = makeArena(producers, state);
    if (!arena)
        return;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (std::uint32_t p = 0; p < producers; ++p) {
        threads.emplace_back([&, p] {
            EventRing *ring = arena->ring(p);
            EventRecorder recorder(ring, p);
            std::int64_t item = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                if (ring->size() >= kRingCapacity) {
                    std::this_thread::yield();
                    continue;
                }
                recorder.record(EventKind::QueuePut, 0, 1, 1, item++);
            }
        });
    }
    std::size_t drained = 0;
    for (auto _ : state)
        for (std::uint32_t p = 0; p < producers; ++p)
            drained += drainRing(arena->ring(p));
    stop.store(true);
    for (auto &thread : threads)
        thread.join();
    std::uint64_t dropped = 0;
    for (std::uint32_t p = 0; p < producers; ++p)
        dropped += arena->ring(p)->dropped();
    state.SetItemsProcessed(std::int64_t(drained));
    state.counters["dropped"] = double(dropped);
}
BENCHMARK(BM_CollectorWithProducers)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
