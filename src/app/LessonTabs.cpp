#include "LessonTabs.h"

#include "FiguresPanel.h"
#include "LessonPanel.h"
#include "RemedyTable.h"
#include "SchedulingPanel.h"
#include "views/IoModelsMatrix.h"
#include "views/MultiprogrammingChart.h"
#include "views/ServerModelsCharts.h"
#include "views/StateDiagramView.h"
#include "views/WaitForGraphView.h"

#include <QJsonObject>
#include <QSplitter>

namespace conlab {

LessonTabs::LessonTabs(QWidget *parent) : QTabWidget(parent)
{
    m_lesson = new LessonPanel(this);
    m_lesson->setObjectName(QStringLiteral("lesson"));
    m_figures = new FiguresPanel(this);
    m_figures->setObjectName(QStringLiteral("figures"));
    m_graph = new WaitForGraphView(this);
    m_graph->setObjectName(QStringLiteral("waitForGraph"));
    m_states = new StateDiagramView(this);
    m_states->setObjectName(QStringLiteral("stateDiagram"));
    m_remedies = new RemedyTable(this);
    m_remedies->setObjectName(QStringLiteral("remedies"));
    auto *figures = new QSplitter(Qt::Vertical, this);
    figures->addWidget(m_figures);
    figures->addWidget(m_remedies);
    figures->setStretchFactor(0, 3);
    figures->setStretchFactor(1, 1);
    auto *graphs = new QSplitter(Qt::Vertical, this);
    graphs->addWidget(m_graph);
    graphs->addWidget(m_states);
    addTab(m_lesson, tr("Lesson"));
    addTab(graphs, tr("Graph"));
    setTabToolTip(1, tr("Wait-for graph and worker-state diagram"));
    addTab(figures, tr("Figures"));

    m_ioMatrix = new IoModelsMatrix(this);
    m_ioMatrix->setObjectName(QStringLiteral("ioModels"));
    addTab(m_ioMatrix, tr("IO models"));
    m_scheduling = new SchedulingPanel(this);
    m_scheduling->setObjectName(QStringLiteral("scheduling"));
    addTab(m_scheduling, tr("Scheduling"));
    m_servers = new ServerModelsCharts(this);
    m_servers->setObjectName(QStringLiteral("servers"));
    addTab(m_servers, tr("Servers"));
    m_multiprogramming = new MultiprogrammingChart(this);
    m_multiprogramming->setObjectName(QStringLiteral("multiprogramming"));
    addTab(m_multiprogramming, tr("Multiprogramming"));
}

void LessonTabs::showTabsFor(const QString &scenario, bool hasPolicy)
{
    setTabVisible(indexOf(m_ioMatrix), scenario == QLatin1String("io-models"));
    setTabVisible(indexOf(m_scheduling), hasPolicy);
    setTabVisible(indexOf(m_servers), scenario == QLatin1String("server-models"));
    setTabVisible(indexOf(m_multiprogramming), scenario == QLatin1String("multiprogramming"));
}

bool LessonTabs::isShown(QWidget *tab) const
{
    return isTabVisible(indexOf(tab));
}

void LessonTabs::showSummary(const QJsonObject &summary, bool hasIo)
{
    m_figures->showSummary(summary);
    m_remedies->addRun(summary);
    if (hasIo)
        m_ioMatrix->showSummary(summary);
    if (summary.contains(QLatin1String("jobs")))
        m_scheduling->showSummary(summary);
    if (!ServerModelsCharts::designsIn(summary).isEmpty())
        m_servers->showSummary(summary);
    if (MultiprogrammingChart::hasPhases(summary))
        m_multiprogramming->showSummary(summary);
}

} // namespace conlab
