#include "IoLane.h"

#include "runtime/WorkerContext.h"

namespace conlab {

bool IoLane::run()
{
    return !m_context || m_context->compute(0);
}

void IoLane::block()
{
    if (!m_context || m_blocked)
        return;
    m_context->block(BlockReason::Io, m_object);
    m_blocked = true;
}

bool IoLane::woken()
{
    if (!m_context)
        return true;
    if (m_blocked) {
        m_context->recorder().record(EventKind::IoNotified, 0, m_object);
        m_blocked = false;
    }
    return m_context->compute(0);
}

bool IoLane::shouldStop() const
{
    return m_context && m_context->shouldStop();
}

void IoLane::finish()
{
    if (!m_context)
        return;
    m_context->exit(m_context->shouldStop() ? m_context->stopCause() : ExitCause::Normal);
}

void IoLane::fail(std::int64_t code)
{
    if (m_context)
        m_context->exit(ExitCause::Failed, code);
}

} // namespace conlab
