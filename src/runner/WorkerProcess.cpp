#include "WorkerProcess.h"

#include "runtime/CpuGate.h"
#include "runtime/JobScheduling.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "scenarios/ScenarioRegistry.h"
#include "trace/Arena.h"
#include "trace/EventClock.h"

#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <unistd.h>

namespace conlab {

int WorkerProcess::run(const Options &options)
{
    // Die with the runner, even if it is killed outright. The check after closes the race
    // where the runner died before the request took effect.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(options.parentPid))
        return 3;
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_IGN); // Ctrl+C in a terminal is the runner's to handle

    std::string error;
    auto arena = Arena::attach(options.arenaFd, &error);
    auto scenario = ScenarioRegistry::create(options.scenario);
    ParameterSet values;
    if (!arena || !scenario ||
        !ParameterSet::fromAssignments(scenario->parameters(), options.assignments, values,
                                       &error)) {
        std::fprintf(stderr, "conlab-runner worker %u: %s\n", options.worker,
                     error.empty() ? "unknown scenario" : error.c_str());
        return 4;
    }
    EventClock::use(ClockKind(arena->header().clock));
    if (options.worker == 0 || options.worker >= arena->workerCount()) {
        std::fprintf(stderr, "conlab-runner worker %u: no such worker\n", options.worker);
        return 4;
    }
    // The same allocation order as RunSession: table, gate, then the scenario's objects.
    auto *table = arena->make<WorkerTable>();
    auto *gate = arena->make<CpuGate>(0, SchedulingPolicy::Fcfs);
    if (!table || !gate || !scenario->setup(*arena, values))
        return 4;
    if (auto *jobs = dynamic_cast<JobScheduling *>(scenario.get()))
        jobs->attachGate(*gate, false);
    WorkerContext context(*arena, *gate, *table, options.worker);
    context.started();
    scenario->runWorker(context);
    if (!table->isTerminated(options.worker))
        context.exit(context.shouldStop() ? context.stopCause() : ExitCause::Normal);
    return 0;
}

} // namespace conlab
