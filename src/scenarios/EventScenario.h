#pragma once

#include "Scenario.h"

namespace conlab {

class SharedEvent;

// Waiters wait for an event with a timeout and retry a few times; a checker sets the event
// after a delay. Those still retrying when it is set are released at once; those whose
// retries ran out first give up.
class EventScenario : public Scenario
{
public:
    static constexpr std::uint32_t kEventId = 1;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    SharedEvent *m_event = nullptr;
    std::uint32_t m_waiters = 0;
    std::uint32_t m_retries = 0;
    std::uint64_t m_delayNs = 0;
    std::uint64_t m_timeoutNs = 0;
};

} // namespace conlab
