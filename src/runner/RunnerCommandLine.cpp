#include "RunnerCommandLine.h"

#include "scenarios/ParameterSet.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace conlab {

namespace {

// Options that take one value: given twice, which one was meant is anyone's guess.
bool once(const std::string &option, std::vector<std::string> &seen, std::string *error)
{
    if (std::find(seen.begin(), seen.end(), option) != seen.end()) {
        *error = option + " is given more than once; give it once";
        return false;
    }
    seen.push_back(option);
    return true;
}

} // namespace

std::string RunnerCommandLine::usage()
{
    return "usage: conlab-runner --list\n"
           "       conlab-runner --scenario ID [--set name=value ...] [--time-limit SECONDS]\n"
           "                     [--trace FILE] [--csv FILE] [--chrome-trace FILE]\n"
           "                     [--jobs FILE] [--stream]\n"
           "       conlab-runner --exec [--set sample=MS] [--set stall=S] [options] -- COMMAND "
           "ARGS...\n"
           "       conlab-runner --attach PID [--set sample=MS] [--set stall=S] [options]\n"
           "       conlab-runner --check FILE\n"
           "Runs a Concurrency Lab scenario headless and prints a one-line JSON summary.\n"
           "  --exec -- COMMAND  launch COMMAND and draw its threads and child processes\n"
           "                     from the kernel's accounting (sample 1..100 ms, default 2)\n"
           "  --attach PID       follow a running process of your user the same way; Stop\n"
           "                     detaches and leaves it running\n"
           "  --list             scenarios and their parameters (ranges, defaults)\n"
           "  --set name=value   a scenario parameter (repeatable)\n"
           "  --time-limit S     end the run after S seconds (default 60)\n"
           "  --trace FILE       write the recorded trace\n"
           "  --csv FILE         write one row per state interval\n"
           "  --chrome-trace FILE  write the run as Trace Event Format JSON, for Perfetto\n"
           "                     (ui.perfetto.dev) or chrome://tracing\n"
           "  --jobs FILE        run this job table (CSV: name,arrival,bursts,priority)\n"
           "                     instead of the scenario's preset (scenarios policies, kernel)\n"
           "  --stream           binary event frames on stdout, for the GUI\n"
           "  --check FILE       check a saved trace's invariants\n";
}

bool RunnerCommandLine::parse(int argc, char **argv, RunnerCommandLine &out, std::string *error)
{
    out = RunnerCommandLine();
    bool sawScenario = false;
    bool sawWorker = false;
    bool sawForker = false;
    std::vector<std::string> seen;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&](std::string &value) {
            if (i + 1 >= argc) {
                *error = arg + " needs a value";
                return false;
            }
            value = argv[++i];
            return true;
        };
        // A single-valued option: present once, with a value that isn't empty.
        auto single = [&](std::string &value, const char *what) {
            if (!once(arg, seen, error) || !next(value))
                return false;
            if (value.empty()) {
                *error = arg + " needs " + what + ", not an empty string";
                return false;
            }
            return true;
        };
        std::string value;
        if (arg == "--help" || arg == "-h") {
            out.mode = Mode::Help;
            return true;
        } else if (arg == "--list") {
            out.mode = Mode::List;
            return true;
        } else if (arg == "--check") {
            if (!single(out.checkPath, "a file name"))
                return false;
            out.mode = Mode::Check;
            return true;
        } else if (arg == "--scenario") {
            if (!single(out.run.scenario, "a scenario id (see --list)"))
                return false;
            sawScenario = true;
        } else if (arg == "--set") {
            if (!next(value))
                return false;
            out.run.assignments.push_back(value);
        } else if (arg == "--time-limit") {
            if (!single(value, "seconds"))
                return false;
            // The parameters' own reading of a number: no nan, inf, hex or spaces.
            double seconds = 0;
            const bool isNumber = ParameterSet::parseReal(value, seconds);
            if (!isNumber || seconds <= 0 || seconds > 3600) {
                *error = "--time-limit: '" + value + "' is " +
                         (isNumber ? "out of range" : "not a plain decimal number") +
                         "; expected seconds in (0, 3600]";
                return false;
            }
            out.run.timeLimitSeconds = seconds;
        } else if (arg == "--trace") {
            if (!single(out.run.tracePath, "a file name"))
                return false;
        } else if (arg == "--csv") {
            if (!single(out.run.csvPath, "a file name"))
                return false;
        } else if (arg == "--chrome-trace") {
            if (!single(out.run.chromeTracePath, "a file name"))
                return false;
        } else if (arg == "--jobs") {
            if (!single(out.run.jobsPath, "a file name"))
                return false;
        } else if (arg == "--stream") {
            out.run.stream = true;
        } else if (arg == "--exec") {
            if (!once(arg, seen, error))
                return false;
            out.run.watch = RunOptions::Watch::Exec;
        } else if (arg == "--attach") {
            std::int64_t number = 0;
            if (!single(value, "a process id"))
                return false;
            if (!ParameterSet::parseInteger(value, number) || number <= 0 || number > INT32_MAX) {
                *error = "--attach: '" + value + "' is not a process id (a whole number above 0)";
                return false;
            }
            out.run.watch = RunOptions::Watch::Attach;
            out.run.attachPid = long(number);
        } else if (arg == "--") {
            // Everything after it is the command to watch, options included.
            out.run.command.assign(argv + i + 1, argv + argc);
            break;
        } else if (arg == "--connection-forker") {
            if (!once(arg, seen, error))
                return false;
            sawForker = true;
        } else if (arg == "--worker" || arg == "--arena-fd" || arg == "--parent" ||
                   arg == "--control-fd" || arg == "--claims-fd" || arg == "--sockets-object") {
            // The hidden modes the runner starts itself in: a worker process, or the
            // process-per-connection server's forker.
            std::int64_t number = 0;
            if (!single(value, "a number"))
                return false;
            if (!ParameterSet::parseInteger(value, number) || number < 0 || number > INT32_MAX) {
                *error = arg + " needs a number";
                return false;
            }
            if (arg == "--worker") {
                out.worker.worker = unsigned(number);
            } else if (arg == "--arena-fd") {
                out.worker.arenaFd = int(number);
                out.forker.arenaFd = int(number);
            } else if (arg == "--parent") {
                out.worker.parentPid = long(number);
                out.forker.parentPid = long(number);
            } else if (arg == "--control-fd") {
                out.forker.controlFd = int(number);
            } else if (arg == "--claims-fd") {
                out.forker.claimsFd = int(number);
            } else {
                out.forker.socketsObject = std::uint32_t(number);
            }
            sawWorker = true;
        } else {
            *error = "unknown option '" + arg + "'";
            return false;
        }
    }
    if (sawForker) {
        if (out.forker.arenaFd < 0 || out.forker.controlFd < 0 || out.forker.claimsFd < 0 ||
            out.forker.parentPid <= 0) {
            *error = "--connection-forker needs --arena-fd, --control-fd, --claims-fd and --parent";
            return false;
        }
        out.mode = Mode::ConnectionForker;
        return true;
    }
    if (sawWorker) {
        out.mode = Mode::Worker;
        out.worker.scenario = out.run.scenario;
        out.worker.assignments = out.run.assignments;
        return true;
    }
    if (out.run.watch != RunOptions::Watch::None || !out.run.command.empty()) {
        const bool exec = std::find(seen.begin(), seen.end(), "--exec") != seen.end();
        const bool attach = std::find(seen.begin(), seen.end(), "--attach") != seen.end();
        std::string problem;
        if (exec && attach)
            problem = "--exec and --attach: give one of them";
        else if (sawScenario)
            problem = "--scenario and --" + std::string(exec ? "exec" : "attach") +
                      ": a run either runs a scenario or watches a program";
        else if (!out.run.jobsPath.empty())
            problem = "--jobs: a watched program runs no job table";
        else if (exec && out.run.command.empty())
            problem = "--exec needs a command after --, e.g. --exec -- python3 script.py";
        else if (!exec && !out.run.command.empty())
            problem = "a command after -- needs --exec in front of it";
        if (!problem.empty()) {
            *error = problem;
            return false;
        }
        out.mode = Mode::Run;
        return true;
    }
    if (!sawScenario) {
        *error = "nothing to do: give --scenario ID, --exec -- COMMAND, --attach PID, --list or "
                 "--check FILE";
        return false;
    }
    out.mode = Mode::Run;
    return true;
}

} // namespace conlab
