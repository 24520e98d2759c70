#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class InstrumentedMutex;
class WorkerContext;

// Taking two locks under one of the catalogue's remedies. "none" and "victim" take them in
// the caller's order and wait for ever (under "victim" the runner fails one waiter's wait
// when a cycle closes); "order" sorts them by id first; "try-lock" gives up the second after
// a timeout; "reentrant" means both names are one reentrant lock, taken twice.
class DeadlockRemedy
{
public:
    enum class Kind { None, Reentrant, Order, TryLock, Victim };
    enum class Result { Acquired, Stopped };

    static Kind parse(const std::string &name);
    // The `remedy` parameter's values and their labels, in the catalogue's order.
    static std::vector<std::string> names();
    static std::vector<std::string> labels();

    DeadlockRemedy(Kind kind, std::uint64_t timeoutNs, std::uint64_t backoffNs);

    // Takes both, retrying after a failed second wait; the pause between the two acquires is
    // the window in which another worker can take the second.
    Result acquireBoth(WorkerContext &worker, InstrumentedMutex &first, InstrumentedMutex &second,
                       std::uint64_t pauseNs);
    void releaseBoth(WorkerContext &worker, InstrumentedMutex &first, InstrumentedMutex &second);

    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
    std::uint64_t m_timeoutNs;
    std::uint64_t m_backoffNs;
};

} // namespace conlab
