#include "PythonExampleCatalog.h"

#include "ScenarioParameters.h"
#include "runtime/ChildProgram.h"

#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace conlab {

namespace {

constexpr int kChapter = 9;
constexpr const char *kChapterTitle = "In real Python";

PythonExample example(const char *id, const char *title, const char *script)
{
    PythonExample out;
    out.info = {id, title, kChapter, kChapterTitle};
    out.script = script;
    return out;
}

bool isProgram(const std::string &path)
{
    struct stat info = {};
    return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           access(path.c_str(), X_OK) == 0;
}

ParameterSpec countArgument()
{
    // 3 million is about a second of one core's CPython; the top keeps a run under a minute.
    return ScenarioParameters::integer(
        "count", "Count to", "", 100000, 30000000, 3000000,
        "Each worker adds up the numbers below this (the script's first argument)");
}

std::vector<PythonExample> examples()
{
    PythonExample cpuThreads =
        example("py-cpu-threads", "CPU-bound threads under the real GIL", "cpu_threads.py");
    cpuThreads.arguments = {
        countArgument(),
        ScenarioParameters::integer("threads", "Threads", "", 1, 16, 4,
                                    "Threads that count at once (the script's second argument)")};
    PythonExample cpuProcesses =
        example("py-cpu-processes", "The same count in processes", "cpu_processes.py");
    cpuProcesses.arguments = {
        countArgument(),
        ScenarioParameters::integer("processes", "Processes", "", 1, 16, 4,
                                    "Processes that count at once (the script's second argument)")};
    PythonExample twoLocks = example("py-two-locks", "Two locks, a real deadlock", "two_locks.py");
    twoLocks.warnsOfStalls = true;
    return {
        cpuThreads,
        cpuProcesses,
        example("py-io-threads", "Threads waiting on sockets", "io_threads.py"),
        example("py-mp-pool", "A multiprocessing pool", "mp_pool.py"),
        example("py-mp-queue", "A queue between two processes", "mp_queue.py"),
        example("py-asyncio-tasks", "asyncio: three tasks, one thread", "asyncio_tasks.py"),
        twoLocks,
    };
}

} // namespace

const std::vector<PythonExample> &PythonExampleCatalog::all()
{
    static const std::vector<PythonExample> list = examples();
    return list;
}

const PythonExample *PythonExampleCatalog::find(const std::string &id)
{
    for (const PythonExample &candidate : all())
        if (candidate.info.id == id)
            return &candidate;
    return nullptr;
}

std::string PythonExampleCatalog::scriptPath(const std::string &programPath,
                                             const PythonExample &example)
{
    // bin/.. said as its folder, so the command the JSON and the lesson show reads plainly.
    const auto binSlash = programPath.rfind('/');
    const std::string bin = binSlash == std::string::npos ? "." : programPath.substr(0, binSlash);
    const auto prefixSlash = bin.rfind('/');
    const std::string prefix = prefixSlash == std::string::npos || bin.substr(prefixSlash) == "/.."
                                   ? bin + "/.."
                                   : bin.substr(0, prefixSlash);
    return (prefix.empty() ? "" : prefix) + "/share/conlab/python/watch/" + example.script;
}

std::string PythonExampleCatalog::interpreter()
{
    if (const char *chosen = std::getenv("CONLAB_PYTHON"); chosen && *chosen)
        return isProgram(chosen) ? chosen : std::string();
    if (isProgram("/usr/bin/python3"))
        return "/usr/bin/python3";
    return ChildProgram::findInPath("python3");
}

std::string PythonExampleCatalog::problem(const PythonExample &example,
                                          const std::string &scriptPath)
{
    // As the gil lesson's cpython engine says it: the missing program by name, and its package.
    if (interpreter().empty()) {
        if (const char *chosen = std::getenv("CONLAB_PYTHON"); chosen && *chosen)
            return example.info.id + " needs python3: CONLAB_PYTHON=" + chosen +
                   " is not an executable file";
        return example.info.id +
               " needs python3, which is not on PATH (Debian: apt install python3)";
    }
    if (access(scriptPath.c_str(), R_OK) != 0)
        return example.info.id + ": the lab's Python program is missing (" + scriptPath + ")";
    return {};
}

} // namespace conlab
