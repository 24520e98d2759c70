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
};

} // namespace conlab
