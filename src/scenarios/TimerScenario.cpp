#include "TimerScenario.h"

#include "ScenarioParameters.h"
#include "runtime/WorkerContext.h"

#include <cstdio>
#include <string>

namespace conlab {

Scenario::Info TimerScenario::info() const
{
    return {"timer", "Timer", 2, "Synchronisation"};
}

std::vector<ParameterSpec> TimerScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("delay", "Run after", "ms", 0, 10000, 1000, "When the callback is due."),
        P::integer("work", "Callback work", "ms", 1, 5000, 200, "CPU work the callback does."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta TimerScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.workers.push_back({1, "timer", "timer"});
    return meta;
}

bool TimerScenario::setup(Arena &, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_delayNs = std::uint64_t(values.real("delay") * scale);
    m_workNs = std::uint64_t(values.real("work") * scale);
    return true;
}

void TimerScenario::runWorker(WorkerContext &worker)
{
    // The two instants the lesson is about: armed, and due (the sleep's end, when the kernel
    // woke the timer); the callback runs once it then gets a CPU.
    char delay[32];
    std::snprintf(delay, sizeof delay, m_delayNs % 1000000 ? "%.1f" : "%.0f", m_delayNs / 1e6);
    worker.print(std::string("timer armed, due in ") + delay + " ms");
    if (!worker.sleep(m_delayNs))
        return worker.exit(worker.stopCause());
    worker.print(std::string("due: ") + delay + " ms are up, the callback is ready to run");
    if (!worker.compute(m_workNs))
        return worker.exit(worker.stopCause());
    worker.exit(ExitCause::Normal);
}

void TimerScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, 1);
}

std::vector<std::pair<std::string, std::int64_t>> TimerScenario::figures(const Trace &trace) const
{
    // From the timer's start (its sleep) to the callback's first moment on a CPU.
    std::uint64_t armed = 0;
    std::uint64_t fired = 0;
    for (const Event &e : trace.events) {
        if (e.worker != 1)
            continue;
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Sleep && !armed)
            armed = e.timeNs;
        else if (e.kind == EventKind::Running && armed && !fired)
            fired = e.timeNs;
    }
    return {{"fired_after_ns", fired && armed ? std::int64_t(fired - armed) : -1}};
}

} // namespace conlab
