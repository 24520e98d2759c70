#include "HandlerLanes.h"

#include "runtime/Futex.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

namespace conlab {

namespace {
enum State : std::uint32_t { kEmpty, kHosted, kTaken, kEnded, kAbandoned, kClosed };
constexpr int kSliceMs = 20;
} // namespace

struct HandlerLanes::Slot
{
    std::uint32_t worker = 0;
    std::atomic<WorkerContext *> context{nullptr};
    std::atomic<std::uint32_t> state{kEmpty};
    ExitCause cause = ExitCause::Normal; // for kAbandoned, written before the state
    std::int64_t arg = 0;
};

HandlerLanes::HandlerLanes(std::vector<std::uint32_t> workers)
{
    for (const std::uint32_t worker : workers) {
        m_slots.push_back(std::make_unique<Slot>());
        m_slots.back()->worker = worker;
    }
}

HandlerLanes::~HandlerLanes() = default;

HandlerLanes::Slot *HandlerLanes::slotOf(const WorkerContext *context) const
{
    for (const auto &slot : m_slots)
        if (slot->context.load() == context)
            return slot.get();
    return nullptr;
}

void HandlerLanes::host(WorkerContext &context)
{
    Slot *slot = nullptr;
    for (const auto &candidate : m_slots)
        if (candidate->worker == context.id())
            slot = candidate.get();
    if (!slot) {
        context.exit(ExitCause::Failed, -1);
        return;
    }
    slot->context.store(&context);
    std::uint32_t expected = kEmpty;
    slot->state.compare_exchange_strong(expected, kHosted);
    futexWakeAll(slot->state);
    for (;;) {
        std::uint32_t state = slot->state.load(std::memory_order_acquire);
        if (state == kHosted && (m_closed.load() || context.shouldStop())) {
            // Nobody took it: end the lane here, unless a claim wins the race.
            if (slot->state.compare_exchange_strong(state, kClosed)) {
                context.exit(context.shouldStop() ? context.stopCause() : ExitCause::Normal);
                return;
            }
            continue;
        }
        if (state == kEnded)
            return;
        if (state == kAbandoned) {
            context.exit(slot->cause, slot->arg);
            return;
        }
        // Taken: the handler owns the lane and the context until it says it is done, and the
        // server guarantees that (it shuts every connection down when it stops).
        futexWait(slot->state, state, kSliceMs);
    }
}

bool HandlerLanes::waitHosted(std::uint64_t timeoutNs) const
{
    const std::uint64_t deadline = monotonicNs() + timeoutNs;
    for (const auto &slot : m_slots) {
        for (;;) {
            const std::uint32_t state = slot->state.load(std::memory_order_acquire);
            if (state != kEmpty)
                break;
            if (monotonicNs() >= deadline)
                return false;
            futexWait(slot->state, state, kSliceMs);
        }
    }
    return true;
}

WorkerContext *HandlerLanes::claim()
{
    if (m_closed.load())
        return nullptr;
    for (const auto &slot : m_slots) {
        std::uint32_t expected = kHosted;
        if (slot->state.compare_exchange_strong(expected, kTaken)) {
            m_taken.fetch_add(1);
            return slot->context.load();
        }
    }
    return nullptr;
}

void HandlerLanes::ended(WorkerContext *context)
{
    Slot *slot = slotOf(context);
    if (!slot)
        return;
    slot->state.store(kEnded, std::memory_order_release);
    futexWakeAll(slot->state);
}

void HandlerLanes::abandon(WorkerContext *context, ExitCause cause, std::int64_t arg)
{
    Slot *slot = slotOf(context);
    if (!slot)
        return;
    slot->cause = cause;
    slot->arg = arg;
    slot->state.store(kAbandoned, std::memory_order_release);
    futexWakeAll(slot->state);
}

void HandlerLanes::close()
{
    m_closed.store(true);
    for (const auto &slot : m_slots)
        futexWakeAll(slot->state);
}

} // namespace conlab
