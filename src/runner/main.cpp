#include "RunSession.h"
#include "RunnerCommandLine.h"
#include "WatchSession.h"
#include "WorkerProcess.h"
#include "analysis/TraceChecker.h"
#include "runtime/SelfExecutable.h"
#include "scenarios/PythonExampleCatalog.h"
#include "scenarios/ScenarioRegistry.h"
#include "scenarios/StartCostScenario.h"
#include "trace/TraceFile.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace conlab;

namespace {

void onStopSignal(int)
{
    RunSession::requestStop();
    WatchSession::requestStop();
}

sigset_t stopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}

// Lets the stop signals through again; one that came while they were blocked is delivered
// now, to whatever handles it by then.
void unblockStopSignals()
{
    const sigset_t set = stopSignals();
    sigprocmask(SIG_UNBLOCK, &set, nullptr);
}

int listScenarios()
{
    for (const auto &info : ScenarioRegistry::catalog()) {
        std::printf("%s  \"%s\"  (chapter %d, %s)\n", info.id.c_str(), info.title.c_str(),
                    info.chapter, info.chapterTitle.c_str());
        for (const auto &spec : ScenarioRegistry::create(info.id)->parameters()) {
            const std::string range = spec.rangeText() + (spec.unit.empty() ? "" : " " + spec.unit);
            std::printf("  %-14s %-34s default %-9s %s\n", spec.name.c_str(), range.c_str(),
                        spec.defaultText().c_str(), spec.help.c_str());
        }
    }
    // Not scenarios of the runner but programs it watches; their ids run them all the same.
    for (const PythonExample &example : PythonExampleCatalog::all()) {
        const Scenario::Info &info = example.info;
        std::printf("%s  \"%s\"  (chapter %d, %s)\n", info.id.c_str(), info.title.c_str(),
                    info.chapter, info.chapterTitle.c_str());
        std::printf("  watches python3 %s%s\n",
                    PythonExampleCatalog::scriptPath(selfExecutablePath(), example).c_str(),
                    example.arguments.empty() ? "" : ", its arguments from the parameters");
        for (const auto &spec : example.parameters()) {
            const std::string range = spec.rangeText() + (spec.unit.empty() ? "" : " " + spec.unit);
            std::printf("  %-14s %-34s default %-9s %s\n", spec.name.c_str(), range.c_str(),
                        spec.defaultText().c_str(), spec.help.c_str());
        }
    }
    return 0;
}

// `--scenario py-...`: the watch File > Watch a program would make of the lesson's script,
// its arguments taken from the lesson's parameters. The JSON names the lesson.
bool asWatchOfExample(RunOptions &options)
{
    const PythonExample *example = PythonExampleCatalog::find(options.scenario);
    if (!example)
        return true;
    const char *id = options.scenario.c_str();
    if (!options.jobsPath.empty()) {
        std::fprintf(stderr, "conlab-runner: %s: --jobs: a watched program runs no job table\n",
                     id);
        return false;
    }
    ParameterSet values;
    std::string error;
    if (!ParameterSet::fromAssignments(example->parameters(), options.assignments, values,
                                       &error)) {
        std::fprintf(stderr, "conlab-runner: %s: %s\n", id, error.c_str());
        return false;
    }
    const std::string script = PythonExampleCatalog::scriptPath(selfExecutablePath(), *example);
    const std::string problem = PythonExampleCatalog::problem(*example, script);
    if (!problem.empty()) {
        std::fprintf(stderr, "conlab-runner: %s\n", problem.c_str());
        return false;
    }
    options.watch = RunOptions::Watch::Exec;
    options.lesson = options.scenario;
    options.scenario.clear();
    options.assignments = example->watchAssignments(values);
    options.command = example->command(PythonExampleCatalog::interpreter(), script, values);
    return true;
}

int checkTrace(const std::string &path)
{
    Trace trace;
    std::string error;
    if (!TraceFile::read(path, trace, &error)) {
        std::fprintf(stderr, "conlab-runner: %s\n", error.c_str());
        return 2;
    }
    TraceChecker::Options options;
    options.runCompleted = TraceChecker::summarySaysCompleted(trace.summaryJson);
    const auto violations = TraceChecker::check(trace, options);
    std::printf("%s: scenario %s, %zu events, %llu dropped\n", path.c_str(),
                trace.meta.scenario.c_str(), trace.events.size(),
                static_cast<unsigned long long>(trace.droppedEvents));
    if (violations.empty()) {
        std::printf("all checks passed\n");
        return 0;
    }
    std::printf("%zu violation(s):\n", violations.size());
    for (const auto &v : violations)
        std::printf("  at %.3f ms [%s] %s\n", double(v.timeNs) / 1e6, v.rule.c_str(),
                    v.message.c_str());
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    // First of all: the start-cost lesson measures how soon a fresh program gets here.
    if (argc == 3 && std::strcmp(argv[1], "--start-probe") == 0)
        return conlab::StartCostScenario::runProbe(std::atoi(argv[2]));
    // Next: a Stop (SIGTERM, SIGINT, SIGHUP) from now on waits until we know what it means.
    // For a run it ends the run "stopped", with its summary, however early it came; the GUI
    // starts us with them blocked already (RunnerLaunch), which covers the time before main.
    {
        const sigset_t set = stopSignals();
        sigprocmask(SIG_BLOCK, &set, nullptr);
    }
    RunnerCommandLine commandLine;
    std::string error;
    if (!RunnerCommandLine::parse(argc, argv, commandLine, &error)) {
        std::fprintf(stderr, "conlab-runner: %s\n%s", error.c_str(),
                     RunnerCommandLine::usage().c_str());
        return 2;
    }
    if (commandLine.mode != RunnerCommandLine::Mode::Run) {
        // Nothing to stop gently: the signals end these modes as they would any program (and
        // a worker process must not start with them blocked).
        unblockStopSignals();
    }
    switch (commandLine.mode) {
    case RunnerCommandLine::Mode::Help:
        std::printf("%s", RunnerCommandLine::usage().c_str());
        return 0;
    case RunnerCommandLine::Mode::List:
        return listScenarios();
    case RunnerCommandLine::Mode::Check:
        return checkTrace(commandLine.checkPath);
    case RunnerCommandLine::Mode::Worker:
        return WorkerProcess::run(commandLine.worker);
    case RunnerCommandLine::Mode::ConnectionForker:
        return ConnectionForker::run(commandLine.forker);
    case RunnerCommandLine::Mode::Run:
        break;
    }

    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a GUI that went away shows up as a failed write
    // The handler is in place: a Stop that already came asks the run to stop as it starts.
    // (Unblocked before any worker is started: they inherit the mask.) The GUI's runner leads
    // its own process group and ends with the GUI: RunnerLaunch sets that up before our exec.
    unblockStopSignals();
    if (!asWatchOfExample(commandLine.run))
        return 2;
    if (commandLine.run.watch != RunOptions::Watch::None) {
        WatchSession watch(commandLine.run);
        return watch.run();
    }
    RunSession session(commandLine.run);
    return session.run();
}
