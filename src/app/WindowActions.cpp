#include "WindowActions.h"

#include "InterfaceLanguage.h"
#include "views/TimelineView.h"

#include <QAction>
#include <QActionGroup>
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
    // Texts are set by retranslate(), here and whenever the language changes.
    m_runAction = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), {}, this);
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});

    m_stopAction = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")), {}, this);
    m_stopAction->setShortcuts(
        {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::SHIFT | Qt::Key_F5)});

    m_runOrStopAction = new QAction(this);
    m_runOrStopAction->setShortcut(Qt::Key_Space);
    m_runOrStopAction->setShortcutContext(Qt::WindowShortcut);
    window->addAction(m_runOrStopAction);

    m_zoomIn = new QAction(QIcon::fromTheme(QStringLiteral("zoom-in")), {}, this);
    m_zoomIn->setShortcuts(QKeySequence::ZoomIn);
    connect(m_zoomIn, &QAction::triggered, timeline, &TimelineView::zoomIn);
    m_zoomOut = new QAction(QIcon::fromTheme(QStringLiteral("zoom-out")), {}, this);
    m_zoomOut->setShortcuts(QKeySequence::ZoomOut);
    connect(m_zoomOut, &QAction::triggered, timeline, &TimelineView::zoomOut);
    m_fit = new QAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), {}, this);
    m_fit->setShortcut(Qt::CTRL | Qt::Key_0);
    connect(m_fit, &QAction::triggered, timeline, &TimelineView::fit);
    m_followAction = new QAction(this);
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(Qt::CTRL | Qt::Key_L);
    connect(m_followAction, &QAction::toggled, timeline, &TimelineView::setFollowLive);
    connect(timeline, &TimelineView::followLiveChanged, m_followAction, &QAction::setChecked);

    m_wakeups = new QAction(this);
    m_wakeups->setCheckable(true);
    m_wakeups->setChecked(true);
    connect(m_wakeups, &QAction::toggled, timeline, &TimelineView::setShowWakeups);

    m_cpus = new QAction(this);
    m_cpus->setCheckable(true);
    m_cpus->setChecked(QSettings().value(QStringLiteral("view/cpuLanes"), true).toBool());
    timeline->setShowCpus(m_cpus->isChecked());
    connect(m_cpus, &QAction::toggled, timeline, [timeline](bool show) {
        timeline->setShowCpus(show);
        QSettings().setValue(QStringLiteral("view/cpuLanes"), show);
    });

    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), {}, this);
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_exportJsonAction = new QAction(this);
    m_watchAction = new QAction(QIcon::fromTheme(QStringLiteral("system-run")), {}, this);
    m_watchAction->setShortcut(Qt::CTRL | Qt::Key_W);
    m_attachAction = new QAction(this);
    m_openTraceAction = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), {}, this);
    m_openTraceAction->setShortcuts(QKeySequence::Open);
    m_saveTraceAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), {}, this);
    m_saveTraceAction->setShortcuts(QKeySequence::Save);
    m_quit = new QAction(this);
    m_quit->setShortcuts(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, window, &QWidget::close);

    QMenu *file = window->menuBar()->addMenu(QString());
    m_fileMenu = file;
    file->addAction(m_watchAction);
    file->addAction(m_attachAction);
    file->addSeparator();
    file->addAction(m_openTraceAction);
    file->addAction(m_saveTraceAction);
    file->addAction(m_exportAction);
    file->addAction(m_exportJsonAction);
    file->addSeparator();
    file->addAction(m_quit);
    m_runMenu = window->menuBar()->addMenu(QString());
    m_runMenu->addAction(m_runAction);
    m_runMenu->addAction(m_stopAction);
    m_viewMenu = window->menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_zoomIn);
    m_viewMenu->addAction(m_zoomOut);
    m_viewMenu->addAction(m_fit);
    m_viewMenu->addAction(m_followAction);
    m_viewMenu->addAction(m_wakeups);
    m_viewMenu->addAction(m_cpus);
    m_viewMenu->addSeparator();
    m_panelsEnd = m_viewMenu->addSeparator();
    createLanguageMenu(m_viewMenu);

    m_toolbar = window->addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("runToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->addAction(m_runAction);
    m_toolbar->addAction(m_stopAction);
    m_limit = new QSpinBox(m_toolbar);
    m_limit->setObjectName(QStringLiteral("timeLimit"));
    m_limit->setRange(1, 600);
    m_limit->setValue(QSettings().value(QStringLiteral("run/timeLimit"), 30).toInt());
    connect(m_limit, &QSpinBox::valueChanged, this,
            [](int value) { QSettings().setValue(QStringLiteral("run/timeLimit"), value); });
    m_toolbar->addWidget(m_limit);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_zoomOut);
    m_toolbar->addAction(m_zoomIn);
    m_toolbar->addAction(m_fit);
    m_toolbar->addAction(m_followAction);
    m_toolbar->addAction(m_wakeups);
    m_toolbar->addAction(m_cpus);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_exportAction);
    retranslate();
}

void WindowActions::createLanguageMenu(QMenu *view)
{
    m_languageMenu = view->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languages = new QActionGroup(this);
    m_languages->setExclusive(true);
    for (const QString &code : InterfaceLanguage::available()) {
        // Each language in its own words, so a reader who cannot read the current one finds
        // the way back.
        auto *action = new QAction(InterfaceLanguage::nativeName(code), m_languages);
        action->setObjectName(QStringLiteral("language_") + code);
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == InterfaceLanguage::current());
        m_languageMenu->addAction(action);
    }
    connect(m_languages, &QActionGroup::triggered, this, [this](QAction *action) {
        if (!InterfaceLanguage::choose(action->data().toString())) {
            // No such translation in this build: the check goes back where the language is.
            for (QAction *entry : m_languages->actions())
                entry->setChecked(entry->data().toString() == InterfaceLanguage::current());
        }
    });
}

void WindowActions::retranslate()
{
    m_runAction->setText(tr("&Run"));
    m_runAction->setToolTip(tr("Run the lesson with these parameters (F5)"));
    m_stopAction->setText(tr("&Stop"));
    m_stopAction->setToolTip(tr("Stop the run: every thread and process of it ends (Esc)"));
    m_zoomIn->setText(tr("Zoom &in"));
    m_zoomOut->setText(tr("Zoom &out"));
    m_fit->setText(tr("&Fit"));
    m_fit->setToolTip(tr("Show the whole run (Ctrl+0)"));
    m_followAction->setText(tr("Follow &live"));
    m_followAction->setToolTip(tr("Keep the newest events in view while a run goes on (Ctrl+L)"));
    m_wakeups->setText(tr("&Unblocked-by arrows"));
    m_wakeups->setToolTip(tr("Arrows from the worker that released a lock, posted a semaphore, "
                             "set an event or used the queue to the worker it woke"));
    m_cpus->setText(tr("&CPU lanes"));
    m_cpus->setToolTip(tr("A lane per virtual CPU, naming the worker that ran on it"));
    m_exportAction->setText(tr("&Export image…"));
    m_exportAction->setToolTip(tr("Save the timeline as a PNG, SVG or PDF image (Ctrl+E)"));
    m_exportJsonAction->setText(tr("Export trace as &JSON…"));
    m_exportJsonAction->setToolTip(
        tr("Save the run in the Trace Event Format, to open in Perfetto or chrome://tracing"));
    m_watchAction->setText(tr("&Watch a program…"));
    m_watchAction->setToolTip(tr("Launch any program and draw its real threads and child "
                                 "processes from the kernel's accounting (Ctrl+W)"));
    m_attachAction->setText(tr("&Attach to a process…"));
    m_attachAction->setToolTip(tr("Follow a running process of yours, without stopping it"));
    m_openTraceAction->setText(tr("&Open trace…"));
    m_saveTraceAction->setText(tr("&Save trace…"));
    m_quit->setText(tr("&Quit"));
    m_fileMenu->setTitle(tr("&File"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    for (QAction *entry : m_languages->actions())
        entry->setChecked(entry->data().toString() == InterfaceLanguage::current());
    m_toolbar->setWindowTitle(tr("Run"));
    m_limit->setSuffix(tr(" s"));
    m_limit->setPrefix(tr("time limit "));
    m_limit->setToolTip(tr("A run still going after this long is ended, and says so"));
}

void WindowActions::addPanelToggles(const QList<QAction *> &toggles)
{
    m_viewMenu->insertActions(m_panelsEnd, toggles);
}

int WindowActions::timeLimitSeconds() const
{
    return m_limit->value();
}

} // namespace conlab
