// A program with known phases for conlab-runner --exec and --attach to watch. Its main thread
// computes 200 ms of CPU time, sleeps 200 ms, reads a pipe a helper thread writes 200 ms
// later, waits 200 ms on a futex another helper wakes, then starts a child process that
// exits with code 3 after 100 ms and waits for it (the child stays a zombie for 100 ms, so a
// sample sees its exit status), and exits 0. At the end it prints when each phase began
// (CLOCK_MONOTONIC ns), the child's exit code and its own CPU time (getrusage), for the test
// to hold the recorded lanes against.
//
//   watch_target            the phases above
//   watch_target --idle     prints "idle" and sleeps until killed (for --attach)
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <linux/futex.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::uint64_t kPhaseNs = 200'000'000;

std::uint64_t clockNs(clockid_t clock)
{
    timespec ts;
    clock_gettime(clock, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

void sleepNs(std::uint64_t ns)
{
    const timespec ts{time_t(ns / 1'000'000'000ull), long(ns % 1'000'000'000ull)};
    nanosleep(&ts, nullptr);
}

std::vector<std::pair<const char *, std::uint64_t>> g_phases;

void phase(const char *name)
{
    g_phases.emplace_back(name, clockNs(CLOCK_MONOTONIC));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--idle") == 0) {
        std::printf("idle\n");
        std::fflush(stdout);
        for (;;)
            sleepNs(1'000'000'000);
    }

    phase("compute");
    const std::uint64_t cpuStart = clockNs(CLOCK_THREAD_CPUTIME_ID);
    volatile std::uint64_t sink = 0;
    while (clockNs(CLOCK_THREAD_CPUTIME_ID) - cpuStart < kPhaseNs)
        for (int i = 0; i < 10000; ++i)
            sink = sink + std::uint64_t(i);

    phase("sleep");
    sleepNs(kPhaseNs);

    int fds[2];
    if (pipe(fds) != 0)
        return 10;
    phase("pipe");
    std::thread writer([&] {
        sleepNs(kPhaseNs);
        [[maybe_unused]] const auto put = write(fds[1], "x", 1);
    });
    char byte = 0;
    if (read(fds[0], &byte, 1) != 1)
        return 11;
    writer.join();

    static std::atomic<std::uint32_t> word{0};
    phase("futex");
    std::thread waker([] {
        sleepNs(kPhaseNs);
        word.store(1);
        syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
    });
    while (word.load() == 0)
        syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
    waker.join();

    phase("join");
    const pid_t child = fork();
    if (child == 0) {
        sleepNs(kPhaseNs / 2);
        _exit(3);
    }
    siginfo_t info = {};
    // Waits for the exit without reaping: the child stays a zombie, its status readable.
    waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT);
    phase("zombie");
    sleepNs(kPhaseNs / 2);
    int status = 0;
    waitpid(child, &status, 0);
    phase("exit");

    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    const std::uint64_t cpuNs =
        std::uint64_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000'000ull +
        std::uint64_t(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000ull;
    for (const auto &[name, at] : g_phases)
        std::printf("phase %s %llu\n", name, static_cast<unsigned long long>(at));
    std::printf("child %d exit %d\n", int(child), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    std::printf("rusage_ns %llu\n", static_cast<unsigned long long>(cpuNs));
    return 0;
}
