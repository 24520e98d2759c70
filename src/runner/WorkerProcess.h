#pragma once

#include <string>
#include <vector>

namespace conlab {

// conlab-runner in worker mode: one worker of a run, spawned by the run's runner, attached
// to its arena through an inherited fd.
class WorkerProcess
{
public:
    struct Options
    {
        unsigned worker = 0;
        int arenaFd = -1;
        long parentPid = 0;
        std::string scenario;
        std::vector<std::string> assignments;
    };

    static int run(const Options &options);
};

} // namespace conlab
