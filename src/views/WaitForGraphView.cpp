#include "WaitForGraphView.h"

#include "TimeAxis.h"
#include "WaitForGraphPainter.h"

#include <QEvent>
#include <QPainter>

namespace conlab {

WaitForGraphView::WaitForGraphView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(260, 260);
    setAccessibleName(tr("Wait-for graph"));
}

void WaitForGraphView::setGraph(const TraceMeta &meta, const WaitForGraph &graph, double timeNs,
                                bool live)
{
    m_meta = meta;
    m_graph = graph;
    m_cycles = graph.cycles();
    m_timeNs = timeNs;
    m_live = live;
    m_hasData = true;
    update();
}

void WaitForGraphView::clear()
{
    m_graph.clear();
    m_cycles.clear();
    m_hasData = false;
    update();
}

void WaitForGraphView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const WaitForGraphPainter graph(m_meta, m_graph);
    if (!m_hasData || !graph.hasLocks()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The wait-for graph shows who holds and who waits for each lock. "
                            "Run a lesson with locks (two locks, philosophers) to see it."));
        return;
    }
    const QString when = m_live ? tr("now (%1)").arg(TimeAxis::formatDuration(m_timeNs))
                                : tr("at %1 (cursor)").arg(TimeAxis::formatDuration(m_timeNs));
    graph.paint(painter, rect(), font(), palette(), tr("Wait-for graph %1").arg(when));
}

void WaitForGraphView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    // The words are translated as they are painted.
    setAccessibleName(tr("Wait-for graph"));
    update();
}

} // namespace conlab
