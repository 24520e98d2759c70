#pragma once

#include <pthread.h>

namespace conlab {

// A mutex that works between processes and survives its owner being killed: robust and
// process-shared, so a worker killed with kill -9 inside a critical section does not hang
// everybody else. Lives in the arena.
class ProcessMutex
{
public:
    ProcessMutex();
    ~ProcessMutex();
    ProcessMutex(const ProcessMutex &) = delete;
    ProcessMutex &operator=(const ProcessMutex &) = delete;

    void lock();
    void unlock();

private:
    pthread_mutex_t m_mutex;
};

class ProcessMutexLocker
{
public:
    explicit ProcessMutexLocker(ProcessMutex &mutex) : m_mutex(mutex) { m_mutex.lock(); }
    ~ProcessMutexLocker()
    {
        if (m_locked)
            m_mutex.unlock();
    }
    void unlock()
    {
        m_mutex.unlock();
        m_locked = false;
    }
    void relock()
    {
        m_mutex.lock();
        m_locked = true;
    }

private:
    ProcessMutex &m_mutex;
    bool m_locked = true;
};

} // namespace conlab
