#include "FuzzSupport.h"

#include <cstdlib>
#include <new>

// ---------------------------------------------------------------------------------------------
// Every allocation of this program goes through these, so a reader that sizes a buffer from a
// damaged field is caught at the request, before the memory is touched: while armed, the
// largest single request is noted and one above the limit throws std::bad_alloc.
namespace conlab::fuzz {
std::atomic<bool> g_armed{false};
std::atomic<std::size_t> g_largest{0};
std::atomic<std::size_t> g_limit{~std::size_t(0)};
} // namespace conlab::fuzz

using namespace conlab::fuzz;

namespace {

void *allocate(std::size_t size)
{
    if (g_armed.load(std::memory_order_relaxed)) {
        std::size_t seen = g_largest.load(std::memory_order_relaxed);
        while (size > seen && !g_largest.compare_exchange_weak(seen, size))
            ;
        if (size > g_limit.load(std::memory_order_relaxed))
            throw std::bad_alloc();
    }
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace

void *operator new(std::size_t size)
{
    return allocate(size);
}
void *operator new[](std::size_t size)
{
    return allocate(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
