// Linked into every executable of a ThreadSanitizer build, and only there (CMakeLists.txt).
//
// Qt 6.4's QProcess starts a program through forkfd's vforkfd(): glibc's clone() with
// CLONE_VM | CLONE_VFORK, so the child runs on the parent's memory until it execs. GCC 12's
// libtsan intercepts clone() and treats every call as a fork: the child marks the process
// "forked while multi-threaded" and ignores every interceptor from then on, in memory it
// shares with the parent. Once the child has exec'd, the parent carries those marks: TSan is
// blind on its main thread, and its next pthread_create() ends it ("starting new threads after
// multi-threaded fork is not supported"), so every window test died at its first run.
//
// A clone that shares the memory is no fork, and there is nothing for TSan to do: it goes
// straight to glibc. Any other clone still goes through TSan's interceptor. This definition
// comes first in symbol lookup (the executable before libtsan and libc), so libQt6Core's
// call lands here.
#include <cstdarg>
#include <dlfcn.h>
#include <sched.h>
#include <sys/types.h>

namespace {

using CloneFunction = int (*)(int (*)(void *), void *, int, void *, ...);

CloneFunction glibcClone()
{
    // RTLD_NEXT would find libtsan's clone; ask libc itself.
    static const CloneFunction function = [] {
        void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
        return libc ? reinterpret_cast<CloneFunction>(dlsym(libc, "clone")) : nullptr;
    }();
    return function;
}

} // namespace

extern "C" int __interceptor_clone(int (*fn)(void *), void *stack, int flags, void *arg,
                                   int *parentTid, void *tls, pid_t *childTid);

extern "C" __attribute__((visibility("default"))) int clone(int (*fn)(void *), void *stack,
                                                            int flags, void *arg, ...)
{
    // glibc's clone reads these three whether or not the flags use them; so do we.
    va_list rest;
    va_start(rest, arg);
    int *parentTid = va_arg(rest, int *);
    void *tls = va_arg(rest, void *);
    pid_t *childTid = va_arg(rest, pid_t *);
    va_end(rest);
    if ((flags & CLONE_VM) != 0) {
        if (const CloneFunction real = glibcClone())
            return real(fn, stack, flags, arg, parentTid, tls, childTid);
    }
    return __interceptor_clone(fn, stack, flags, arg, parentTid, tls, childTid);
}
