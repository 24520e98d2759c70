#include "MainWindow.h"

#include "LessonCatalog.h"
#include "LessonPanel.h"
#include "LessonTabs.h"
#include "OutputPanel.h"
#include "ParameterPanel.h"
#include "PythonLesson.h"
#include "RemedyTable.h"
#include "RunBanner.h"
#include "RunController.h"
#include "RunFileDialogs.h"
#include "RunStatusLine.h"
#include "SchedulingPanel.h"
#include "WindowActions.h"
#include "export/TimelineImage.h"
#include "scenarios/PythonExample.h"
#include "scenarios/ScenarioRegistry.h"
#include "trace/TraceFile.h"
#include "ui_MainWindow.h"
#include "views/IoRoundFigureView.h"
#include "views/QueueDepthChart.h"
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
#include <malloc.h>

namespace conlab {

namespace {

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
    LessonCatalog::fill(m_ui->catalog);

    m_refreshTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_controller, &RunController::eventsArrived, this, [this] { m_newData = true; });
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
    return LessonCatalog::select(m_ui->catalog, id);
}

QString MainWindow::currentScenario() const
{
    return m_ui->parameters->scenarioId();
}

void MainWindow::onScenarioChosen(QTreeWidgetItem *item)
{
    const QString id = LessonCatalog::idOf(item);
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
        LessonCatalog::fill(m_ui->catalog);
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
    for (const auto &[worker, lost] : m_recording.droppedByWorker())
        status.droppedByWorker.emplace_back(
            QString::fromStdString(m_recording.meta().workerName(worker)), lost);
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
    {
        Trace trace;
        std::string message;
        if (!TraceFile::read(path.toStdString(), trace, &message)) {
            if (error)
                *error = QString::fromStdString(message);
            return false;
        }
        m_recording.load(trace);
    }
    // The file's events and the analyses' scratch are gone; the C library keeps freed memory
    // for later unless asked, and a 10-million-event file leaves hundreds of MB of it.
    malloc_trim(0);
    // No summary, no tree: an empty one hides the last run's.
    const QJsonObject summary =
        QJsonDocument::fromJson(QByteArray::fromStdString(m_recording.summaryJson())).object();
    m_watchedLesson.clear();
    selectScenario(QString::fromStdString(m_recording.meta().scenario));
    m_timeline->resetView();
    m_queueChart->reset();
    m_queueChart->setVisible(m_queueChart->hasQueue());
    m_ui->lessonTabs->output()->reload();
    showWholeRun();
    m_message = tr("trace %1").arg(path);
    m_outcome = summary.value(QLatin1String("outcome")).toString();
    m_ui->lessonTabs->showTrace(summary, m_recording.hasIo());
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
