#include "WindowActions.h"

#include "views/TimelineView.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QToolBar>

namespace conlab {

WindowActions::WindowActions(QMainWindow *window, TimelineView *timeline) : QObject(window)
{
    m_runAction =
        new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run"), this);
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_runAction->setToolTip(tr("Run the lesson with these parameters (F5)"));

    m_stopAction =
        new QAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("&Stop"), this);
    m_stopAction->setShortcuts(
        {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    m_stopAction->setToolTip(tr("Stop the run: every thread and process of it ends (Esc)"));

    m_runOrStopAction = new QAction(this);
    m_runOrStopAction->setShortcut(Qt::Key_Space);
    m_runOrStopAction->setShortcutContext(Qt::WindowShortcut);
    window->addAction(m_runOrStopAction);

    auto *zoomIn = new QAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &in"), this);
    zoomIn->setShortcuts(QKeySequence::ZoomIn);
    connect(zoomIn, &QAction::triggered, timeline, &TimelineView::zoomIn);
    auto *zoomOut =
        new QAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &out"), this);
    zoomOut->setShortcuts(QKeySequence::ZoomOut);
    connect(zoomOut, &QAction::triggered, timeline, &TimelineView::zoomOut);
    auto *fit = new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit"), this);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
    fit->setToolTip(tr("Show the whole run (Ctrl+0)"));
    connect(fit, &QAction::triggered, timeline, &TimelineView::fit);
    m_followAction = new QAction(tr("Follow &live"), this);
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(Qt::CTRL | Qt::Key_L);
    m_followAction->setToolTip(tr("Keep the newest events in view while a run goes on (Ctrl+L)"));
    connect(m_followAction, &QAction::toggled, timeline, &TimelineView::setFollowLive);
    connect(timeline, &TimelineView::followLiveChanged, m_followAction, &QAction::setChecked);

    auto *wakeups = new QAction(tr("&Unblocked-by arrows"), this);
    wakeups->setCheckable(true);
    wakeups->setChecked(true);
    wakeups->setToolTip(tr("Arrows from the worker that released a lock, posted a semaphore, set "
                           "an event or used the queue to the worker it woke"));
    connect(wakeups, &QAction::toggled, timeline, &TimelineView::setShowWakeups);

    auto *cpus = new QAction(tr("&CPU lanes"), this);
    cpus->setCheckable(true);
    cpus->setChecked(QSettings().value(QStringLiteral("view/cpuLanes"), true).toBool());
    cpus->setToolTip(tr("A lane per virtual CPU, naming the worker that ran on it"));
    timeline->setShowCpus(cpus->isChecked());
    connect(cpus, &QAction::toggled, timeline, [timeline](bool show) {
        timeline->setShowCpus(show);
        QSettings().setValue(QStringLiteral("view/cpuLanes"), show);
    });

    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")),
                                 tr("&Export image…"), this);
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_exportAction->setToolTip(tr("Save the timeline as a PNG, SVG or PDF image (Ctrl+E)"));
    m_exportJsonAction = new QAction(tr("Export trace as &JSON…"), this);
    m_exportJsonAction->setToolTip(
        tr("Save the run in the Trace Event Format, to open in Perfetto or chrome://tracing"));
    m_openTraceAction =
        new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open trace…"), this);
    m_openTraceAction->setShortcuts(QKeySequence::Open);
    m_saveTraceAction =
        new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save trace…"), this);
    m_saveTraceAction->setShortcuts(QKeySequence::Save);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcuts(QKeySequence::Quit);
    connect(quit, &QAction::triggered, window, &QWidget::close);

    QMenu *file = window->menuBar()->addMenu(tr("&File"));
    file->addAction(m_openTraceAction);
    file->addAction(m_saveTraceAction);
    file->addAction(m_exportAction);
    file->addAction(m_exportJsonAction);
    file->addSeparator();
    file->addAction(quit);
    QMenu *runMenu = window->menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_stopAction);
    QMenu *view = window->menuBar()->addMenu(tr("&View"));
    view->addAction(zoomIn);
    view->addAction(zoomOut);
    view->addAction(fit);
    view->addAction(m_followAction);
    view->addAction(wakeups);
    view->addAction(cpus);

    QToolBar *toolbar = window->addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_stopAction);
    m_limit = new QSpinBox(toolbar);
    m_limit->setObjectName(QStringLiteral("timeLimit"));
    m_limit->setRange(1, 600);
    m_limit->setSuffix(tr(" s"));
    m_limit->setPrefix(tr("time limit "));
    m_limit->setValue(QSettings().value(QStringLiteral("run/timeLimit"), 30).toInt());
    m_limit->setToolTip(tr("A run still going after this long is ended, and says so"));
    connect(m_limit, &QSpinBox::valueChanged, this,
            [](int value) { QSettings().setValue(QStringLiteral("run/timeLimit"), value); });
    toolbar->addWidget(m_limit);
    toolbar->addSeparator();
    toolbar->addAction(zoomOut);
    toolbar->addAction(zoomIn);
    toolbar->addAction(fit);
    toolbar->addAction(m_followAction);
    toolbar->addAction(wakeups);
    toolbar->addAction(cpus);
    toolbar->addSeparator();
    toolbar->addAction(m_exportAction);
}

int WindowActions::timeLimitSeconds() const
{
    return m_limit->value();
}

} // namespace conlab
