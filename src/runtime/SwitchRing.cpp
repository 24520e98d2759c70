#include "SwitchRing.h"

#include <cstring>
#include <linux/perf_event.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace conlab {

SwitchRing::SwitchRing(pid_t tid)
{
    perf_event_attr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_DUMMY;
    attr.context_switch = 1;
    // Asked of an unprivileged user where kernel profiling is not allowed (paranoid 2).
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    m_fd = int(syscall(SYS_perf_event_open, &attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC));
    if (m_fd < 0)
        return;
    // The control page and one page of records: a switch record is 8 bytes, and the ring is
    // freed at every mark.
    const long page = sysconf(_SC_PAGESIZE);
    m_length = std::size_t(2 * page);
    void *mapped = mmap(nullptr, m_length, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
    if (mapped == MAP_FAILED) {
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    m_page = mapped;
}

SwitchRing::~SwitchRing()
{
    if (m_page)
        munmap(m_page, m_length);
    if (m_fd >= 0)
        ::close(m_fd);
}

std::uint64_t SwitchRing::mark()
{
    if (!m_page)
        return 0;
    auto *control = static_cast<perf_event_mmap_page *>(m_page);
    const std::uint64_t head = __atomic_load_n(&control->data_head, __ATOMIC_ACQUIRE);
    __atomic_store_n(&control->data_tail, head, __ATOMIC_RELEASE);
    return head;
}

bool SwitchRing::switchedSince(std::uint64_t mark) const
{
    if (!m_page)
        return true;
    const auto *control = static_cast<const perf_event_mmap_page *>(m_page);
    return __atomic_load_n(&control->data_head, __ATOMIC_ACQUIRE) != mark;
}

} // namespace conlab
