#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conlab {

struct WorkerInfo
{
    std::uint32_t id = 0;
    std::string role; // "main", "producer", "consumer", ...
    std::string name; // "producer-1"
    // The lane this one runs inside, for nested lanes (a coroutine inside the thread that runs
    // it, a thread inside its process); -1 for a top-level lane.
    std::int32_t parent = -1;
};

struct ObjectInfo
{
    std::uint32_t id = 0;
    std::string kind; // "queue", "lock", ...
    std::int64_t capacity = 0;
    std::string name;
};

// What a trace is about: written before the events (in the trace file and at the start of a
// live stream), so a reader can label lanes before the first event arrives.
struct TraceMeta
{
    // Bounds a header must keep to be read: nothing read from a file or stream sizes anything
    // before it has been checked against these. Worker ids index per-worker tables (the
    // runner's WorkerTable holds 1024); a run has at most a few virtual CPUs (CpuGate holds 8).
    static constexpr std::uint32_t kMaxWorkers = 1024; // worker ids are 0..kMaxWorkers-1
    static constexpr std::uint32_t kMaxCpus = 16;
    static constexpr std::uint32_t kMaxObjects = 4096;
    static constexpr std::uint32_t kMaxObjectId = 1u << 20;

    std::string scenario;
    std::string title;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<WorkerInfo> workers;
    std::vector<ObjectInfo> objects;
    std::uint32_t cpus = 1; // virtual CPUs; 0 means the kernel schedules freely
    std::uint64_t startNs = 0;
    double timeScale = 1.0;
    // Above 0: running and ready come from the kernel's counters read this often, so nothing
    // finer than this is measured.
    std::uint64_t sampleNs = 0;
    // The clock the workers stamped with: "tsc" (converted to CLOCK_MONOTONIC by the
    // collector) or "monotonic"; empty in traces from before it was said. Every stamp in the
    // trace is CLOCK_MONOTONIC ns either way.
    std::string clock;

    const WorkerInfo *worker(std::uint32_t id) const;
    const ObjectInfo *object(std::uint32_t id) const;
    std::string param(std::string_view name) const;
    std::string workerName(std::uint32_t id) const;
    // How many parents a lane has above it: 0 for a top-level lane.
    int depth(std::uint32_t id) const;

    // A line-based text form ("key value..."), easy to read in a hex dump and to extend.
    std::string serialize() const;
    static bool parse(std::string_view text, TraceMeta &out, std::string *error);
};

} // namespace conlab
