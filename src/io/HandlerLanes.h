#pragma once

#include "trace/Event.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace conlab {

class WorkerContext;

// Lanes for the threads or processes a server creates as it goes: one per connection, or its
// pool. The runtime starts a thread for every lane when the run starts; that thread hosts the
// lane (host()) until a handler takes it over (claim()), then waits, recording nothing, until
// the handler has ended the lane. So a lane shows its handler's own thread or forked process
// (its WorkerStarted carries the handler's ids) from the moment the handler exists, and the
// lane count stays fixed however many handlers there are: handlers beyond it run unlaned.
//
// A forked handler uses the copy of the host's WorkerContext it inherited; the context's
// state lives in the shared arena, so its events land on the lane like a thread's.
class HandlerLanes
{
public:
    explicit HandlerLanes(std::vector<std::uint32_t> workers);
    ~HandlerLanes();
    HandlerLanes(const HandlerLanes &) = delete;
    HandlerLanes &operator=(const HandlerLanes &) = delete;

    std::size_t size() const { return m_slots.size(); }
    // Runs on the lane's runtime thread; returns once the lane has ended: by its handler, or
    // here when no handler came (closed, or the run stopped first).
    void host(WorkerContext &context);
    // Waits until every lane is hosted, so claim() finds them all. False on timeout.
    bool waitHosted(std::uint64_t timeoutNs) const;
    // A free lane for a handler about to be created, or nullptr when none is left.
    WorkerContext *claim();
    // The handler on `context` has ended its lane itself (recorded its Terminated).
    void ended(WorkerContext *context);
    // The handler on `context` never ran or died without ending its lane: the host ends it.
    void abandon(WorkerContext *context, ExitCause cause, std::int64_t arg);
    // No more handlers will come: free lanes end now.
    void close();
    // Lanes handed to handlers so far.
    std::size_t taken() const { return m_taken.load(); }

private:
    struct Slot;
    Slot *slotOf(const WorkerContext *context) const;

    std::vector<std::unique_ptr<Slot>> m_slots;
    std::atomic<bool> m_closed{false};
    std::atomic<std::size_t> m_taken{0};
};

} // namespace conlab
