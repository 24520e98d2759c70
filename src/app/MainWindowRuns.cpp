// MainWindow, its runs: starting one (a lesson, a real-Python lesson, a watched or attached
// program), refusing one that cannot start, following it live, stopping it, and showing it
// whole when it ends. The window's frame, panels and files are in MainWindow.cpp.
#include "AttachDialog.h"
#include "FiguresPanel.h"
#include "LessonPanel.h"
#include "LessonTabs.h"
#include "MainWindow.h"
#include "OutputPanel.h"
#include "ParameterPanel.h"
#include "ProcessTreeView.h"
#include "PythonLesson.h"
#include "RunBanner.h"
#include "RunController.h"
#include "SchedulingPanel.h"
#include "WatchDialog.h"
#include "WindowActions.h"
#include "analysis/StateTransitions.h"
#include "ui_MainWindow.h"
#include "views/QueueDepthChart.h"
#include "views/ServerModelsCharts.h"
#include "views/StateDiagramView.h"
#include "views/TimelineView.h"
#include "views/WaitForGraphView.h"

#include <QGuiApplication>
#include <QMessageBox>
#include <QScreen>
#include <QWindow>
#include <algorithm>
#include <cmath>

namespace conlab {

void MainWindow::run()
{
    if (m_controller->isRunning() || currentScenario().isEmpty() ||
        m_ui->lessonTabs->scheduling()->isComparing())
        return;
    forgetLastRun();
    if (const PythonExample *example = PythonLesson::find(currentScenario())) {
        // Said before anything starts, as the runner would say it (exit 2), not as a failed
        // watch of a program that is not there.
        if (const QString problem = PythonLesson::problem(*example); !problem.isEmpty()) {
            refuse(tr("Cannot run"), problem);
            return;
        }
        watch(PythonLesson::runnerArguments(*example, m_ui->parameters->assignments()), {},
              currentScenario());
        return;
    }
    QStringList extra;
    QString error;
    if (isTabShown(m_ui->lessonTabs->scheduling()) &&
        !m_ui->lessonTabs->scheduling()->jobArguments(&extra, &error)) {
        m_message = error;
        updateStatus();
        return;
    }
    if (!m_controller->start(currentScenario(), m_ui->parameters->assignments(), timeLimitSeconds(),
                             extra)) {
        refuse(tr("Cannot run"), m_controller->errorText());
        return;
    }
    m_watchedLesson.clear();
    showStarted();
}

void MainWindow::forgetLastRun()
{
    m_outcome.clear();
    m_message.clear();
    m_lastStopMs = -1;
}

void MainWindow::refuse(const QString &title, const QString &why)
{
    m_message = why;
    updateStatus();
    QMessageBox::warning(this, title, why);
}

void MainWindow::showStarted()
{
    m_ui->lessonTabs->showRunning();
    m_ui->lessonTabs->states()->clear();
    m_ui->lessonTabs->graph()->clear();
    m_ui->banner->hide();
}

void MainWindow::watchProgram()
{
    if (m_controller->isRunning())
        return;
    WatchDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.remember();
    watch(dialog.runnerArguments(), dialog.workingFolder());
}

void MainWindow::attachProcess()
{
    if (m_controller->isRunning())
        return;
    AttachDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || dialog.pid() == 0)
        return;
    watch(dialog.runnerArguments());
}

bool MainWindow::watch(const QStringList &runnerArguments, const QString &workingFolder,
                       const QString &lesson)
{
    if (m_controller->isRunning())
        return false;
    forgetLastRun();
    if (!m_controller->startRunner(runnerArguments, timeLimitSeconds(), workingFolder)) {
        refuse(tr("Cannot watch"), m_controller->errorText());
        return false;
    }
    // No lesson's tabs: the program is the user's, and the lesson text says how to read it
    // (a real-Python lesson's own text, which says what its program shows).
    m_watchedLesson = lesson;
    showLessonTabs(QString());
    if (lesson.isEmpty())
        m_ui->lessonTabs->lesson()->showLesson(QStringLiteral("watch"));
    showStarted();
    return true;
}

void MainWindow::clearRun()
{
    m_recording.clear();
    m_timeline->resetView();
    m_queueChart->reset();
    m_queueChart->setVisible(false);
    m_ui->lessonTabs->output()->reload();
    m_ui->lessonTabs->states()->clear();
    m_ui->lessonTabs->graph()->clear();
    m_ui->lessonTabs->figures()->clear();
    m_ui->lessonTabs->processTree()->showRunning();
    m_ui->banner->hide();
    m_outcome.clear();
    m_message.clear();
    updateActions();
    updateStatus();
}

int MainWindow::timeLimitSeconds() const
{
    return m_actions->timeLimitSeconds();
}

void MainWindow::stop()
{
    if (!m_controller->isRunning())
        return;
    m_stopClock.start();
    m_controller->stop();
    updateActions();
}

int MainWindow::frameIntervalMs() const
{
    const QScreen *screen = windowHandle() && windowHandle()->screen()
                                ? windowHandle()->screen()
                                : QGuiApplication::primaryScreen();
    const double hz = screen && screen->refreshRate() > 1 ? screen->refreshRate() : 60;
    // Above 120 Hz a frame's work would outgrow its slot; below 30 the run looks jerky.
    return std::clamp(int(std::lround(1000 / hz)), 8, 33);
}

void MainWindow::onRunStarted()
{
    m_refreshCount = 0;
    m_newData = true;
    m_refreshTimer.setInterval(frameIntervalMs());
    m_refreshTimer.start();
    updateActions();
    updateStatus();
}

void MainWindow::refresh()
{
    if (!m_recording.hasMeta())
        return;
    if (!m_newData && !m_timeline->followLive())
        return;
    m_newData = false;
    const double now = m_controller->elapsedNs();
    m_recording.extendTo(m_recording.meta().startNs + std::uint64_t(now));
    m_timeline->advance(now, true);
    m_queueChart->refresh(now);
    m_ui->lessonTabs->output()->refresh();
    // The graph follows every update, so a cycle shows red well within 100 ms of closing.
    updateGraph();
    updateBanner();
    // Text, lock lanes and the state diagram change less often; 10 a second reads calmly.
    if (++m_refreshCount % std::max(1, 100 / m_refreshTimer.interval()) == 0) {
        if (isTabShown(m_ui->lessonTabs->servers())) {
            // The designs run one after the other for `duration` each.
            const double perDesign =
                m_ui->parameters->value(QStringLiteral("duration")).toDouble() *
                m_ui->parameters->value(QStringLiteral("time-scale")).toDouble() * 1e6;
            const QString design = m_ui->parameters->value(QStringLiteral("design"));
            const double designs = design == QLatin1String("all") ? 6 : 1;
            if (perDesign > 0)
                m_ui->lessonTabs->servers()->setProgress(now / (perDesign * designs));
        }
        m_recording.refreshDerivedPaced();
        m_ui->lessonTabs->states()->setTransitions(
            StateTransitions::count(m_recording.timeline(), m_recording.timeline().lastNs()),
            m_recording.timeline().lastNs());
        updateStatus();
    }
    emit refreshed();
}

void MainWindow::onRunFinished(const QString &outcome)
{
    m_refreshTimer.stop();
    if (m_stopClock.isValid()) {
        m_lastStopMs = m_stopClock.elapsed();
        m_stopClock.invalidate();
    }
    m_outcome = outcome;
    m_recording.extendTo(m_recording.meta().startNs + m_recording.lastEventNs());
    m_recording.compact();
    m_ui->lessonTabs->output()->refresh();
    showWholeRun();
    if (!m_controller->summary().isEmpty()) {
        m_ui->lessonTabs->showSummary(m_controller->summary(), m_recording.hasIo());
        const int stranded = m_controller->summary().value(QLatin1String("stranded")).toInt();
        if (stranded > 0) {
            m_message =
                tr("%n worker(s) stranded on the queue until the run was %1", nullptr, stranded)
                    .arg(outcome == QLatin1String("timed_out") ? tr("ended by its time limit")
                                                               : tr("stopped"));
        }
    }
    updateActions();
    updateStatus();
    updateBanner();
}

void MainWindow::showWholeRun()
{
    // A finished run or an opened trace, whole: every derived view from all its events.
    const double end = double(m_recording.lastEventNs());
    m_timeline->advance(end, false);
    m_timeline->fit();
    m_queueChart->refresh(end);
    m_recording.refreshDerived();
    m_ui->lessonTabs->states()->setTransitions(
        StateTransitions::count(m_recording.timeline(), m_recording.timeline().lastNs()), 0);
    updateGraph();
}

} // namespace conlab
