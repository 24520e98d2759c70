#pragma once

#include "analysis/RunRecording.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMainWindow>
#include <QTimer>
#include <memory>

class QAction;
class QTreeWidgetItem;

namespace conlab {

namespace Ui {
class MainWindow;
}

class LessonTabs;
class ParameterPanel;
class QueueDepthChart;
class RunController;
class RunStatusLine;
class TimelineView;
class WindowActions;

// Lessons and parameters on the left, the live timeline and queue chart in the middle, the
// lesson text and the run's figures on the right, run state in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool selectScenario(const QString &id);
    QString currentScenario() const;
    // The form has the panel; its fields are built from the chosen scenario's schema.
    ParameterPanel *parameters() const;
    TimelineView *timeline() const { return m_timeline; }
    QueueDepthChart *queueChart() const { return m_queueChart; }
    RunController *controller() const { return m_controller; }
    // The right-hand tabs, each panel reached through it.
    LessonTabs *lessonTabs() const;
    bool isTabShown(QWidget *tab) const;
    int timeLimitSeconds() const;
    QString bannerText() const;
    int remedyRows() const;
    const RunRecording &recording() const { return m_recording; }
    QString statusText() const;
    bool loadTrace(const QString &path, QString *error);

    // Watch mode: runs the runner on a program (--exec ...) or a process (--attach PID) with
    // the given arguments, live, as a lesson's run is. `lesson`: the real-Python lesson whose
    // Run this is (its text stays), else the run is the user's own program.
    bool watch(const QStringList &runnerArguments, const QString &workingFolder = {},
               const QString &lesson = {});
    // How often a live run is redrawn: once a refresh of the screen the window is on.
    int frameIntervalMs() const;

signals:
    // A live frame's work is done (the timeline and panels have taken in what arrived).
    void refreshed();

public slots:
    void run();
    void stop();
    void watchProgram();
    void attachProcess();
    void exportImage();
    void openTrace();
    void saveTrace();
    void exportTraceJson();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // The form's texts and those set in code, again in the language now installed
    // (QEvent::LanguageChange).
    void changeEvent(QEvent *event) override;
    void retranslate();
    // Forgets the run shown: its lanes, banner, figures and graph belong to another lesson.
    void clearRun();
    // Before a run or a watch: no outcome, message or stop time of the last one.
    void forgetLastRun();
    // A run that could not start: why, in the status line and a message box.
    void refuse(const QString &title, const QString &why);
    void showStarted();
    void showWholeRun();
    void createActions();
    void createCentre();
    void createDocks();
    void createStatusBar();
    // Side panels as wide as a laptop screen allows, so the timeline keeps half the width.
    void fitDocksToWidth();
    void onScenarioChosen(QTreeWidgetItem *item);
    void onRunStarted();
    void onRunFinished(const QString &outcome);
    void refresh();
    void updateStatus();
    void updateActions();
    void updateGraph();
    void updateBanner();
    void showLessonTabs(const QString &scenario);

    std::unique_ptr<Ui::MainWindow> m_ui;
    RunRecording m_recording;
    RunController *m_controller = nullptr;
    TimelineView *m_timeline = nullptr;
    QueueDepthChart *m_queueChart = nullptr;
    RunStatusLine *m_status = nullptr;
    WindowActions *m_actions = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_saveTraceAction = nullptr;
    QTimer m_refreshTimer;
    QElapsedTimer m_stopClock;
    QString m_outcome;
    QString m_message;
    // The real-Python lesson the shown run was started from; empty for any other run.
    QString m_watchedLesson;
    qint64 m_lastStopMs = -1;
    int m_refreshCount = 0;
    // Events came in since the last frame: a frame without any, on a timeline not following
    // the run, has nothing new to show.
    bool m_newData = false;
    // No saved layout to restore: the first show sizes the side panels for the screen.
    bool m_fitDocksOnShow = false;
};

} // namespace conlab
