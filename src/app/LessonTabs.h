#pragma once

#include <QTabWidget>
#include <memory>

class QJsonObject;

namespace conlab {

class FiguresPanel;
class IoModelsMatrix;
class IoRoundFigureView;
class RunRecording;
class LessonPanel;
class MultiprogrammingChart;
class OutputPanel;
class ProcessTreeView;
class RemedyTable;
class SchedulingPanel;
class StartCostChart;
class ServerModelsCharts;
class StateDiagramView;
class WaitForGraphView;

namespace Ui {
class LessonTabs;
}

// The right-hand tabs: the lesson's text, its graphs, what the workers printed and the run's
// figures and process tree, and the panels that belong
// to one lesson only (IO models, scheduling, servers, multiprogramming), shown for that lesson
// alone and filled from a finished run's summary.
class LessonTabs : public QTabWidget
{
    Q_OBJECT

public:
    explicit LessonTabs(QWidget *parent = nullptr);
    ~LessonTabs() override;

    LessonPanel *lesson() const;
    WaitForGraphView *graph() const { return m_graph; }
    StateDiagramView *states() const { return m_states; }
    FiguresPanel *figures() const;
    ProcessTreeView *processTree() const;
    OutputPanel *output() const;
    RemedyTable *remedies() const;
    IoModelsMatrix *ioMatrix() const { return m_ioMatrix; }
    IoRoundFigureView *ioFigure() const { return m_ioFigure; }
    // The run the IO figure is drawn from.
    void setRecording(const RunRecording *recording);
    SchedulingPanel *scheduling() const;
    ServerModelsCharts *servers() const { return m_servers; }
    MultiprogrammingChart *multiprogramming() const { return m_multiprogramming; }
    StartCostChart *startCost() const { return m_startCost; }

    // Shows the lesson-specific tabs that belong to `scenario`; `hasPolicy` for any lesson
    // with a scheduling policy to choose.
    void showTabsFor(const QString &scenario, bool hasPolicy);
    bool isShown(QWidget *tab) const;
    // Brings the tab of `page` (one of the panels above) to the front.
    void showTab(QWidget *page);
    // A run began: what the last one measured goes.
    void showRunning();
    // A run ended: each panel takes what the summary has for it.
    void showSummary(const QJsonObject &summary, bool hasIo);
    // An opened trace's summary: every panel showSummary() fills but the remedy table, which
    // compares the runs made in this window.
    void showTrace(const QJsonObject &summary, bool hasIo);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showOutputCount();
    // The texts the form cannot hold: the Output tab's count, the start-cost tab's words.
    void setTexts();
    // The tab `page` is in: a page itself, or a panel inside one (a splitter's, a scroll
    // area's).
    int tabOf(QWidget *page) const;

    std::unique_ptr<Ui::LessonTabs> m_ui;
    WaitForGraphView *m_graph = nullptr;
    StateDiagramView *m_states = nullptr;
    IoModelsMatrix *m_ioMatrix = nullptr;
    IoRoundFigureView *m_ioFigure = nullptr;
    ServerModelsCharts *m_servers = nullptr;
    MultiprogrammingChart *m_multiprogramming = nullptr;
    StartCostChart *m_startCost = nullptr;
};

} // namespace conlab
