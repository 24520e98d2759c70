#include "EventScenario.h"

#include "ScenarioParameters.h"
#include "runtime/SharedEvent.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

namespace conlab {

Scenario::Info EventScenario::info() const
{
    return {"event", "Event with timeout and retries", 2, "Synchronisation"};
}

std::vector<ParameterSpec> EventScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("waiters", "Waiters", "", 1, 16, 3, "Workers waiting for the event."),
        P::integer("delay", "Set after", "ms", 0, 10000, 800, "When the checker sets the event."),
        P::integer("timeout", "Wait timeout", "ms", 1, 10000, 300,
                   "How long one wait lasts before the waiter tries again."),
        P::integer("retries", "Attempts", "", 1, 20, 3,
                   "How many timed waits a waiter makes before giving up."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta EventScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto waiters = std::uint32_t(values.integer("waiters"));
    for (std::uint32_t i = 1; i <= waiters; ++i)
        meta.workers.push_back({i, "waiter", "waiter-" + std::to_string(i)});
    meta.workers.push_back({waiters + 1, "checker", "checker"});
    meta.objects.push_back({kEventId, "event", 0, "ready"});
    return meta;
}

bool EventScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_waiters = std::uint32_t(values.integer("waiters"));
    m_retries = std::uint32_t(values.integer("retries"));
    m_delayNs = std::uint64_t(values.real("delay") * scale);
    m_timeoutNs = std::uint64_t(values.real("timeout") * scale);
    m_event = arena.make<SharedEvent>(kEventId);
    return m_event;
}

void EventScenario::runWorker(WorkerContext &worker)
{
    if (!worker.waitForStart(m_waiters + 2))
        return worker.exit(worker.stopCause());
    if (worker.id() == m_waiters + 1) {
        // The checker: waits, then says "ready".
        if (!worker.sleep(m_delayNs) || !worker.compute(0))
            return worker.exit(worker.stopCause());
        m_event->set(worker);
        worker.print("event set");
        return worker.exit(ExitCause::Normal);
    }
    // Each attempt's end is printed, so the lanes show every timeout against the one set.
    const std::string of = "/" + std::to_string(m_retries);
    for (std::uint32_t attempt = 1; attempt <= m_retries; ++attempt) {
        if (!worker.compute(0))
            return worker.exit(worker.stopCause());
        const auto result = m_event->wait(worker, m_timeoutNs);
        if (result == SharedEvent::Result::Stopped)
            return worker.exit(worker.stopCause());
        if (result == SharedEvent::Result::Set) {
            worker.print("released by the set, attempt " + std::to_string(attempt) + of);
            return worker.exit(ExitCause::Normal);
        }
        worker.print("timed out, attempt " + std::to_string(attempt) + of);
    }
    worker.exit(ExitCause::GaveUp); // its lane ends "gave up waiting", not "finished"
}

void EventScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_waiters + 1);
}

std::vector<std::pair<std::string, std::int64_t>> EventScenario::figures(const Trace &trace) const
{
    std::uint64_t setAt = 0;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::EventSet && (setAt == 0 || e.timeNs < setAt))
            setAt = e.timeNs;
    std::int64_t released = 0;
    std::int64_t early = 0;
    std::int64_t timeouts = 0;
    for (const Event &e : trace.events) {
        if (e.kind != EventKind::EventWaitEnded)
            continue;
        if (e.value == 1) {
            ++released;
            if (setAt == 0 || e.timeNs < setAt)
                ++early;
        } else {
            ++timeouts;
        }
    }
    const auto waiters = std::int64_t(std::stoll(trace.meta.param("waiters")));
    return {{"released", released},
            {"released_before_set", early},
            {"timeouts", timeouts},
            {"gave_up", waiters - released}};
}

} // namespace conlab
