#pragma once

#include "trace/Event.h"

#include <cstdint>
#include <map>
#include <vector>

namespace conlab {

// Who holds which lock and who waits for which, at one instant, built by replaying lock
// events. A worker waits for at most one lock and a lock has at most one owner, so following
// "waits for lock L, held by worker W" from any worker either ends or runs into a cycle:
// a deadlock. A plain lock its own owner waits for is a cycle of one.
class WaitForGraph
{
public:
    struct Cycle
    {
        // Alternating: workers[i] holds locks[i - 1] (cyclically) and waits for locks[i].
        std::vector<std::uint32_t> workers;
        std::vector<std::uint32_t> locks;
        std::uint64_t formedNs = 0; // when the last edge of the cycle appeared
    };

    // Applies one event; non-lock events are ignored. Events must come in time order.
    void apply(const Event &event);
    void apply(const std::vector<Event> &events);
    void clear();

    // Lock -> owner, and worker -> the lock it waits for.
    const std::map<std::uint32_t, std::uint32_t> &holders() const { return m_owner; }
    const std::map<std::uint32_t, std::uint32_t> &waits() const { return m_waitsFor; }
    std::vector<std::uint32_t> locksHeldBy(std::uint32_t worker) const;

    // Every cycle present now, each once, in a stable order (by its smallest worker id).
    std::vector<Cycle> cycles() const;

private:
    std::map<std::uint32_t, std::uint32_t> m_owner;
    std::map<std::uint32_t, std::uint32_t> m_depth;
    std::map<std::uint32_t, std::uint32_t> m_waitsFor;
    std::map<std::uint32_t, std::uint64_t> m_waitSince;
};

} // namespace conlab
