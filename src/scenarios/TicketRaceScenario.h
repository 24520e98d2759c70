#pragma once

#include "Scenario.h"

#include <cstdint>

namespace conlab {

class InstrumentedMutex;
class SharedCell;

// Buyers check the ticket stock, then buy: read the stock, wait for the "network", write back
// one less. With no lock, buyers who read the same last ticket all buy it: oversold. A lock
// around the buy fixes it; around check and buy it also serialises the checks.
class TicketRaceScenario : public Scenario
{
public:
    static constexpr std::uint32_t kTicketsId = 1;
    static constexpr std::uint32_t kSoldId = 2;
    static constexpr std::uint32_t kLockId = 3;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    bool buy(WorkerContext &worker);

    SharedCell *m_tickets = nullptr;
    SharedCell *m_sold = nullptr;
    InstrumentedMutex *m_lock = nullptr;
    std::uint32_t m_buyers = 0;
    std::uint64_t m_delayNs = 0;
    std::string m_lockMode;
};

} // namespace conlab
