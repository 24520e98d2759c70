#include "ExportCommand.h"

#include "RunnerLaunch.h"
#include "analysis/ChromeTraceWriter.h"
#include "analysis/RunRecording.h"
#include "export/TimelineImage.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

namespace conlab {

namespace {

// Room beyond the run's own limit for the runner to stop, check and write the trace.
constexpr int kGraceMs = 15000;

} // namespace

int ExportCommand::run(const Request &request, QTextStream &out, QTextStream &err)
{
    if (request.output.isEmpty()) {
        err << "conlab: --export needs a file name\n";
        return 2;
    }
    const QString suffix = QFileInfo(request.output).suffix().toLower();
    const bool json = suffix == QLatin1String("json");
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf") && !json) {
        err << "conlab: --export " << request.output
            << ": the name must end in .png, .svg, .pdf or .json\n";
        return 2;
    }
    if (request.scenario.isEmpty() == request.trace.isEmpty()) {
        err << "conlab: --export needs either --scenario ID or --trace FILE\n";
        return 2;
    }
    QTemporaryDir scratch;
    QString tracePath = request.trace;
    if (!request.scenario.isEmpty()) {
        if (!scratch.isValid()) {
            err << "conlab: cannot create a temporary folder: " << scratch.errorString() << '\n';
            return 1;
        }
        tracePath = scratch.filePath(QStringLiteral("run.conlab"));
        QStringList arguments{QStringLiteral("--scenario"), request.scenario};
        for (const QString &assignment : request.assignments)
            arguments << QStringLiteral("--set") << assignment;
        arguments << QStringLiteral("--time-limit") << QString::number(request.timeLimitSeconds)
                  << QStringLiteral("--trace") << tracePath;
        QProcess runner;
        RunnerLaunch::start(runner, arguments);
        if (!runner.waitForStarted()) {
            err << "conlab: cannot start " << RunnerLaunch::runnerPath() << ": "
                << runner.errorString() << '\n';
            return 1;
        }
        if (!runner.waitForFinished(request.timeLimitSeconds * 1000 + kGraceMs)) {
            RunnerLaunch::killGroup(runner.processId());
            runner.waitForFinished();
            err << "conlab: the runner did not end within its time limit\n";
            return 1;
        }
        err << runner.readAllStandardError();
        const QByteArray summary = runner.readAllStandardOutput().trimmed();
        if (runner.exitStatus() != QProcess::NormalExit || runner.exitCode() != 0) {
            // The runner has said what was wrong on its stderr, passed on above.
            return runner.exitCode() == 2 ? 2 : 1;
        }
        out << summary.mid(summary.lastIndexOf('\n') + 1) << '\n';
    }

    Trace trace;
    std::string error;
    if (!TraceFile::read(tracePath.toStdString(), trace, &error)) {
        err << "conlab: " << QString::fromStdString(error) << '\n';
        return request.trace.isEmpty() ? 1 : 2;
    }
    RunRecording recording;
    recording.load(trace);
    if (json) {
        std::string writeError;
        if (!ChromeTraceWriter::write(request.output.toStdString(), recording, &writeError)) {
            err << "conlab: " << QString::fromStdString(writeError) << '\n';
            return 1;
        }
        err << "conlab: wrote " << QDir(request.output).absolutePath() << '\n';
        return 0;
    }
    TimelineImage::Options options;
    options.width = request.width;
    QString writeError;
    if (!TimelineImage::save(request.output, recording, options, &writeError)) {
        err << "conlab: " << writeError << '\n';
        return 1;
    }
    err << "conlab: wrote " << QDir(request.output).absolutePath() << '\n';
    return 0;
}

} // namespace conlab
