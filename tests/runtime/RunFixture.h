#pragma once

#include "runtime/CpuGate.h"
#include "runtime/WorkerTable.h"
#include "trace/Arena.h"

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace conlab::test {

// The shared state of a run with thread workers, placed as the runner places it (table, then
// gate, then the objects under test), without the runner's processes and control loop.
class RunFixture
{
public:
    // Rings are sized by the caller to hold a whole test's events, so the recording can be
    // read after the threads are joined and nothing is lost to a slow collector.
    static std::unique_ptr<RunFixture> create(std::uint32_t workers, std::uint32_t cpus,
                                              std::uint32_t ringCapacity, std::string *error)
    {
        Arena::Layout layout;
        layout.workerCount = workers;
        layout.ringCapacity = ringCapacity;
        layout.objectBytes = 256 * 1024;
        std::unique_ptr<RunFixture> run(new RunFixture);
        run->arena = Arena::create(layout, error);
        if (!run->arena)
            return nullptr;
        run->table = run->arena->make<WorkerTable>();
        run->gate = run->arena->make<CpuGate>(cpus, SchedulingPolicy::Fcfs);
        if (!run->table || !run->gate) {
            *error = "arena too small";
            return nullptr;
        }
        run->byWorker.resize(workers);
        return run;
    }

    // Moves what the workers' rings hold into byWorker (each worker's events stay in the
    // order it recorded them).
    void collect()
    {
        Event buffer[512];
        for (std::uint32_t w = 0; w < byWorker.size(); ++w) {
            EventRing *ring = arena->ring(w);
            std::size_t count;
            while ((count = ring->drain(buffer, std::size(buffer))) > 0)
                byWorker[w].insert(byWorker[w].end(), buffer, buffer + count);
        }
    }

    std::uint64_t dropped()
    {
        std::uint64_t total = 0;
        for (std::uint32_t r = 0; r <= arena->workerCount(); ++r)
            total += arena->ring(r)->dropped();
        return total;
    }

    // Every worker's events merged into one time order. At an equal timestamp Running goes
    // last: a CPU released and granted within one nanosecond is a hand-over, not an overlap.
    std::vector<Event> timeOrdered() const
    {
        std::vector<Event> all;
        for (const auto &events : byWorker)
            all.insert(all.end(), events.begin(), events.end());
        std::stable_sort(all.begin(), all.end(), [](const Event &a, const Event &b) {
            if (a.timeNs != b.timeNs)
                return a.timeNs < b.timeNs;
            return a.kind != EventKind::Running && b.kind == EventKind::Running;
        });
        return all;
    }

    std::unique_ptr<Arena> arena;
    WorkerTable *table = nullptr;
    CpuGate *gate = nullptr;
    std::vector<std::vector<Event>> byWorker;

private:
    RunFixture() = default;
};

// Joins a test's threads however the test function is left. Left early (a failed check), it
// raises the run's stop flag first: every wait in the runtime re-checks it, so no join hangs.
// Declare it after everything its threads use, so it is destroyed first.
class ThreadGroup
{
public:
    explicit ThreadGroup(Arena &arena) : m_arena(arena) {}
    ~ThreadGroup()
    {
        for (const auto &thread : m_threads)
            if (thread.joinable())
                m_arena.header().stop.store(1, std::memory_order_release);
        joinAll();
    }
    ThreadGroup(const ThreadGroup &) = delete;
    ThreadGroup &operator=(const ThreadGroup &) = delete;

    template <class F> void start(F &&body) { m_threads.emplace_back(std::forward<F>(body)); }
    void joinAll()
    {
        for (auto &thread : m_threads)
            if (thread.joinable())
                thread.join();
    }

private:
    Arena &m_arena;
    std::vector<std::thread> m_threads;
};

} // namespace conlab::test
