#include "Arena.h"

#include "Clock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace conlab {

namespace {
constexpr std::uint64_t kMagic = 0x414e455241424c43ull; // "CLBARENA"
constexpr std::uint32_t kVersion = 3;

std::size_t roundUp(std::size_t value, std::size_t align)
{
    return (value + align - 1) / align * align;
}

std::string systemError(const char *what)
{
    return std::string(what) + ": " + std::strerror(errno);
}
} // namespace

std::size_t Arena::ringStride() const
{
    return roundUp(EventRing::bytesFor(const_cast<Arena *>(this)->header().ringCapacity), 4096);
}

std::unique_ptr<Arena> Arena::create(const Layout &layout, std::string *error)
{
    if (layout.ringCapacity == 0 || (layout.ringCapacity & (layout.ringCapacity - 1)) != 0) {
        if (error)
            *error = "ring capacity must be a power of two";
        return nullptr;
    }
    const std::size_t headerBytes = 4096;
    const std::size_t stride = roundUp(EventRing::bytesFor(layout.ringCapacity), 4096);
    const std::size_t ringsBytes = stride * (layout.workerCount + 1);
    const std::size_t total = headerBytes + ringsBytes + roundUp(layout.objectBytes, 4096);

    // Close-on-exec: only the worker processes we spawn get the fd, explicitly.
    const int fd = memfd_create("conlab-arena", MFD_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = systemError("memfd_create");
        return nullptr;
    }
    if (ftruncate(fd, off_t(total)) != 0) {
        if (error)
            *error = systemError("ftruncate arena");
        close(fd);
        return nullptr;
    }
    void *base = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        if (error)
            *error = systemError("mmap arena");
        close(fd);
        return nullptr;
    }
    std::unique_ptr<Arena> arena(new Arena);
    arena->m_fd = fd;
    arena->m_base = base;
    arena->m_size = total;
    arena->m_creator = true;
    auto *header = new (base) ArenaHeader;
    header->magic = kMagic;
    header->version = kVersion;
    header->workerCount = layout.workerCount;
    header->ringCapacity = layout.ringCapacity;
    header->startNs = monotonicNs();
    header->totalBytes = total;
    for (std::uint32_t i = 0; i <= layout.workerCount; ++i)
        EventRing::create(static_cast<char *>(base) + headerBytes + stride * i, layout.ringCapacity,
                          &header->doorbell);
    arena->m_objectsOffset = headerBytes + ringsBytes;
    arena->m_cursor = arena->m_objectsOffset;
    return arena;
}

std::unique_ptr<Arena> Arena::attach(int fd, std::string *error)
{
    struct stat info;
    if (fstat(fd, &info) != 0 || info.st_size < 4096) {
        if (error)
            *error = "arena fd " + std::to_string(fd) + " is not a shared arena";
        return nullptr;
    }
    const auto total = std::size_t(info.st_size);
    void *base = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        if (error)
            *error = systemError("mmap arena");
        return nullptr;
    }
    auto *header = std::launder(static_cast<ArenaHeader *>(base));
    if (header->magic != kMagic || header->version != kVersion || header->totalBytes != total) {
        if (error)
            *error = "arena fd " + std::to_string(fd) + " has an unknown layout";
        munmap(base, total);
        return nullptr;
    }
    std::unique_ptr<Arena> arena(new Arena);
    arena->m_fd = fd;
    arena->m_base = base;
    arena->m_size = total;
    arena->m_creator = false;
    arena->m_objectsOffset = 4096 + arena->ringStride() * (header->workerCount + 1);
    arena->m_cursor = arena->m_objectsOffset;
    return arena;
}

Arena::~Arena()
{
    if (m_base)
        munmap(m_base, m_size);
    if (m_fd >= 0)
        close(m_fd);
}

EventRing *Arena::ring(std::uint32_t index)
{
    if (index > header().workerCount)
        return nullptr;
    return std::launder(
        reinterpret_cast<EventRing *>(static_cast<char *>(m_base) + 4096 + ringStride() * index));
}

void *Arena::allocate(std::size_t bytes, std::size_t align)
{
    const std::size_t offset = roundUp(m_cursor, align);
    if (offset + bytes > m_size)
        return nullptr;
    m_cursor = offset + bytes;
    return static_cast<char *>(m_base) + offset;
}

} // namespace conlab
