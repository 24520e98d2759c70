#include "WorkerLauncher.h"

#include "runtime/WorkerContext.h"

#include <algorithm>

namespace conlab {

WorkerLauncher::WorkerLauncher(WorkerContext &main, RunServices &services, const TraceMeta &meta,
                               StartMethod method)
    : m_main(main), m_services(services), m_meta(meta), m_method(method)
{
}

bool WorkerLauncher::start(std::uint32_t worker, bool daemon)
{
    if (!m_main.runFree())
        return false;
    m_main.print("main: start " + name(worker) + (daemon ? " (daemon)" : ""));
    if (daemon)
        m_daemons.push_back(worker);
    if (!m_services.startWorker(worker, m_method))
        return false;
    m_started.push_back(worker);
    return true;
}

bool WorkerLauncher::join(std::uint32_t worker, const std::string &who)
{
    if (!m_main.runFree())
        return false;
    m_main.print(who + ": join " + name(worker));
    if (!m_main.join(worker) || !m_main.runFree())
        return false;
    m_joined.push_back(worker);
    m_main.print(who + ": " + name(worker) + " joined");
    return true;
}

int WorkerLauncher::endDaemons()
{
    int ended = 0;
    for (const std::uint32_t worker : m_daemons) {
        if (std::find(m_started.begin(), m_started.end(), worker) == m_started.end() ||
            !m_services.isAlive(worker))
            continue;
        m_main.print("exit: daemon " + name(worker) + " is still running; it ends with main");
        m_services.endDaemon(worker);
        ++ended;
    }
    return ended;
}

bool WorkerLauncher::isDaemon(std::uint32_t worker) const
{
    return std::find(m_daemons.begin(), m_daemons.end(), worker) != m_daemons.end();
}

} // namespace conlab
