#pragma once

#include "RunOptions.h"
#include "WorkerProcess.h"
#include "io/ConnectionForker.h"

#include <string>

namespace conlab {

// conlab-runner's command line. Parsed by hand: the runner links no Qt.
struct RunnerCommandLine
{
    enum class Mode { Run, List, Check, Worker, ConnectionForker, Help };

    Mode mode = Mode::Help;
    RunOptions run;
    WorkerProcess::Options worker;
    ConnectionForker::Options forker;
    std::string checkPath;

    // False with `error` set when the arguments don't make sense.
    static bool parse(int argc, char **argv, RunnerCommandLine &out, std::string *error);
    static std::string usage();
};

} // namespace conlab
