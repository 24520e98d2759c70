#include "TicketRaceScenario.h"

#include "ScenarioParameters.h"
#include "runtime/InstrumentedMutex.h"
#include "runtime/SharedCell.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"

#include <algorithm>

namespace conlab {

Scenario::Info TicketRaceScenario::info() const
{
    return {"ticket-race", "Ticket race", 2, "Synchronisation"};
}

std::vector<ParameterSpec> TicketRaceScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("buyers", "Buyers", "", 1, 50, 5, "Workers that each try to buy a ticket."),
        P::integer("tickets", "Tickets", "", 0, 100, 1, "Tickets in stock at the start."),
        P::integer("delay", "Network delay", "ms", 0, 5000, 100,
                   "The pause between reading the stock and writing it back."),
        P::choice("lock", "Lock", {"none", "buy", "check-and-buy"},
                  {"no lock", "around buy", "around check and buy"},
                  "Which part of a purchase holds the ticket lock."),
        cpusParameter(),
        timeScaleParameter(),
    };
}

TraceMeta TicketRaceScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto buyers = std::uint32_t(values.integer("buyers"));
    for (std::uint32_t i = 1; i <= buyers; ++i)
        meta.workers.push_back({i, "buyer", "buyer-" + std::to_string(i)});
    meta.objects.push_back({kTicketsId, "cell", values.integer("tickets"), "tickets"});
    meta.objects.push_back({kSoldId, "cell", 0, "sold"});
    meta.objects.push_back({kLockId, "lock", 1, "ticket lock"});
    return meta;
}

bool TicketRaceScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_buyers = std::uint32_t(values.integer("buyers"));
    m_delayNs = std::uint64_t(values.real("delay") * values.real("time-scale") * 1e6);
    m_lockMode = values.text("lock");
    m_tickets = arena.make<SharedCell>(kTicketsId, values.integer("tickets"));
    m_sold = arena.make<SharedCell>(kSoldId, 0);
    m_lock = arena.make<InstrumentedMutex>(kLockId, InstrumentedMutex::Kind::Plain);
    return m_tickets && m_sold && m_lock;
}

bool TicketRaceScenario::buy(WorkerContext &worker)
{
    const std::int64_t stock = m_tickets->read(worker);
    if (!worker.sleep(m_delayNs) || !worker.compute(0))
        return false;
    // Decides on what it read before the delay, which is exactly the bug without a lock.
    if (stock > 0) {
        m_tickets->write(worker, stock - 1);
        m_sold->add(worker, 1);
    }
    return true;
}

void TicketRaceScenario::runWorker(WorkerContext &worker)
{
    const bool lockAll = m_lockMode == "check-and-buy";
    const bool lockBuy = m_lockMode == "buy";
    // A start line: spawning processes one by one on a busy machine could otherwise space
    // the buyers out further than the delay, and the race would not happen.
    if (!worker.waitForStart(m_buyers + 1) || !worker.compute(0))
        return worker.exit(worker.stopCause());
    if (lockAll && m_lock->lock(worker) != InstrumentedMutex::Result::Acquired)
        return worker.exit(worker.stopCause());
    // The check: look at the stock, as a buyer browsing the site does.
    m_tickets->read(worker);
    if (!worker.sleep(m_delayNs / 2) || !worker.compute(0))
        return worker.exit(worker.stopCause());
    if (lockBuy && m_lock->lock(worker) != InstrumentedMutex::Result::Acquired)
        return worker.exit(worker.stopCause());
    if (!buy(worker))
        return worker.exit(worker.stopCause());
    if (lockAll || lockBuy)
        m_lock->unlock(worker);
    worker.exit(ExitCause::Normal);
}

void TicketRaceScenario::runMain(WorkerContext &main, RunServices &)
{
    joinWorkersThenExit(main, m_buyers);
}

std::vector<std::pair<std::string, std::int64_t>>
TicketRaceScenario::figures(const Trace &trace) const
{
    const auto tickets = std::int64_t(std::stoll(trace.meta.param("tickets")));
    std::int64_t sold = 0;
    std::int64_t left = tickets;
    for (const Event &e : trace.events) {
        if (e.kind != EventKind::CellWritten)
            continue;
        if (e.object == kSoldId)
            sold = std::max(sold, e.arg);
        else if (e.object == kTicketsId)
            left = e.arg;
    }
    return {{"sold", sold},
            {"oversold", std::max<std::int64_t>(0, sold - tickets)},
            {"tickets_left", left}};
}

} // namespace conlab
