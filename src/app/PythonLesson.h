#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace conlab {

struct PythonExample;

// A real-Python lesson as the window offers it: the installed script beside the runner
// (bin/../share/conlab/python/watch), what keeps it from running here, the watch of it that
// Run starts (the arguments File > Watch a program would give the runner), and its source for
// the lesson panel.
class PythonLesson
{
    Q_DECLARE_TR_FUNCTIONS(PythonLesson)

public:
    // The example with this catalogue id, or nullptr for a scenario's lesson.
    static const PythonExample *find(const QString &id);
    static QString scriptPath(const PythonExample &example);
    // Why Run cannot start it (python3 missing, the script missing), in the window's language;
    // empty if it can.
    static QString problem(const PythonExample &example);
    // --exec --set sample=N [--set stall=S] -- python3 SCRIPT ARGS, from the lesson's
    // `name=value` parameters; empty if they are not the example's.
    static QStringList runnerArguments(const PythonExample &example,
                                       const QStringList &assignments);
    // What the lesson panel adds under the lesson's text: the problem, if any, then the
    // program's path and source as installed. Empty for a scenario's lesson.
    static QString programHtml(const QString &id);
};

} // namespace conlab
