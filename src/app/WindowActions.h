#pragma once

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QSpinBox;
class QToolBar;

namespace conlab {

class TimelineView;

// The window's commands as menus, a toolbar and shortcuts. The view toggles act on the
// timeline directly; the commands that start or end something are the window's to connect.
class WindowActions : public QObject
{
    Q_OBJECT

public:
    WindowActions(QMainWindow *window, TimelineView *timeline);

    QAction *run() const { return m_runAction; }
    QAction *stop() const { return m_stopAction; }
    // Space: run when idle, stop while running, as in a media player.
    QAction *runOrStop() const { return m_runOrStopAction; }
    QAction *follow() const { return m_followAction; }
    QAction *exportImage() const { return m_exportAction; }
    // The run as Trace Event Format JSON, for Perfetto or chrome://tracing.
    QAction *exportTraceJson() const { return m_exportJsonAction; }
    QAction *openTrace() const { return m_openTraceAction; }
    // Watch mode: launch a program, or follow a running one, and draw its real threads.
    QAction *watchProgram() const { return m_watchAction; }
    QAction *attachProcess() const { return m_attachAction; }
    QAction *saveTrace() const { return m_saveTraceAction; }
    // The toolbar's limit for a run, kept across sessions.
    int timeLimitSeconds() const;
    // View > Language: one checkable entry per translation, each named in its own language.
    QActionGroup *languages() const { return m_languages; }
    // View menu entries that show or hide the window's side panels (the docks' own toggles).
    void addPanelToggles(const QList<QAction *> &toggles);
    // Every text again in the language now installed; the window calls it on LanguageChange.
    void retranslate();

private:
    void createLanguageMenu(QMenu *view);

    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_runOrStopAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_openTraceAction = nullptr;
    QAction *m_watchAction = nullptr;
    QAction *m_attachAction = nullptr;
    QAction *m_saveTraceAction = nullptr;
    QSpinBox *m_limit = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_wakeups = nullptr;
    QAction *m_cpus = nullptr;
    QAction *m_quit = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QAction *m_panelsEnd = nullptr;
    QActionGroup *m_languages = nullptr;
    QToolBar *m_toolbar = nullptr;
};

} // namespace conlab
