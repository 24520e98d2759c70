#include "LessonTabs.h"

#include "FiguresPanel.h"
#include "LessonPanel.h"
#include "OutputPanel.h"
#include "ProcessTreeView.h"
#include "RemedyTable.h"
#include "SchedulingPanel.h"
#include "ui_LessonTabs.h"
#include "views/IoModelsMatrix.h"
#include "views/IoRoundFigureView.h"
#include "views/MultiprogrammingChart.h"
#include "views/ServerModelsCharts.h"
#include "views/StartCostChart.h"
#include "views/StateDiagramView.h"
#include "views/WaitForGraphView.h"

#include <QEvent>
#include <QJsonObject>
#include <QVBoxLayout>

namespace conlab {

LessonTabs::LessonTabs(QWidget *parent)
    : QTabWidget(parent), m_ui(std::make_unique<Ui::LessonTabs>())
{
    m_ui->setupUi(this);
    // Designer gives a splitter's panes no stretch factors.
    m_ui->figuresTab->setStretchFactor(0, 3);
    m_ui->figuresTab->setStretchFactor(1, 2);
    m_ui->figuresTab->setStretchFactor(2, 1);

    // The painted views and charts are made here and put in their places in the form.
    m_graph = new WaitForGraphView(this);
    m_graph->setObjectName(QStringLiteral("waitForGraph"));
    m_states = new StateDiagramView(this);
    m_states->setObjectName(QStringLiteral("stateDiagram"));
    m_ui->graphs->addWidget(m_graph);
    m_ui->graphs->addWidget(m_states);
    // A panel taller or wider than a laptop screen's dock leaves is in a scroll area, so it
    // does not make the dock (and the window) too big for the screen.
    // The matrix, and under it one round of each receiver as the textbook draws it.
    auto *ioPage = new QWidget(this);
    auto *ioLayout = new QVBoxLayout(ioPage);
    m_ioMatrix = new IoModelsMatrix(ioPage);
    m_ioMatrix->setObjectName(QStringLiteral("ioModels"));
    m_ioFigure = new IoRoundFigureView(ioPage);
    m_ioFigure->setObjectName(QStringLiteral("ioRoundFigure"));
    ioLayout->addWidget(m_ioMatrix);
    ioLayout->addWidget(m_ioFigure);
    ioLayout->addStretch();
    m_ui->ioModelsPage->setWidget(ioPage);
    m_servers = new ServerModelsCharts(this);
    m_servers->setObjectName(QStringLiteral("servers"));
    m_ui->serversPage->setWidget(m_servers);
    m_multiprogramming = new MultiprogrammingChart(this);
    m_multiprogramming->setObjectName(QStringLiteral("multiprogramming"));
    m_ui->multiprogrammingPage->setWidget(m_multiprogramming);
    // The chart is its tab's page (no placeholder between them), so the tab is added here.
    m_startCost = new StartCostChart(this);
    m_startCost->setObjectName(QStringLiteral("startCost"));
    addTab(m_startCost, QString());

    // The Output tab, shown for every lesson so that a reader learns where printed lines go
    // before a lesson prints, counts them.
    connect(m_ui->output, &OutputPanel::lineCountChanged, this, &LessonTabs::showOutputCount);
    setTexts();
}

LessonTabs::~LessonTabs() = default;

LessonPanel *LessonTabs::lesson() const
{
    return m_ui->lesson;
}

FiguresPanel *LessonTabs::figures() const
{
    return m_ui->figures;
}

ProcessTreeView *LessonTabs::processTree() const
{
    return m_ui->processTree;
}

OutputPanel *LessonTabs::output() const
{
    return m_ui->output;
}

RemedyTable *LessonTabs::remedies() const
{
    return m_ui->remedies;
}

SchedulingPanel *LessonTabs::scheduling() const
{
    return m_ui->scheduling;
}

int LessonTabs::tabOf(QWidget *page) const
{
    for (QWidget *widget = page; widget && widget != this; widget = widget->parentWidget()) {
        const int tab = indexOf(widget);
        if (tab >= 0)
            return tab;
    }
    return -1;
}

void LessonTabs::showTab(QWidget *page)
{
    setCurrentIndex(tabOf(page));
}

void LessonTabs::showOutputCount()
{
    const int lines = m_ui->output->lineCount();
    setTabText(tabOf(m_ui->output), lines > 0 ? tr("Output (%1)").arg(lines) : tr("Output"));
}

void LessonTabs::setTexts()
{
    showOutputCount();
    setTabText(tabOf(m_startCost), tr("Start cost"));
    setTabToolTip(
        tabOf(m_startCost),
        tr("How long each start method took to reach the new worker's first instruction"));
}

void LessonTabs::changeEvent(QEvent *event)
{
    QTabWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    setTexts();
}

void LessonTabs::showTabsFor(const QString &scenario, bool hasPolicy)
{
    setTabVisible(tabOf(m_ioMatrix), scenario == QLatin1String("io-models"));
    setTabVisible(tabOf(m_ui->scheduling), hasPolicy);
    setTabVisible(tabOf(m_servers), scenario == QLatin1String("server-models"));
    setTabVisible(tabOf(m_multiprogramming), scenario == QLatin1String("multiprogramming"));
    setTabVisible(tabOf(m_startCost), scenario == QLatin1String("start-cost"));
}

bool LessonTabs::isShown(QWidget *tab) const
{
    return isTabVisible(tabOf(tab));
}

void LessonTabs::setRecording(const RunRecording *recording)
{
    m_ioFigure->setRecording(recording);
}

void LessonTabs::showRunning()
{
    m_ioFigure->clear();
    m_ui->figures->showRunning();
    m_ui->processTree->showRunning();
}

void LessonTabs::showSummary(const QJsonObject &summary, bool hasIo)
{
    m_ui->remedies->addRun(summary);
    showTrace(summary, hasIo);
}

void LessonTabs::showTrace(const QJsonObject &summary, bool hasIo)
{
    m_ui->figures->showSummary(summary);
    m_ui->processTree->showSummary(summary);
    if (hasIo) {
        m_ioMatrix->showSummary(summary);
        m_ioFigure->refresh();
    }
    if (summary.contains(QLatin1String("jobs")))
        m_ui->scheduling->showSummary(summary);
    if (!ServerModelsCharts::designsIn(summary).isEmpty())
        m_servers->showSummary(summary);
    if (MultiprogrammingChart::hasPhases(summary))
        m_multiprogramming->showSummary(summary);
    if (summary.contains(QLatin1String("methods")))
        m_startCost->setResults(summary.value(QLatin1String("methods")).toObject());
}

} // namespace conlab
