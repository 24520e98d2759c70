#include "runtime/BoundedQueue.h"
#include "runtime/CountingSemaphore.h"
#include "runtime/CpuGate.h"
#include "runtime/Futex.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/SharedEvent.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "trace/Arena.h"

#include <benchmark/benchmark.h>
#include <memory>
#include <mutex>
#include <string>

using namespace conlab;

namespace {

// A run's shared state for one worker, as the runner lays it out; the ring is drained outside
// the timing whenever it is nearly full, so no event is dropped.
struct OneWorker
{
    static constexpr std::uint32_t kRing = 1u << 16;
    std::unique_ptr<Arena> arena;
    WorkerTable *table = nullptr;
    CpuGate *gate = nullptr;
    std::unique_ptr<WorkerContext> worker;

    explicit OneWorker(benchmark::State &state)
    {
        Arena::Layout layout;
        layout.workerCount = 1;
        layout.ringCapacity = kRing;
        layout.objectBytes = 256 * 1024;
        std::string error;
        arena = Arena::create(layout, &error);
        if (!arena) {
            state.SkipWithError(error.c_str());
            return;
        }
        table = arena->make<WorkerTable>();
        gate = arena->make<CpuGate>(0, SchedulingPolicy::Fcfs);
        worker = std::make_unique<WorkerContext>(*arena, *gate, *table, 0);
    }

    // Empties the ring every `period` iterations of `perIteration` events, untimed.
    void drainEvery(benchmark::State &state, std::uint64_t &count, std::uint64_t perIteration)
    {
        if (++count * perIteration < kRing / 2)
            return;
        state.PauseTiming();
        Event buffer[512];
        while (arena->ring(0)->drain(buffer, std::size(buffer)) > 0) {
        }
        count = 0;
        state.ResumeTiming();
    }
};

// The floor: a process-private mutex, nothing recorded.
void BM_StdMutexLockUnlock(benchmark::State &state)
{
    std::mutex mutex;
    for (auto _ : state) {
        mutex.lock();
        mutex.unlock();
    }
}
BENCHMARK(BM_StdMutexLockUnlock);

// What every release paid before waking became conditional: a FUTEX_WAKE with no waiter.
void BM_FutexWakeNobody(benchmark::State &state)
{
    std::atomic<std::uint32_t> word{0};
    for (auto _ : state)
        futexBumpAndWake(word);
}
BENCHMARK(BM_FutexWakeNobody);

// Times `step` on the object `make` places in a fresh run's arena, for one worker.
template <class Make, class Step>
void measureUncontended(benchmark::State &state, Make make, Step step)
{
    OneWorker run(state);
    if (!run.worker)
        return;
    auto *object = make(*run.arena);
    std::uint64_t count = 0;
    for (auto _ : state) {
        step(*object, *run.worker);
        run.drainEvery(state, count, 2);
    }
}

// Uncontended instrumented lock + unlock: the robust process-shared mutex twice (acquire and
// release each take it) and two recorded events.
void BM_InstrumentedLockUnlock(benchmark::State &state)
{
    measureUncontended(
        state,
        [](Arena &arena) {
            return arena.make<InstrumentedMutex>(1, InstrumentedMutex::Kind::Plain);
        },
        [](InstrumentedMutex &lock, WorkerContext &worker) {
            lock.lock(worker);
            lock.unlock(worker);
        });
}
BENCHMARK(BM_InstrumentedLockUnlock);

void BM_SemaphoreAcquireRelease(benchmark::State &state)
{
    measureUncontended(
        state, [](Arena &arena) { return arena.make<CountingSemaphore>(1, 1); },
        [](CountingSemaphore &semaphore, WorkerContext &worker) {
            semaphore.acquire(worker);
            semaphore.release(worker);
        });
}
BENCHMARK(BM_SemaphoreAcquireRelease);

void BM_QueuePutGet(benchmark::State &state)
{
    std::int64_t item = 0;
    measureUncontended(
        state, [](Arena &arena) { return arena.make<BoundedQueue>(1, 4); },
        [&item](BoundedQueue &queue, WorkerContext &worker) {
            queue.put(worker, ++item);
            queue.get(worker, item);
        });
}
BENCHMARK(BM_QueuePutGet);

void BM_EventSetClear(benchmark::State &state)
{
    measureUncontended(
        state, [](Arena &arena) { return arena.make<SharedEvent>(1); },
        [](SharedEvent &event, WorkerContext &worker) {
            event.set(worker);
            event.clear(worker);
        });
}
BENCHMARK(BM_EventSetClear);

} // namespace

BENCHMARK_MAIN();
