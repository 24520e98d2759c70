#pragma once

#include <string>
#include <vector>

namespace conlab {

// What one headless run was asked to do, as parsed from conlab-runner's command line.
struct RunOptions
{
    std::string scenario;
    std::vector<std::string> assignments; // name=value
    double timeLimitSeconds = 60;
    std::string tracePath;
    std::string csvPath;
    std::string chromeTracePath; // the run in the Trace Event Format (Perfetto)
    std::string jobsPath;        // a job table (CSV) for scenarios that run one
    bool stream = false;         // binary frames on stdout for the GUI
    // Watching a program instead of running a scenario: --exec launches `command`, --attach
    // follows the running process `attachPid`.
    enum class Watch { None, Exec, Attach };
    Watch watch = Watch::None;
    std::vector<std::string> command;
    long attachPid = 0;
    // The real-Python lesson an --exec came from (`--scenario py-cpu-threads`), for the JSON.
    std::string lesson;
};

} // namespace conlab
