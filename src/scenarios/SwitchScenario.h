#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

class EventRecorder;

// Chapter 6: explicit switching, greenlet style. Two coroutines (Boost.Context fibers on
// main's thread) take turns over `items` items of pure computation, each handing the thread
// to the other after every item; the same work done as plain function calls is the yardstick.
// A few items are recorded to be seen; the timing runs unrecorded, best of several passes.
class SwitchScenario : public Scenario
{
public:
    // Items whose switches are recorded as lanes: enough to see the turns, few enough that
    // recording costs nothing measurable.
    static constexpr std::uint32_t kShownItems = 12;
    // Each recorded item computes at least this long (scaled), so that its turn can be seen.
    static constexpr std::uint64_t kShownItemMs = 2;
    static constexpr int kPasses = 5;
    // Steps of work timed between two looks at the stop flag: a few milliseconds.
    static constexpr std::uint64_t kStepsPerChunk = 4'000'000;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    void writeSummary(JsonWriter &json, const Trace &trace) const override;

    // The two coroutines' turns over `items` items, `work` steps each. With lanes `a` and `b`
    // the turns are recorded, and each item repeats its steps for at least `shownItemNs`.
    // Wall time in ns.
    static std::uint64_t runSwitching(std::uint64_t items, std::uint32_t work, EventRecorder *a,
                                      EventRecorder *b, std::uint64_t shownItemNs);
    // The same work as two plain calls per item. Wall time in ns.
    static std::uint64_t runCalls(std::uint64_t items, std::uint32_t work);

private:
    Arena *m_arena = nullptr;
    std::uint64_t m_items = 0;
    std::uint32_t m_work = 0;
    std::uint64_t m_shownItemNs = 0;
    double m_switchNs = 0;
    double m_callNs = 0;
};

} // namespace conlab
