#include "runtime/EventRecorder.h"
#include "trace/Arena.h"
#include "trace/Clock.h"

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

// What a worker pays per event: the clock read plus the push into its shared-memory ring.
// The ring is drained, outside the timing, each time it is full, so no event is dropped.
void BM_RecordEvent(benchmark::State &state)
{
    auto arena = makeArena(1, state);
    if (!arena)
        return;
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
    state.SetItemsProcessed(state.iterations());
    state.counters["dropped"] = double(ring->dropped());
}
BENCHMARK(BM_RecordEvent);

// The two parts of a record, to see which one dominates.
void BM_ClockOnly(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(monotonicNs());
}
BENCHMARK(BM_ClockOnly);

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
