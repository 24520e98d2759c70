#include "SignalDrivenReceiver.h"

#include "RoundBarrier.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace conlab {

namespace {

// The handler may only touch lock-free atomics. One signal-driven receiver runs per process.
std::atomic<std::uint64_t> g_firstSignalNs{0}; // since the flag was last taken; 0 = none
std::atomic<std::uint32_t> g_signals{0};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

void onSignal(int, siginfo_t *, void *)
{
    const int savedErrno = errno;
    std::uint64_t none = 0;
    g_firstSignalNs.compare_exchange_strong(none, monotonicNs());
    g_signals.fetch_add(1, std::memory_order_relaxed);
    errno = savedErrno;
}

} // namespace

int SignalDrivenReceiver::signalNumber()
{
    return SIGRTMIN + 1;
}

bool SignalDrivenReceiver::begin(WorkerContext &worker)
{
    struct sigaction action = {};
    action.sa_sigaction = onSignal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    // SIGIO too: the kernel falls back to it when the real-time signal queue overflows, and
    // its default action would end the process.
    if (sigaction(signalNumber(), &action, nullptr) != 0 || sigaction(SIGIO, &action, nullptr))
        return setupFailed("sigaction");
    f_owner_ex owner = {};
    owner.type = F_OWNER_TID;
    owner.pid = pid_t(syscall(SYS_gettid));
    if (fcntl(fd(0), F_SETOWN_EX, &owner) != 0)
        return setupFailed("F_SETOWN_EX");
    if (fcntl(fd(0), F_SETSIG, signalNumber()) != 0)
        return setupFailed("F_SETSIG");
    const int flags = fcntl(fd(0), F_GETFL);
    if (flags < 0 || fcntl(fd(0), F_SETFL, flags | O_ASYNC | O_NONBLOCK) != 0)
        return setupFailed("O_ASYNC");
    return resume(worker);
}

void SignalDrivenReceiver::end(WorkerContext &)
{
    // The handlers stay installed: a signal still queued for this thread must not meet the
    // default action, which is to end the process.
    const int flags = fcntl(fd(0), F_GETFL);
    if (flags >= 0)
        fcntl(fd(0), F_SETFL, flags & ~O_ASYNC);
}

IoReceiver::Result SignalDrivenReceiver::receive(WorkerContext &worker, std::uint32_t round,
                                                 RoundBarrier &barrier)
{
    // A late signal for the last round's bytes must not count as this round's notice.
    g_firstSignalNs.store(0);
    const std::uint32_t signalsBefore = g_signals.load();
    startRound(worker, round);
    barrier.arrive();
    bool done = false;
    while (!done) {
        if (g_firstSignalNs.load(std::memory_order_acquire) == 0) {
            if (!work(worker, kWorkSliceNs))
                return Result::Stopped;
            continue;
        }
        const std::uint64_t signalledNs = g_firstSignalNs.exchange(0);
        bool found = false;
        for (;;) {
            const Call call = receiveOnce(0);
            if (call.bytes > 0) {
                if (!found) {
                    // The handler ran on this thread: its time is when the notice arrived.
                    recordAt(worker, signalledNs, EventKind::IoNotified, object(0), round);
                    endWait();
                    found = true;
                }
                if ((done = moved(worker, 0, std::size_t(call.bytes), call.startNs)))
                    break;
                continue;
            }
            if (call.empty()) {
                if (!found) { // a signal with nothing to read: a try that found nothing
                    recordAt(worker, call.startNs, EventKind::IoAttempt, object(0), round);
                    addWaitCpu(call.cpuNs);
                }
                break;
            }
            if (call.interrupted())
                continue;
            return failure(worker, "recv", call.error);
        }
    }
    // Each handled signal costs the caller a kernel entry (rt_sigreturn).
    m_syscalls += g_signals.load() - signalsBefore;
    finishRound(worker);
    return Result::Received;
}

} // namespace conlab
