#pragma once

#include "PythonExample.h"

#include <string>
#include <vector>

namespace conlab {

// The real-Python lessons, in catalogue order: the catalogue's last chapter, after the
// scenarios of ScenarioRegistry. The window lists them as lessons; conlab-runner takes their
// ids with --scenario and watches the script (--exec -- python3 SCRIPT ARGS).
class PythonExampleCatalog
{
public:
    static const std::vector<PythonExample> &all();
    // The example with this id, or nullptr.
    static const PythonExample *find(const std::string &id);
    // Where the scripts are installed, seen from a program in bin/ (the runner, the window):
    // bin/../share/conlab/python/watch, in the build tree as in the installed tree.
    static std::string scriptPath(const std::string &programPath, const PythonExample &example);
    // The interpreter to run them with: $CONLAB_PYTHON if set (another build, say a
    // free-threaded one), else /usr/bin/python3, else python3 on PATH; empty if that is not
    // an executable file or there is none. The system's first: a version manager's python3
    // on PATH may be a shim, a shell script whose helper processes would crowd the lanes.
    static std::string interpreter();
    // Why the example cannot run here (no python3, the script missing), for the command
    // line; empty if it can.
    static std::string problem(const PythonExample &example, const std::string &scriptPath);
};

} // namespace conlab
