#pragma once

#include <QHash>
#include <QTabWidget>

class QJsonObject;

namespace conlab {

class FiguresPanel;
class IoModelsMatrix;
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

// The right-hand tabs: the lesson's text, its graphs, what the workers printed and the run's
// figures and process tree, and the panels that belong
// to one lesson only (IO models, scheduling, servers, multiprogramming), shown for that lesson
// alone and filled from a finished run's summary.
class LessonTabs : public QTabWidget
{
    Q_OBJECT

public:
    explicit LessonTabs(QWidget *parent = nullptr);

    LessonPanel *lesson() const { return m_lesson; }
    WaitForGraphView *graph() const { return m_graph; }
    StateDiagramView *states() const { return m_states; }
    FiguresPanel *figures() const { return m_figures; }
    ProcessTreeView *processTree() const { return m_processTree; }
    OutputPanel *output() const { return m_output; }
    RemedyTable *remedies() const { return m_remedies; }
    IoModelsMatrix *ioMatrix() const { return m_ioMatrix; }
    SchedulingPanel *scheduling() const { return m_scheduling; }
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

protected:
    void changeEvent(QEvent *event) override;

private:
    void setTexts();
    // A panel taller or wider than a laptop screen's dock leaves goes into a scroll area, so
    // it does not make the dock (and the window) too big for the screen.
    void addScrolledTab(QWidget *page);
    int tabOf(QWidget *page) const;

    QHash<QWidget *, QWidget *> m_scrollOf;
    QWidget *m_graphs = nullptr;
    QWidget *m_figuresTab = nullptr;
    LessonPanel *m_lesson = nullptr;
    WaitForGraphView *m_graph = nullptr;
    StateDiagramView *m_states = nullptr;
    FiguresPanel *m_figures = nullptr;
    ProcessTreeView *m_processTree = nullptr;
    OutputPanel *m_output = nullptr;
    RemedyTable *m_remedies = nullptr;
    IoModelsMatrix *m_ioMatrix = nullptr;
    SchedulingPanel *m_scheduling = nullptr;
    ServerModelsCharts *m_servers = nullptr;
    MultiprogrammingChart *m_multiprogramming = nullptr;
    StartCostChart *m_startCost = nullptr;
};

} // namespace conlab
