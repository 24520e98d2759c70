#include "SharedCell.h"

#include "WorkerContext.h"

namespace conlab {

std::int64_t SharedCell::read(WorkerContext &worker)
{
    const std::int64_t value = m_value.load(std::memory_order_acquire);
    worker.recorder().record(EventKind::CellRead, 0, m_id, 0, value);
    return value;
}

void SharedCell::write(WorkerContext &worker, std::int64_t value)
{
    m_value.store(value, std::memory_order_release);
    worker.recorder().record(EventKind::CellWritten, 0, m_id, 0, value);
}

std::int64_t SharedCell::add(WorkerContext &worker, std::int64_t delta)
{
    const std::int64_t value = m_value.fetch_add(delta, std::memory_order_acq_rel) + delta;
    worker.recorder().record(EventKind::CellWritten, kCellAdd, m_id, std::uint32_t(delta), value);
    return value;
}

} // namespace conlab
