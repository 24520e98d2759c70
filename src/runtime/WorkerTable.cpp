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

} // namespace conlab
