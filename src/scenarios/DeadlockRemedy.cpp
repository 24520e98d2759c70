#include "DeadlockRemedy.h"

#include "runtime/InstrumentedMutex.h"
#include "runtime/WorkerContext.h"

namespace conlab {

DeadlockRemedy::Kind DeadlockRemedy::parse(const std::string &name)
{
    if (name == "reentrant")
        return Kind::Reentrant;
    if (name == "order")
        return Kind::Order;
    if (name == "try-lock")
        return Kind::TryLock;
    if (name == "victim")
        return Kind::Victim;
    return Kind::None;
}

std::vector<std::string> DeadlockRemedy::names()
{
    return {"none", "reentrant", "order", "try-lock", "victim"};
}

std::vector<std::string> DeadlockRemedy::labels()
{
    return {"none", "one reentrant lock", "global lock order", "try-lock with timeout",
            "detect and abort a victim"};
}

DeadlockRemedy::DeadlockRemedy(Kind kind, std::uint64_t timeoutNs, std::uint64_t backoffNs)
    : m_kind(kind), m_timeoutNs(timeoutNs), m_backoffNs(backoffNs)
{
}

DeadlockRemedy::Result DeadlockRemedy::acquireBoth(WorkerContext &worker, InstrumentedMutex &first,
                                                   InstrumentedMutex &second, std::uint64_t pauseNs)
{
    InstrumentedMutex *a = &first;
    InstrumentedMutex *b = &second;
    if (m_kind == Kind::Order && b->id() < a->id())
        std::swap(a, b);
    for (unsigned attempt = 0;; ++attempt) {
        if (a->lock(worker) != InstrumentedMutex::Result::Acquired)
            return Result::Stopped;
        if (!worker.sleep(pauseNs))
            return Result::Stopped;
        const std::uint64_t timeout = m_kind == Kind::TryLock ? m_timeoutNs : 0;
        const auto got = b->lock(worker, timeout);
        if (got == InstrumentedMutex::Result::Acquired)
            return Result::Acquired;
        if (got == InstrumentedMutex::Result::Stopped)
            return Result::Stopped;
        // Timed out or chosen as the victim: give back what we hold so the others can go
        // on, then back off for a time that differs per worker so the retry doesn't collide
        // in lockstep again.
        a->unlock(worker);
        if (!worker.sleep(m_backoffNs * (1 + worker.id() % 3) * (1 + attempt % 2)))
            return Result::Stopped;
    }
}

void DeadlockRemedy::releaseBoth(WorkerContext &worker, InstrumentedMutex &first,
                                 InstrumentedMutex &second)
{
    second.unlock(worker);
    first.unlock(worker);
}

} // namespace conlab
