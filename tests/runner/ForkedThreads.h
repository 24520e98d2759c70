#pragma once

#include <csignal>
#include <functional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace conlab {

// A forked process of `count` threads, each running `body(index)` for ever, as a program the
// watch sampler follows; the constructor returns once every thread exists, the destructor
// kills the process. Header-only: shared by tst_programwatcher and bench_watchsampler.
class ForkedThreads
{
public:
    ForkedThreads(int count, const std::function<void(int)> &body)
    {
        int ready[2];
        if (pipe(ready) != 0)
            return;
        m_pid = fork();
        if (m_pid == 0) {
            std::vector<std::thread> threads;
            for (int i = 0; i < count; ++i)
                threads.emplace_back(body, i);
            [[maybe_unused]] const auto written = write(ready[1], "r", 1);
            for (;;)
                pause();
        }
        char byte;
        [[maybe_unused]] const auto got = read(ready[0], &byte, 1);
        close(ready[0]);
        close(ready[1]);
    }
    ~ForkedThreads()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    ForkedThreads(const ForkedThreads &) = delete;
    ForkedThreads &operator=(const ForkedThreads &) = delete;
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
};

} // namespace conlab
