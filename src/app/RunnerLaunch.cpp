#include "RunnerLaunch.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace conlab {

QString RunnerLaunch::runnerPath()
{
    const QString fromEnvironment = qEnvironmentVariable("CONLAB_RUNNER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("conlab-runner"));
}

void RunnerLaunch::start(QProcess &process, const QStringList &arguments)
{
    const pid_t parent = getpid();
    // Runs in the child between fork and exec: async-signal-safe calls only. The mask, the
    // process group and the parent-death signal all survive the exec into the runner.
    process.setChildProcessModifier([parent] {
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGTERM);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGHUP);
        sigprocmask(SIG_BLOCK, &stopSignals, nullptr);
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        // This program died before the request took effect: no one is left to ask for a run.
        if (getppid() != parent)
            _exit(127);
    });
    process.start(runnerPath(), arguments);
}

void RunnerLaunch::killGroup(qint64 runnerPid)
{
    if (runnerPid > 0)
        ::kill(pid_t(-runnerPid), SIGKILL);
}

} // namespace conlab
