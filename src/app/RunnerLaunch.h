#pragma once

#include <QString>
#include <QStringList>

class QProcess;

namespace conlab {

// The one way this program starts a conlab-runner: a live run, an export, each run of a
// batch. The runner
//  - leads its own process group from its first instruction, so Stop (or a kill) can end it
//    and the worker processes it starts together;
//  - gets SIGTERM when this process dies, however it dies (even SIGKILL), and then ends its
//    run as a Stop would: nothing of a run outlives the program that asked for it;
//  - starts with its stop signals blocked, so one that comes before the runner's handler is
//    in place is taken as Stop (a run "stopped" with its JSON), never as a silent death.
// Call from the main thread: the parent-death signal follows the thread that started the
// process, and the main thread lives as long as the program.
class RunnerLaunch
{
public:
    // CONLAB_RUNNER if set, else conlab-runner next to this program.
    static QString runnerPath();

    // Starts runnerPath() with `arguments` in `process` (state and errors as QProcess's).
    static void start(QProcess &process, const QStringList &arguments);

    // SIGKILL to the runner's whole process group (runner and workers); 0 is no one.
    static void killGroup(qint64 runnerPid);
};

} // namespace conlab
