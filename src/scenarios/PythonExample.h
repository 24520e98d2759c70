#pragma once

#include "ParameterSet.h"
#include "ParameterSpec.h"
#include "Scenario.h"

#include <string>
#include <vector>

namespace conlab {

// One of the project's own Python 3 programs (resources/python/watch), offered as a lesson
// "in real Python": not a scenario the runner runs, but a program it watches (--exec), so the
// catalogue entry is its id, title and script, the watch parameters, and the script's own
// arguments as parameters.
struct PythonExample
{
    Scenario::Info info;        // id "py-cpu-threads": a command-line contract, like a scenario's
    std::string script;         // "cpu_threads.py"
    bool warnsOfStalls = false; // offers the stall warning's delay (a program that deadlocks)
    // The script's positional arguments, in order, each a parameter (empty: it takes none).
    std::vector<ParameterSpec> arguments;

    // sample (and stall where it applies), then the script's arguments.
    std::vector<ParameterSpec> parameters() const;
    // The watch's own `--set` assignments taken from `values`: sample=N[, stall=S].
    std::vector<std::string> watchAssignments(const ParameterSet &values) const;
    // The command to watch: `python` `scriptPath` and the script's arguments from `values`.
    std::vector<std::string> command(const std::string &python, const std::string &scriptPath,
                                     const ParameterSet &values) const;
};

} // namespace conlab
