#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QSpinBox;

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
    QAction *saveTrace() const { return m_saveTraceAction; }
    // The toolbar's limit for a run, kept across sessions.
    int timeLimitSeconds() const;

private:
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_runOrStopAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_openTraceAction = nullptr;
    QAction *m_saveTraceAction = nullptr;
    QSpinBox *m_limit = nullptr;
};

} // namespace conlab
