#include "RunnerCommandLine.h"

#include <cstdlib>

namespace conlab {

namespace {
bool toNumber(const std::string &text, double &value)
{
    char *end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return !text.empty() && end && *end == '\0';
}
} // namespace

std::string RunnerCommandLine::usage()
{
    return "usage: conlab-runner --list\n"
           "       conlab-runner --scenario ID [--set name=value ...] [--time-limit SECONDS]\n"
           "                     [--trace FILE] [--csv FILE] [--jobs FILE] [--stream]\n"
           "       conlab-runner --check FILE\n"
           "Runs a Concurrency Lab scenario headless and prints a one-line JSON summary.\n"
           "  --list             scenarios and their parameters (ranges, defaults)\n"
           "  --set name=value   a scenario parameter (repeatable)\n"
           "  --time-limit S     end the run after S seconds (default 60)\n"
           "  --trace FILE       write the recorded trace\n"
           "  --csv FILE         write one row per state interval\n"
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
        std::string value;
        if (arg == "--help" || arg == "-h") {
            out.mode = Mode::Help;
            return true;
        } else if (arg == "--list") {
            out.mode = Mode::List;
            return true;
        } else if (arg == "--check") {
            if (!next(out.checkPath))
                return false;
            out.mode = Mode::Check;
            return true;
        } else if (arg == "--scenario") {
            if (!next(out.run.scenario))
                return false;
            sawScenario = true;
        } else if (arg == "--set") {
            if (!next(value))
                return false;
            out.run.assignments.push_back(value);
        } else if (arg == "--time-limit") {
            double seconds = 0;
            if (!next(value))
                return false;
            if (!toNumber(value, seconds) || seconds <= 0 || seconds > 3600) {
                *error = "--time-limit: '" + value +
                         "' is out of range; expected seconds in "
                         "(0, 3600]";
                return false;
            }
            out.run.timeLimitSeconds = seconds;
        } else if (arg == "--trace") {
            if (!next(out.run.tracePath))
                return false;
        } else if (arg == "--csv") {
            if (!next(out.run.csvPath))
                return false;
        } else if (arg == "--jobs") {
            if (!next(out.run.jobsPath))
                return false;
        } else if (arg == "--stream") {
            out.run.stream = true;
        } else if (arg == "--worker" || arg == "--arena-fd" || arg == "--parent") {
            double number = 0;
            if (!next(value) || !toNumber(value, number)) {
                *error = arg + " needs a number";
                return false;
            }
            if (arg == "--worker")
                out.worker.worker = unsigned(number);
            else if (arg == "--arena-fd")
                out.worker.arenaFd = int(number);
            else
                out.worker.parentPid = long(number);
            sawWorker = true;
        } else {
            *error = "unknown option '" + arg + "'";
            return false;
        }
    }
    if (sawWorker) {
        out.mode = Mode::Worker;
        out.worker.scenario = out.run.scenario;
        out.worker.assignments = out.run.assignments;
        return true;
    }
    if (!sawScenario) {
        *error = "nothing to do: give --scenario ID, --list or --check FILE";
        return false;
    }
    out.mode = Mode::Run;
    return true;
}

} // namespace conlab
