#include "ExportCommand.h"
#include "InterfaceLanguage.h"
#include "MainWindow.h"
#include "ParameterPanel.h"
#include "RunController.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstring>

namespace {

// An export, --help or --version: what needs no window, so no display either.
bool needsNoWindow(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--export") == 0 || std::strncmp(arg, "--export=", 9) == 0 ||
            std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0 ||
            std::strcmp(arg, "--help-all") == 0 || std::strcmp(arg, "--version") == 0 ||
            std::strcmp(arg, "-v") == 0)
            return true;
    }
    return false;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char **argv)
{
    // With no display to open a window on, what needs none paints offscreen; the window itself
    // says why it cannot open instead of Qt's abort about platform plugins.
    if (!hasDisplay()) {
        if (!needsNoWindow(argc, argv)) {
            std::fprintf(stderr,
                         "conlab: no display to open the window on (DISPLAY and WAYLAND_DISPLAY "
                         "are not set); run it in a desktop session or under xvfb-run, or use "
                         "--export FILE for an image without a window\n");
            return 2;
        }
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conlab"));
    QApplication::setApplicationName(QStringLiteral("conlab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
    QApplication::setApplicationVersion(QStringLiteral(CONLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.conlab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Concurrency Lab: watch real threads, processes and locks at work."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QApplication::translate("main", "Lesson to open or run."),
                                      QStringLiteral("id"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QApplication::translate("main", "Parameter value (repeatable)."),
                                 QStringLiteral("name=value"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QApplication::translate("main", "Open a saved trace."),
                                   QStringLiteral("file"));
    const QCommandLineOption exportImage(
        QStringLiteral("export"),
        QApplication::translate(
            "main", "Write the timeline as PNG, SVG or PDF, or the run as Trace Event Format "
                    "JSON for Perfetto (by the suffix), without a window."),
        QStringLiteral("file.png"));
    const QCommandLineOption timeLimit(
        QStringLiteral("time-limit"),
        QApplication::translate("main", "End the run after this many seconds."),
        QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption width(QStringLiteral("width"),
                                   QApplication::translate("main", "Image width in points."),
                                   QStringLiteral("pixels"), QStringLiteral("1400"));
    // The window's language for this start only (and an export's); English words on the
    // command line whatever it is, since scripts read them.
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Language of the window and of exported "
                                                     "images: en or zh_CN (default: the one "
                                                     "chosen last, else the system's)."),
                                      QStringLiteral("code"));
    const QCommandLineOption runNow(QStringLiteral("run"),
                                    QApplication::translate("main", "Start the run at once."));
    parser.addOptions({scenario, set, trace, exportImage, timeLimit, width, runNow, language});
    parser.process(app);
    // After the options are read: --help and every message below stay English.
    const QString code =
        parser.isSet(language) ? parser.value(language) : conlab::InterfaceLanguage::preferred();
    if (!conlab::InterfaceLanguage::apply(code)) {
        std::fprintf(stderr, "conlab: no translation for language '%s' (there are: %s)\n",
                     qPrintable(code),
                     qPrintable(conlab::InterfaceLanguage::available().join(QStringLiteral(", "))));
        return 2;
    }

    if (parser.isSet(exportImage)) {
        QTextStream out(stdout);
        QTextStream err(stderr);
        conlab::ExportCommand::Request request;
        request.output = parser.value(exportImage);
        request.scenario = parser.value(scenario);
        request.assignments = parser.values(set);
        request.trace = parser.value(trace);
        request.timeLimitSeconds = std::max(1, parser.value(timeLimit).toInt());
        request.width = std::max(600, parser.value(width).toInt());
        return conlab::ExportCommand::run(request, out, err);
    }

    conlab::MainWindow window;
    if (parser.isSet(scenario) && !window.selectScenario(parser.value(scenario))) {
        std::fprintf(stderr, "conlab: unknown scenario '%s'\n", qPrintable(parser.value(scenario)));
        return 2;
    }
    for (const QString &assignment : parser.values(set)) {
        const QString name = assignment.section(QLatin1Char('='), 0, 0);
        const QString value = assignment.section(QLatin1Char('='), 1);
        if (!window.parameters()->setValue(name, value)) {
            std::fprintf(stderr,
                         "conlab: cannot set '%s' for this lesson (see conlab-runner --list)\n",
                         qPrintable(assignment));
            return 2;
        }
    }
    if (parser.isSet(trace)) {
        QString error;
        if (!window.loadTrace(parser.value(trace), &error)) {
            std::fprintf(stderr, "conlab: %s\n", qPrintable(error));
            return 2;
        }
    }
    window.show();
    if (parser.isSet(runNow))
        QTimer::singleShot(0, &window, &conlab::MainWindow::run);
    return app.exec();
}
