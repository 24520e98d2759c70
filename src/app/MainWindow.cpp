#include "MainWindow.h"

#include "AttachDialog.h"
#include "FiguresPanel.h"
#include "LessonPanel.h"
#include "LessonTabs.h"
#include "OutputPanel.h"
#include "ParameterPanel.h"
#include "ProcessTreeView.h"
#include "PythonLesson.h"
#include "RemedyTable.h"
#include "RunBanner.h"
#include "RunController.h"
#include "RunFileDialogs.h"
#include "RunStatusLine.h"
#include "SchedulingPanel.h"
#include "WatchDialog.h"
#include "WindowActions.h"
#include "analysis/StateTransitions.h"
#include "export/TimelineImage.h"
#include "scenarios/PythonExampleCatalog.h"
#include "scenarios/ScenarioRegistry.h"
#include "trace/TraceFile.h"
#include "ui_MainWindow.h"
#include "views/IoRoundFigureView.h"
#include "views/QueueDepthChart.h"
#include "views/ScenarioTexts.h"
#include "views/ServerModelsCharts.h"
#include "views/StateDiagramView.h"
#include "views/StatePalette.h"
#include "views/TimeAxis.h"
#include "views/TimelineView.h"
#include "views/WaitForGraphView.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <algorithm>

namespace conlab {

namespace {

constexpr int kRefreshMs = 30; // about 33 timeline updates a second while a run is live
constexpr int kIdRole = Qt::UserRole;
const QString kDefaultScenario = QStringLiteral("producer-consumer");
// Narrow enough that both panels and half a 1280-pixel window fit side by side.
constexpr int kLeftDockMinimum = 250;
constexpr int kRightDockMinimum = 300;
// Layouts saved before the side panels could be narrow (and hidden) are not restored: their
// panels would leave the timeline less than half a laptop screen.
constexpr int kLayoutVersion = 1;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    m_controller = new RunController(&m_recording, this);
    createCentre();
    createActions();
    createDocks();
    createStatusBar();
    createCatalog();

    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_controller, &RunController::started, this, &MainWindow::onRunStarted);
    connect(m_controller, &RunController::metaArrived, this, [this] {
        m_timeline->resetView();
        m_ui->lessonTabs->output()->reload();
        m_queueChart->reset();
        m_queueChart->setVisible(m_queueChart->hasQueue());
    });
    connect(m_controller, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_controller, &RunController::failed, this, [this](const QString &message) {
        m_message = message;
        updateStatus();
    });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_fitDocksOnShow =
        !restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    m_ui->lessonTabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    connect(m_ui->lessonTabs, &QTabWidget::currentChanged, this,
            [](int tab) { QSettings().setValue(QStringLiteral("window/tab"), tab); });
    if (!selectScenario(settings.value(QStringLiteral("window/scenario")).toString()))
        selectScenario(kDefaultScenario);
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow() = default;

ParameterPanel *MainWindow::parameters() const
{
    return m_ui->parameters;
}

LessonTabs *MainWindow::lessonTabs() const
{
    return m_ui->lessonTabs;
}

void MainWindow::createCentre()
{
    m_timeline = new TimelineView(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setRecording(&m_recording);
    m_queueChart = new QueueDepthChart(this);
    m_queueChart->setObjectName(QStringLiteral("queueChart"));
    m_queueChart->setRecording(&m_recording);
    m_ui->lessonTabs->setRecording(&m_recording);
    connect(m_timeline, &TimelineView::plotColumnsChanged, m_queueChart,
            &QueueDepthChart::setPlotColumns);
    connect(m_timeline, &TimelineView::visibleRangeChanged, m_queueChart,
            &QueueDepthChart::setVisibleRange);
    m_ui->timelineSplitter->addWidget(m_timeline);
    m_ui->timelineSplitter->addWidget(m_queueChart);
    // Designer gives a splitter's panes no stretch factors.
    m_ui->timelineSplitter->setStretchFactor(0, 3);
    m_ui->timelineSplitter->setStretchFactor(1, 1);
    connect(m_timeline, &TimelineView::cursorChanged, this, [this] { updateGraph(); });
}

void MainWindow::createActions()
{
    m_actions = new WindowActions(this, m_timeline);
    m_runAction = m_actions->run();
    m_stopAction = m_actions->stop();
    m_followAction = m_actions->follow();
    m_exportAction = m_actions->exportImage();
    m_saveTraceAction = m_actions->saveTrace();
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);
    connect(m_actions->runOrStop(), &QAction::triggered, this,
            [this] { m_controller->isRunning() ? stop() : run(); });
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportImage);
    connect(m_actions->openTrace(), &QAction::triggered, this, &MainWindow::openTrace);
    connect(m_saveTraceAction, &QAction::triggered, this, &MainWindow::saveTrace);
    connect(m_actions->exportTraceJson(), &QAction::triggered, this, &MainWindow::exportTraceJson);
    connect(m_actions->watchProgram(), &QAction::triggered, this, &MainWindow::watchProgram);
    connect(m_actions->attachProcess(), &QAction::triggered, this, &MainWindow::attachProcess);
}

void MainWindow::createCatalog()
{
    m_ui->catalog->clear();
    QTreeWidgetItem *chapterItem = nullptr;
    int chapter = -1;
    // The scenarios by chapter, then the real-Python lessons as a chapter of their own: they
    // run the same way (a watched python3), offer the same parameters, and read best side by
    // side (threads against processes under the real GIL).
    std::vector<Scenario::Info> lessons = ScenarioRegistry::catalog();
    for (const PythonExample &example : PythonExampleCatalog::all())
        lessons.push_back(example.info);
    for (const Scenario::Info &info : lessons) {
        if (info.chapter != chapter) {
            chapter = info.chapter;
            chapterItem = new QTreeWidgetItem(m_ui->catalog);
            chapterItem->setText(0, QStringLiteral("%1  %2").arg(chapter).arg(
                                        ScenarioTexts::text(info.chapterTitle)));
            chapterItem->setFlags(Qt::ItemIsEnabled);
            QFont bold = chapterItem->font(0);
            bold.setBold(true);
            chapterItem->setFont(0, bold);
        }
        auto *item = new QTreeWidgetItem(chapterItem);
        item->setText(0, ScenarioTexts::text(info.title));
        item->setData(0, kIdRole, QString::fromStdString(info.id));
        item->setToolTip(0, QString::fromStdString(info.id));
    }
    m_ui->catalog->expandAll();
}

void MainWindow::createDocks()
{
    connect(m_ui->catalog, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { onScenarioChosen(item); });
    // Designer gives a splitter's panes no stretch factors. The split also follows the
    // parameters' scroll area's size hint, which it takes once, while the panel is empty:
    // the form puts the panel in it before the splitter asks.
    m_ui->lessonsSplitter->setStretchFactor(0, 1);
    m_ui->lessonsSplitter->setStretchFactor(1, 2);
    m_ui->lessonsDock->setMinimumWidth(kLeftDockMinimum);

    m_ui->lessonTabs->output()->setRecording(&m_recording);
    connect(m_ui->lessonTabs->output(), &OutputPanel::instantChosen, this,
            [this](double ns, std::uint32_t worker) {
                m_timeline->showInstant(ns, m_recording.timeline().laneOf(worker));
            });
    connect(m_ui->lessonTabs->scheduling(), &SchedulingPanel::compareRequested, this, [this] {
        if (m_controller->isRunning())
            return;
        if (m_ui->parameters->value(QStringLiteral("policy")).isEmpty()) {
            statusBar()->showMessage(
                tr("Compare policies works on lessons with a policy, such as Scheduling policies"),
                5000);
            return;
        }
        m_ui->lessonTabs->scheduling()->compare(currentScenario(), m_ui->parameters->assignments(),
                                                timeLimitSeconds());
        updateActions();
    });
    connect(m_ui->lessonTabs->scheduling(), &SchedulingPanel::comparisonFinished, this,
            &MainWindow::updateActions);
    m_ui->lessonDock->setMinimumWidth(kRightDockMinimum);

    // View > Lessons and parameters, View > Lesson: checkable, named after the docks (so
    // they follow the language), their state saved with the window's (saveState).
    m_ui->lessonsDock->toggleViewAction()->setObjectName(QStringLiteral("showLessonsDock"));
    m_ui->lessonDock->toggleViewAction()->setObjectName(QStringLiteral("showLessonDock"));
    m_actions->addPanelToggles(
        {m_ui->lessonsDock->toggleViewAction(), m_ui->lessonDock->toggleViewAction()});
}

void MainWindow::fitDocksToWidth()
{
    // About a quarter of the window each: on a 1280-pixel laptop screen the timeline keeps
    // more than half, on a wide screen the panels stop growing.
    const int leftWidth = std::clamp(width() * 22 / 100, kLeftDockMinimum, 360);
    const int rightWidth = std::clamp(width() * 25 / 100, kRightDockMinimum, 440);
    resizeDocks({m_ui->lessonsDock, m_ui->lessonDock}, {leftWidth, rightWidth}, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_fitDocksOnShow) {
        m_fitDocksOnShow = false;
        fitDocksToWidth();
    }
}

void MainWindow::createStatusBar()
{
    m_status = new RunStatusLine(this);
    statusBar()->addWidget(m_status, 1);
}

bool MainWindow::selectScenario(const QString &id)
{
    for (int chapter = 0; chapter < m_ui->catalog->topLevelItemCount(); ++chapter) {
        QTreeWidgetItem *chapterItem = m_ui->catalog->topLevelItem(chapter);
        for (int i = 0; i < chapterItem->childCount(); ++i) {
            if (chapterItem->child(i)->data(0, kIdRole).toString() == id) {
                m_ui->catalog->setCurrentItem(chapterItem->child(i));
                return true;
            }
        }
    }
    return false;
}

QString MainWindow::currentScenario() const
{
    return m_ui->parameters->scenarioId();
}

void MainWindow::onScenarioChosen(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString id = item->data(0, kIdRole).toString();
    if (id.isEmpty())
        return;
    const auto scenario = ScenarioRegistry::create(id.toStdString());
    const PythonExample *example = PythonLesson::find(id);
    if (!scenario && !example)
        return;
    // A finished run of another lesson (or a watched program) is not this lesson's: leaving
    // its lanes and verdict under this lesson's title would be read as this lesson's result.
    // A real-Python lesson's run is a watch ("exec"), kept for the lesson that started it.
    const QString shownRun = !m_watchedLesson.isEmpty()
                                 ? m_watchedLesson
                                 : QString::fromStdString(m_recording.meta().scenario);
    if (!m_controller->isRunning() && m_recording.hasMeta() && shownRun != id)
        clearRun();
    m_ui->parameters->setScenario(id, scenario ? scenario->parameters() : example->parameters());
    m_ui->lessonTabs->lesson()->showLesson(id);
    showLessonTabs(id);
    QSettings().setValue(QStringLiteral("window/scenario"), id);
    updateActions();
}

void MainWindow::run()
{
    if (m_controller->isRunning() || currentScenario().isEmpty())
        return;
    m_outcome.clear();
    m_message.clear();
    m_lastStopMs = -1;
    if (m_ui->lessonTabs->scheduling()->isComparing())
        return;
    if (const PythonExample *example = PythonLesson::find(currentScenario())) {
        // Said before anything starts, as the runner would say it (exit 2), not as a failed
        // watch of a program that is not there.
        const QString problem = PythonLesson::problem(*example);
        if (!problem.isEmpty()) {
            m_message = problem;
            updateStatus();
            QMessageBox::warning(this, tr("Cannot run"), problem);
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
        m_message = m_controller->errorText();
        updateStatus();
        QMessageBox::warning(this, tr("Cannot run"), m_message);
        return;
    }
    m_watchedLesson.clear();
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
    m_outcome.clear();
    m_message.clear();
    m_lastStopMs = -1;
    if (!m_controller->startRunner(runnerArguments, timeLimitSeconds(), workingFolder)) {
        m_message = m_controller->errorText();
        updateStatus();
        QMessageBox::warning(this, tr("Cannot watch"), m_message);
        return false;
    }
    // No lesson's tabs: the program is the user's, and the lesson text says how to read it
    // (a real-Python lesson's own text, which says what its program shows).
    m_watchedLesson = lesson;
    showLessonTabs(QString());
    if (lesson.isEmpty())
        m_ui->lessonTabs->lesson()->showLesson(QStringLiteral("watch"));
    m_ui->lessonTabs->showRunning();
    m_ui->lessonTabs->states()->clear();
    m_ui->lessonTabs->graph()->clear();
    m_ui->banner->hide();
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

void MainWindow::onRunStarted()
{
    m_refreshCount = 0;
    m_refreshTimer.start();
    updateActions();
    updateStatus();
}

void MainWindow::refresh()
{
    if (!m_recording.hasMeta())
        return;
    const double now = m_controller->elapsedNs();
    m_recording.extendTo(m_recording.meta().startNs + std::uint64_t(now));
    m_timeline->advance(now, true);
    m_queueChart->refresh(now);
    m_ui->lessonTabs->output()->refresh();
    // The graph follows every update, so a cycle shows red well within 100 ms of closing.
    updateGraph();
    updateBanner();
    // Text, lock lanes and the state diagram change less often; 10 a second reads calmly.
    if (++m_refreshCount % 3 == 0) {
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
        m_recording.refreshDerived();
        m_ui->lessonTabs->states()->setTransitions(
            StateTransitions::count(m_recording.timeline(), m_recording.timeline().lastNs()),
            m_recording.timeline().lastNs());
        updateStatus();
    }
}

void MainWindow::onRunFinished(const QString &outcome)
{
    m_refreshTimer.stop();
    if (m_stopClock.isValid()) {
        m_lastStopMs = m_stopClock.elapsed();
        m_stopClock.invalidate();
    }
    m_outcome = outcome;
    const double end = double(m_recording.lastEventNs());
    m_recording.extendTo(m_recording.meta().startNs + std::uint64_t(end));
    m_timeline->advance(end, false);
    m_timeline->fit();
    m_queueChart->refresh(end);
    m_ui->lessonTabs->output()->refresh();
    m_recording.refreshDerived();
    m_ui->lessonTabs->states()->setTransitions(
        StateTransitions::count(m_recording.timeline(), m_recording.timeline().lastNs()), 0);
    updateGraph();
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

bool MainWindow::isTabShown(QWidget *tab) const
{
    return m_ui->lessonTabs->isShown(tab);
}

void MainWindow::showLessonTabs(const QString &scenario)
{
    m_ui->lessonTabs->showTabsFor(scenario,
                                  !m_ui->parameters->value(QStringLiteral("policy")).isEmpty());
}

void MainWindow::updateGraph()
{
    if (!m_recording.hasMeta()) {
        m_ui->lessonTabs->graph()->clear();
        return;
    }
    const double cursor = m_timeline->cursorNs();
    if (cursor >= 0) {
        m_ui->lessonTabs->graph()->setGraph(
            m_recording.meta(),
            m_recording.waitForAt(m_recording.meta().startNs + std::uint64_t(cursor)), cursor,
            false);
    } else {
        m_ui->lessonTabs->graph()->setGraph(m_recording.meta(), m_recording.waitFor(),
                                            double(m_recording.lastEventNs()), true);
    }
}

void MainWindow::updateBanner()
{
    m_ui->banner->showRun(m_recording, m_controller->summary());
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    m_actions->retranslate();
    // The catalogue and the parameter panel are built from the scenarios' English words:
    // built again, on the same lesson with the same values (they are kept in QSettings).
    const QString scenario = currentScenario();
    {
        const QSignalBlocker blocker(m_ui->catalog);
        createCatalog();
    }
    if (!scenario.isEmpty())
        selectScenario(scenario);
    // The panels retranslate themselves; what the window composes is composed again.
    if (m_recording.hasMeta())
        updateBanner();
    updateStatus();
}

QString MainWindow::bannerText() const
{
    return m_ui->banner->isVisible() ? m_ui->banner->text() : QString();
}

int MainWindow::remedyRows() const
{
    return m_ui->lessonTabs->remedies()->rowCount();
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::updateStatus()
{
    RunStatusLine::Status status;
    const bool running = m_controller->isRunning();
    const double elapsed = running ? m_controller->elapsedNs() : double(m_recording.lastEventNs());
    if (running)
        status.state = m_controller->isStopping()
                           ? tr("stopping…")
                           : tr("running %1").arg(TimeAxis::formatDuration(elapsed));
    else if (m_recording.hasMeta())
        status.state = tr("ran %1").arg(TimeAxis::formatDuration(elapsed));
    else
        status.state = tr("ready");
    status.hasQueue = m_recording.movesItems();
    status.produced = m_recording.produced();
    status.consumed = m_recording.consumed();
    status.dropped = m_recording.droppedEvents();
    status.cpus = m_recording.hasMeta() ? QString::number(m_recording.meta().cpus)
                                        : m_ui->parameters->value(QStringLiteral("cpus"));
    status.policy = m_recording.hasMeta()
                        ? QString::fromStdString(m_recording.meta().param("policy"))
                        : m_ui->parameters->value(QStringLiteral("policy"));
    status.cores = m_recording.hasMeta() ? QString::fromStdString(m_recording.meta().param("cores"))
                                         : m_ui->parameters->value(QStringLiteral("cores"));
    QStringList outcome;
    if (!m_outcome.isEmpty())
        outcome << tr("outcome: %1").arg(StatePalette::outcomeText(m_outcome));
    if (m_lastStopMs >= 0)
        outcome << tr("stopped in %1 ms").arg(m_lastStopMs);
    if (!m_message.isEmpty())
        outcome << m_message;
    status.outcome = outcome.join(QStringLiteral(" — "));
    m_status->show(status);
}

void MainWindow::updateActions()
{
    const bool running = m_controller->isRunning();
    m_runAction->setEnabled(!running && !currentScenario().isEmpty() &&
                            !m_ui->lessonTabs->scheduling()->isComparing());
    m_stopAction->setEnabled(running && !m_controller->isStopping());
    m_exportAction->setEnabled(m_recording.hasMeta());
    m_saveTraceAction->setEnabled(m_recording.hasMeta() && !running);
    m_actions->exportTraceJson()->setEnabled(m_recording.hasMeta() && !running);
    m_ui->catalog->setEnabled(!running);
    m_ui->parameters->setEnabled(!running);
    m_actions->watchProgram()->setEnabled(!running);
    m_actions->attachProcess()->setEnabled(!running);
}

void MainWindow::exportImage()
{
    if (!m_recording.hasMeta())
        return;
    // What the timeline shows now: its lanes and the part of the run in view.
    TimelineImage::Options options;
    options.showCpus = m_timeline->showCpus();
    options.showWakeups = m_timeline->showWakeups();
    options.startNs = m_timeline->visibleStartNs();
    options.endNs = std::min(m_timeline->visibleEndNs(),
                             std::max(double(m_recording.lastEventNs()), options.startNs + 1));
    const QString path = RunFileDialogs::exportImage(this, m_recording, options);
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

bool MainWindow::loadTrace(const QString &path, QString *error)
{
    Trace trace;
    std::string message;
    if (!TraceFile::read(path.toStdString(), trace, &message)) {
        if (error)
            *error = QString::fromStdString(message);
        return false;
    }
    m_recording.load(trace);
    m_watchedLesson.clear();
    selectScenario(QString::fromStdString(trace.meta.scenario));
    m_timeline->resetView();
    m_queueChart->reset();
    m_queueChart->setVisible(m_queueChart->hasQueue());
    m_queueChart->refresh(double(m_recording.lastEventNs()));
    m_timeline->advance(double(m_recording.lastEventNs()), false);
    m_timeline->fit();
    m_ui->lessonTabs->output()->reload();
    m_ui->lessonTabs->states()->setTransitions(
        StateTransitions::count(m_recording.timeline(), m_recording.timeline().lastNs()), 0);
    updateGraph();
    m_outcome.clear();
    m_message = tr("trace %1").arg(path);
    if (!trace.summaryJson.empty()) {
        const QJsonObject summary =
            QJsonDocument::fromJson(QByteArray::fromStdString(trace.summaryJson)).object();
        m_outcome = summary.value(QLatin1String("outcome")).toString();
        m_ui->lessonTabs->figures()->showSummary(summary);
        m_ui->lessonTabs->processTree()->showSummary(summary);
        if (m_recording.hasIo())
            m_ui->lessonTabs->ioFigure()->refresh();
    } else {
        // No summary, so no tree: an empty one hides the last run's.
        m_ui->lessonTabs->processTree()->showSummary({});
    }
    updateActions();
    updateStatus();
    return true;
}

void MainWindow::openTrace()
{
    if (m_controller->isRunning())
        return;
    const QString path = RunFileDialogs::traceToOpen(this);
    QString error;
    if (!path.isEmpty() && !loadTrace(path, &error))
        QMessageBox::warning(this, tr("Cannot open trace"), error);
}

void MainWindow::saveTrace()
{
    if (m_recording.hasMeta())
        RunFileDialogs::saveTrace(this, m_recording);
}

void MainWindow::exportTraceJson()
{
    if (!m_recording.hasMeta() || m_controller->isRunning())
        return;
    const QString path = RunFileDialogs::exportTraceJson(this, m_recording);
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Nothing of a run may outlive the window: stop it and wait until it is gone.
    m_controller->shutdown();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    event->accept();
}

} // namespace conlab
