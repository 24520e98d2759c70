#pragma once

#include <functional>
#include <sched.h>
#include <string>
#include <vector>

namespace conlab {

// Runs another program to its end and collects what it prints (stdout and stderr together),
// for lessons that compare the lab's model with the real thing. The program runs in a process
// group of its own, so that a stop ends it and every process it started; it also dies with
// the thread that started it.
class ChildProgram
{
public:
    struct Result
    {
        bool started = false;
        bool stopped = false; // `shouldStop` said so and the group was killed
        int exitCode = -1;    // when it exited
        int signal = 0;       // when a signal ended it
        std::string output;   // at most kMaxOutput bytes
        std::string error;    // why it could not start
    };

    static constexpr std::size_t kMaxOutput = 64 * 1024;

    // The first executable `name` on $PATH; empty if there is none.
    static std::string findInPath(const std::string &name);
    // Runs `argv` (argv[0] a path) with the CPU affinity `cpus` when given; asks `shouldStop`
    // every few milliseconds while it waits.
    static Result run(const std::vector<std::string> &argv, const cpu_set_t *cpus,
                      const std::function<bool()> &shouldStop);
};

} // namespace conlab
