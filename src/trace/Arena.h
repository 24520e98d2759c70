#pragma once

#include "EventRing.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>

namespace conlab {

// The start of every arena: what a worker process needs to find its ring and the run's flags.
struct ArenaHeader
{
    std::uint64_t magic = 0;
    std::uint32_t version = 0;
    std::uint32_t workerCount = 0; // rings 0..workerCount-1 belong to workers
    std::uint32_t ringCapacity = 0;
    std::uint32_t clock = 0; // a ClockKind: how workers stamp events into the rings
    std::uint64_t startNs = 0;
    std::uint64_t totalBytes = 0;
    // Non-zero once the run must end (the value says why); every wait re-checks it.
    std::atomic<std::uint32_t> stop{0};
    // Bumped (and futex-woken) by a worker whose ring has just become half full, so that the
    // collector drains at once instead of at its next period.
    std::atomic<std::uint32_t> doorbell{0};
};

// One shared-memory region per run. It lives in an anonymous memfd, so nothing is ever left
// in /dev/shm: the memory is gone when the last process holding the fd or a mapping exits.
// Worker processes receive the fd across exec and attach to it.
class Arena
{
public:
    struct Layout
    {
        std::uint32_t workerCount = 1;
        std::uint32_t ringCapacity = 8192; // events per ring, a power of two
        std::size_t objectBytes = 64 * 1024;
    };

    static std::unique_ptr<Arena> create(const Layout &layout, std::string *error);
    static std::unique_ptr<Arena> attach(int fd, std::string *error);
    ~Arena();
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    int fd() const { return m_fd; }
    bool isCreator() const { return m_creator; }
    ArenaHeader &header() { return *static_cast<ArenaHeader *>(m_base); }
    std::size_t size() const { return m_size; }

    // Ring `workerCount()` is the control ring, written only by the runner's control thread.
    EventRing *ring(std::uint32_t index);
    std::uint32_t workerCount() { return header().workerCount; }
    EventRing *controlRing() { return ring(workerCount()); }

    // Shared objects are placed by a deterministic bump allocator: the creator and every
    // attached process call make() in the same order and get the same offsets. The creator
    // constructs; an attached process only finds the object.
    void *allocate(std::size_t bytes, std::size_t align = 64);
    template <class T, class... Args> T *make(Args &&...args)
    {
        void *memory = allocate(sizeof(T), alignof(T) > 64 ? alignof(T) : 64);
        if (!memory)
            return nullptr;
        if (m_creator)
            return new (memory) T(std::forward<Args>(args)...);
        return std::launder(static_cast<T *>(memory));
    }

    bool stopRequested() { return header().stop.load(std::memory_order_acquire) != 0; }

private:
    Arena() = default;
    std::size_t ringStride() const;

    int m_fd = -1;
    void *m_base = nullptr;
    std::size_t m_size = 0;
    std::size_t m_objectsOffset = 0;
    std::size_t m_cursor = 0;
    bool m_creator = false;
};

} // namespace conlab
