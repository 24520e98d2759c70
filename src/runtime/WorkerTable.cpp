#include "WorkerTable.h"

#include "Futex.h"

namespace conlab {

void WorkerTable::markTerminated(std::uint32_t worker)
{
    futexBumpAndWake(m_slots[worker].terminated);
}

void WorkerTable::cancel(std::uint32_t worker)
{
    futexBumpAndWake(m_slots[worker].cancel);
}

void WorkerTable::abortWait(std::uint32_t worker)
{
    m_slots[worker].abortWait.store(1, std::memory_order_release);
}

bool WorkerTable::takeAbortWait(std::uint32_t worker)
{
    return m_slots[worker].abortWait.exchange(0, std::memory_order_acq_rel) != 0;
}

} // namespace conlab
