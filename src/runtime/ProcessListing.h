#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace conlab {

// The processes /proc shows this user, for choosing one to attach to: what a task manager's
// list holds, read once.
class ProcessListing
{
public:
    struct Process
    {
        pid_t pid = 0;
        std::string name;    // comm
        std::string command; // the command line, arguments joined by spaces
        int threads = 0;
        std::string user;  // the owner's name, or its uid where it has none
        bool mine = false; // owned by the user running this program
    };

    // Every readable process, by pid; kernel threads (no command line) left out.
    static std::vector<Process> read();
    // The command line of process `pid`, one word per argument; empty if it is gone or a
    // kernel thread.
    static std::vector<std::string> commandOf(pid_t pid);
};

} // namespace conlab
