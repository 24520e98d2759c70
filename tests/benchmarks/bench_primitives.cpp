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

// Uncontended instrumented lock + unlock: the robust process-shared mutex twice (acquire and
// release each take it) and two recorded events.
void BM_InstrumentedLockUnlock(benchmark::State &state)
{
    OneWorker run(state);
    if (!run.worker)
        return;
    InstrumentedMutex *lock = run.arena->make<InstrumentedMutex>(1, InstrumentedMutex::Kind::Plain);
    std::uint64_t count = 0;
    for (auto _ : state) {
        lock->lock(*run.worker);
        lock->unlock(*run.worker);
        run.drainEvery(state, count, 2);
    }
}
BENCHMARK(BM_InstrumentedLockUnlock);

void BM_SemaphoreAcquireRelease(benchmark::State &state)
{
    OneWorker run(state);
    if (!run.worker)
        return;
    CountingSemaphore *semaphore = run.arena->make<CountingSemaphore>(1, 1);
    std::uint64_t count = 0;
    for (auto _ : state) {
        semaphore->acquire(*run.worker);
        semaphore->release(*run.worker);
        run.drainEvery(state, count, 2);
    }
}
BENCHMARK(BM_SemaphoreAcquireRelease);

void BM_QueuePutGet(benchmark::State &state)
{
    OneWorker run(state);
    if (!run.worker)
        return;
    BoundedQueue *queue = run.arena->make<BoundedQueue>(1, 4, BoundedQueue::Order::Fifo);
    std::uint64_t count = 0;
    std::int64_t item = 0;
    for (auto _ : state) {
        queue->put(*run.worker, ++item);
        queue->get(*run.worker, item);
        run.drainEvery(state, count, 2);
    }
}
BENCHMARK(BM_QueuePutGet);

void BM_EventSetClear(benchmark::State &state)
{
    OneWorker run(state);
    if (!run.worker)
        return;
    SharedEvent *event = run.arena->make<SharedEvent>(1);
    std::uint64_t count = 0;
    for (auto _ : state) {
        event->set(*run.worker);
        event->clear(*run.worker);
        run.drainEvery(state, count, 2);
    }
}
BENCHMARK(BM_EventSetClear);

} // namespace

BENCHMARK_MAIN();
