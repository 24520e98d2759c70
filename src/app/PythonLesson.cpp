#include "PythonLesson.h"

#include "RunnerLaunch.h"
#include "scenarios/ParameterSet.h"
#include "scenarios/PythonExampleCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace conlab {

const PythonExample *PythonLesson::find(const QString &id)
{
    return PythonExampleCatalog::find(id.toStdString());
}

QString PythonLesson::scriptPath(const PythonExample &example)
{
    // Beside the runner the window starts, so a build tree's window runs the build tree's copy.
    const QString runner = QFileInfo(RunnerLaunch::runnerPath()).absoluteFilePath();
    return QDir::cleanPath(
        QString::fromStdString(PythonExampleCatalog::scriptPath(runner.toStdString(), example)));
}

QString PythonLesson::problem(const PythonExample &example)
{
    if (PythonExampleCatalog::interpreter().empty()) {
        if (!qEnvironmentVariableIsEmpty("CONLAB_PYTHON"))
            return tr("This lesson runs a real Python program, and CONLAB_PYTHON (%1) is not "
                      "an executable file.")
                .arg(qEnvironmentVariable("CONLAB_PYTHON"));
        return tr("This lesson runs a real Python program, and python3 is not installed here "
                  "(it is not on PATH). Install it (on Debian: sudo apt install python3), then "
                  "press Run.");
    }
    const QString script = scriptPath(example);
    if (!QFileInfo(script).isReadable())
        return tr("The lesson's Python program is missing: %1. Reinstall Concurrency Lab.")
            .arg(script);
    return {};
}

QStringList PythonLesson::runnerArguments(const PythonExample &example,
                                          const QStringList &assignments)
{
    std::vector<std::string> words;
    for (const QString &assignment : assignments)
        words.push_back(assignment.toStdString());
    ParameterSet values;
    if (!ParameterSet::fromAssignments(example.parameters(), words, values, nullptr))
        return {};
    QStringList arguments{QStringLiteral("--exec")};
    for (const std::string &assignment : example.watchAssignments(values))
        arguments << QStringLiteral("--set") << QString::fromStdString(assignment);
    arguments << QStringLiteral("--");
    for (const std::string &word : example.command(PythonExampleCatalog::interpreter(),
                                                   scriptPath(example).toStdString(), values))
        arguments << QString::fromStdString(word);
    return arguments;
}

QString PythonLesson::programHtml(const QString &id)
{
    const PythonExample *example = find(id);
    if (!example)
        return {};
    QString html;
    const QString why = problem(*example);
    if (!why.isEmpty())
        html += QStringLiteral("<p style=\"color:#D55E00\"><b>%1</b></p>").arg(why.toHtmlEscaped());
    const QString script = scriptPath(*example);
    html += QStringLiteral("<h3>%1</h3><p><code>%2</code></p>")
                .arg(tr("The program"), script.toHtmlEscaped());
    QFile file(script);
    if (file.open(QIODevice::ReadOnly))
        html +=
            QStringLiteral("<pre>%1</pre>").arg(QString::fromUtf8(file.readAll()).toHtmlEscaped());
    return html;
}

} // namespace conlab
