#include "LessonTabs.h"

#include "FiguresPanel.h"
#include "LessonPanel.h"
#include "OutputPanel.h"
#include "ProcessTreeView.h"
#include "RemedyTable.h"
#include "SchedulingPanel.h"
#include "views/IoModelsMatrix.h"
#include "views/MultiprogrammingChart.h"
#include "views/ServerModelsCharts.h"
#include "views/StartCostChart.h"
#include "views/StateDiagramView.h"
#include "views/WaitForGraphView.h"

#include <QEvent>
#include <QJsonObject>
#include <QScrollArea>
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
    m_processTree = new ProcessTreeView(this);
    m_processTree->setObjectName(QStringLiteral("processTree"));
    auto *figures = new QSplitter(Qt::Vertical, this);
    m_figuresTab = figures;
    figures->addWidget(m_figures);
    figures->addWidget(m_processTree);
    figures->addWidget(m_remedies);
    figures->setStretchFactor(0, 3);
    figures->setStretchFactor(1, 2);
    figures->setStretchFactor(2, 1);
    m_output = new OutputPanel(this);
    m_output->setObjectName(QStringLiteral("output"));
    auto *graphs = new QSplitter(Qt::Vertical, this);
    m_graphs = graphs;
    graphs->addWidget(m_graph);
    graphs->addWidget(m_states);
    addTab(m_lesson, QString());
    addTab(graphs, QString());
    addTab(figures, QString());
    // Always there, so that a reader learns where printed lines go before a lesson prints.
    addTab(m_output, QString());
    connect(m_output, &OutputPanel::lineCountChanged, this, [this](int lines) {
        setTabText(tabOf(m_output), lines > 0 ? tr("Output (%1)").arg(lines) : tr("Output"));
    });

    m_ioMatrix = new IoModelsMatrix(this);
    m_ioMatrix->setObjectName(QStringLiteral("ioModels"));
    addScrolledTab(m_ioMatrix);
    m_scheduling = new SchedulingPanel(this);
    m_scheduling->setObjectName(QStringLiteral("scheduling"));
    addScrolledTab(m_scheduling);
    m_servers = new ServerModelsCharts(this);
    m_servers->setObjectName(QStringLiteral("servers"));
    addScrolledTab(m_servers);
    m_multiprogramming = new MultiprogrammingChart(this);
    m_multiprogramming->setObjectName(QStringLiteral("multiprogramming"));
    addScrolledTab(m_multiprogramming);
    m_startCost = new StartCostChart(this);
    m_startCost->setObjectName(QStringLiteral("startCost"));
    addTab(m_startCost, QString());
    setTexts();
}

void LessonTabs::addScrolledTab(QWidget *page)
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_scrollOf.insert(page, scroll);
    addTab(scroll, QString());
}

int LessonTabs::tabOf(QWidget *page) const
{
    return indexOf(m_scrollOf.value(page, page));
}

void LessonTabs::showTab(QWidget *page)
{
    setCurrentIndex(tabOf(page));
}

void LessonTabs::setTexts()
{
    setTabText(tabOf(m_lesson), tr("Lesson"));
    setTabText(tabOf(m_graphs), tr("Graph"));
    setTabToolTip(tabOf(m_graphs), tr("Wait-for graph and worker-state diagram"));
    setTabText(tabOf(m_figuresTab), tr("Figures"));
    setTabToolTip(tabOf(m_figuresTab), tr("What the run measured, and its processes and threads"));
    const int lines = m_output->lineCount();
    setTabText(tabOf(m_output), lines > 0 ? tr("Output (%1)").arg(lines) : tr("Output"));
    setTabToolTip(tabOf(m_output), tr("Lines the workers printed, with their times"));
    setTabText(tabOf(m_ioMatrix), tr("IO models"));
    setTabText(tabOf(m_scheduling), tr("Scheduling"));
    setTabText(tabOf(m_servers), tr("Servers"));
    setTabText(tabOf(m_multiprogramming), tr("Multiprogramming"));
    setTabText(tabOf(m_startCost), tr("Start cost"));
    setTabToolTip(
        tabOf(m_startCost),
        tr("How long each start method took to reach the new worker's first instruction"));
}

void LessonTabs::changeEvent(QEvent *event)
{
    QTabWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        setTexts();
}

void LessonTabs::showTabsFor(const QString &scenario, bool hasPolicy)
{
    setTabVisible(tabOf(m_ioMatrix), scenario == QLatin1String("io-models"));
    setTabVisible(tabOf(m_scheduling), hasPolicy);
    setTabVisible(tabOf(m_servers), scenario == QLatin1String("server-models"));
    setTabVisible(tabOf(m_multiprogramming), scenario == QLatin1String("multiprogramming"));
    setTabVisible(tabOf(m_startCost), scenario == QLatin1String("start-cost"));
}

bool LessonTabs::isShown(QWidget *tab) const
{
    return isTabVisible(tabOf(tab));
}

void LessonTabs::showRunning()
{
    m_figures->showRunning();
    m_processTree->showRunning();
}

void LessonTabs::showSummary(const QJsonObject &summary, bool hasIo)
{
    m_figures->showSummary(summary);
    m_processTree->showSummary(summary);
    m_remedies->addRun(summary);
    if (hasIo)
        m_ioMatrix->showSummary(summary);
    if (summary.contains(QLatin1String("jobs")))
        m_scheduling->showSummary(summary);
    if (!ServerModelsCharts::designsIn(summary).isEmpty())
        m_servers->showSummary(summary);
    if (MultiprogrammingChart::hasPhases(summary))
        m_multiprogramming->showSummary(summary);
    if (summary.contains(QLatin1String("methods")))
        m_startCost->setResults(summary.value(QLatin1String("methods")).toObject());
}

} // namespace conlab
