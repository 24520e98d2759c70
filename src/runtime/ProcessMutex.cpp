#include "ProcessMutex.h"

#include <cerrno>

namespace conlab {

ProcessMutex::ProcessMutex()
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&m_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

ProcessMutex::~ProcessMutex()
{
    pthread_mutex_destroy(&m_mutex);
}

void ProcessMutex::lock()
{
    // The previous owner died inside the critical section. Our structures update their
    // indices last, so the data is usable as it stands: mark it consistent and carry on.
    if (pthread_mutex_lock(&m_mutex) == EOWNERDEAD)
        pthread_mutex_consistent(&m_mutex);
}

void ProcessMutex::unlock()
{
    pthread_mutex_unlock(&m_mutex);
}

} // namespace conlab
