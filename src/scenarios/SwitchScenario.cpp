#include "SwitchScenario.h"

#include "ScenarioParameters.h"
#include "runtime/EventRecorder.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"
#include "trace/EventClock.h"
#include "trace/JsonWriter.h"

#include <algorithm>
#include <boost/context/fiber.hpp>
#include <cmath>
#include <cstdio>
#include <limits>

namespace conlab {

namespace context = boost::context;

namespace {

constexpr std::uint32_t kLaneA = 1;
constexpr std::uint32_t kLaneB = 2;

// Where the computation's results go, so that the compiler keeps every step.
volatile std::uint64_t g_sink = 0;

// One item of pure computation, a call the compiler may not inline (the yardstick is a call).
[[gnu::noinline]] std::uint64_t computeItem(std::uint64_t state, std::uint32_t steps)
{
    for (std::uint32_t i = 0; i < steps; ++i)
        state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state;
}

// An item of the recorded passage: the same computation, repeated for at least `ns` so that
// each turn is wide enough to see.
std::uint64_t computeShownItem(std::uint64_t state, std::uint32_t steps, std::uint64_t ns)
{
    const std::uint64_t end = monotonicNs() + ns;
    do
        state = computeItem(state, std::max<std::uint32_t>(steps, 1));
    while (monotonicNs() < end);
    return state;
}

// `from` hands the thread to `to`: suspended for a switch, and `to` running at that instant.
void recordSwitch(EventRecorder *from, EventRecorder *to)
{
    if (!to)
        return;
    const std::uint64_t now = EventClock::now();
    if (from)
        from->recordAt(now, EventKind::Blocked, std::uint16_t(BlockReason::Switch), to->worker(), 0,
                       0);
    to->recordAt(now, EventKind::Ready);
    to->recordAt(now, EventKind::Running);
}

void recordEnd(EventRecorder *lane)
{
    if (lane)
        lane->record(EventKind::Terminated, std::uint16_t(ExitCause::Normal));
}

} // namespace

Scenario::Info SwitchScenario::info() const
{
    return {"switch", "Explicit switching", 6, "Coroutines"};
}

std::vector<ParameterSpec> SwitchScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("items", "Items", "", 1, 10000000, 200000,
                   "Items the two coroutines compute, taking turns after every item."),
        P::integer("work", "Work per item", "steps", 0, 100000, 10,
                   "Steps of pure computation per item (a multiply and an add each)."),
        timeScaleParameter(),
    };
}

TraceMeta SwitchScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    for (const std::uint32_t lane : {kLaneA, kLaneB}) {
        WorkerInfo info{lane, "coroutine", lane == kLaneA ? "coroutine A" : "coroutine B"};
        info.parent = 0;
        meta.workers.push_back(std::move(info));
    }
    return meta;
}

bool SwitchScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_arena = &arena;
    m_items = std::uint64_t(values.integer("items"));
    m_work = std::uint32_t(values.integer("work"));
    m_shownItemNs = std::uint64_t(double(kShownItemMs) * values.real("time-scale") * 1e6);
    return true;
}

void SwitchScenario::runWorker(WorkerContext &worker)
{
    // Both coroutines run on main's thread; no worker is ever started.
    worker.exit(ExitCause::Normal);
}

std::uint64_t SwitchScenario::runSwitching(std::uint64_t items, std::uint32_t work,
                                           EventRecorder *a, EventRecorder *b,
                                           std::uint64_t shownItemNs)
{
    const auto step = [&](std::uint64_t state) {
        return a ? computeShownItem(state, work, shownItemNs) : computeItem(state, work);
    };
    const std::uint64_t begin = monotonicNs();
    context::fiber first{[&](context::fiber &&caller) {
        if (a)
            a->record(EventKind::Running);
        context::fiber second{[&](context::fiber &&other) {
            std::uint64_t state = 2;
            for (std::uint64_t item = 0;; ++item) {
                state = step(state);
                if (item + 1 == items) {
                    g_sink = state;
                    recordEnd(b);
                    recordSwitch(nullptr, a);
                    // Returning hands the thread back for the last time.
                    return std::move(other);
                }
                recordSwitch(b, a);
                other = std::move(other).resume();
            }
        }};
        std::uint64_t state = 1;
        for (std::uint64_t item = 0; item < items; ++item) {
            state = step(state);
            recordSwitch(a, b);
            second = std::move(second).resume();
        }
        g_sink = state;
        recordEnd(a);
        return std::move(caller);
    }};
    first = std::move(first).resume();
    return monotonicNs() - begin;
}

std::uint64_t SwitchScenario::runCalls(std::uint64_t items, std::uint32_t work)
{
    const std::uint64_t begin = monotonicNs();
    std::uint64_t stateA = 1;
    std::uint64_t stateB = 2;
    for (std::uint64_t item = 0; item < items; ++item) {
        stateA = computeItem(stateA, work);
        stateB = computeItem(stateB, work);
    }
    g_sink = stateA ^ stateB;
    return monotonicNs() - begin;
}

void SwitchScenario::runMain(WorkerContext &main, RunServices &)
{
    if (!main.runFree())
        return main.exit(main.stopCause());
    EventRecorder a(m_arena->ring(kLaneA), kLaneA);
    EventRecorder b(m_arena->ring(kLaneB), kLaneB);
    for (EventRecorder *lane : {&a, &b}) {
        lane->record(EventKind::WorkerNew, 0, 0, 0, 2);
        lane->record(EventKind::Ready);
    }
    const auto shown = std::min<std::uint64_t>(m_items, kShownItems);
    runSwitching(shown, m_work, &a, &b, m_shownItemNs);
    main.print("recorded " + std::to_string(shown) + " items' turns, " +
               std::to_string(m_shownItemNs / 1000) + " us of work each; now timing " +
               std::to_string(m_items) + " items unrecorded");

    std::uint64_t bestSwitching = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t bestCalls = std::numeric_limits<std::uint64_t>::max();
    // A pass is timed in chunks of a few milliseconds of work, so that Stop is seen between
    // two of them; a chunk's two fibers cost a microsecond or so to make, next to millions of
    // steps.
    const std::uint64_t chunk =
        std::clamp<std::uint64_t>(kStepsPerChunk / (std::uint64_t(m_work) + 1), 1, m_items);
    const auto timed = [&](auto &&runItems, std::uint64_t &best) {
        std::uint64_t total = 0;
        for (std::uint64_t done = 0; done < m_items; done += chunk) {
            if (main.shouldStop())
                return false;
            total += runItems(std::min(chunk, m_items - done));
        }
        best = std::min(best, total);
        return true;
    };
    for (int pass = 0; pass < kPasses; ++pass) {
        const bool whole =
            timed([&](std::uint64_t items) { return runCalls(items, m_work); }, bestCalls) &&
            timed(
                [&](std::uint64_t items) {
                    return runSwitching(items, m_work, nullptr, nullptr, 0);
                },
                bestSwitching);
        if (!whole)
            return main.exit(main.stopCause());
    }
    // Two steps per item either way: a's and b's.
    m_switchNs = double(bestSwitching) / double(2 * m_items);
    m_callNs = double(bestCalls) / double(2 * m_items);
    char line[160];
    std::snprintf(line, sizeof line, "per step: %.1f ns ending in a switch, %.1f ns as a call",
                  m_switchNs, m_callNs);
    main.print(line);
    main.exit(ExitCause::Normal);
}

std::vector<std::pair<std::string, std::int64_t>> SwitchScenario::figures(const Trace &) const
{
    return {
        {"switch_ns", std::int64_t(std::llround(m_switchNs))},
        {"call_ns", std::int64_t(std::llround(m_callNs))},
    };
}

void SwitchScenario::writeSummary(JsonWriter &json, const Trace &) const
{
    json.key("switch_vs_call").value(m_callNs > 0 ? m_switchNs / m_callNs : 0.0);
}

} // namespace conlab
