#include "TimelineView.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "TimelinePainter.h"
#include "analysis/RunRecording.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace conlab {

namespace {

constexpr double kMinNsPerPixel = 10.0; // 10 ns per pixel: far below any state change
constexpr double kMinFitSpanNs = 1e9;   // a live run starts on a one-second window
constexpr double kFitMargin = 1.04;     // room after the live edge
constexpr double kZoomStep = 1.25;
constexpr int kLabelWidthFloor = 200; // "producer-10  pid 4000000" and a little more

} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setMinimumSize(480, 200);
    setAccessibleName(tr("Timeline"));
}

void TimelineView::setRecording(const RunRecording *recording)
{
    m_recording = recording;
    resetView();
}

void TimelineView::resetView()
{
    m_startNs = 0;
    m_nowNs = 0;
    m_autoFit = true;
    m_hoverLane = -1;
    m_cursorNs = -1;
    verticalScrollBar()->setValue(0);
    fit();
}

TimelinePainter TimelineView::makePainter() const
{
    TimelinePainter painter(*m_recording, font(), palette());
    painter.setShowWakeups(m_showWakeups);
    painter.setShowCpus(m_showCpus);
    // Lane names take at most a quarter of the view (never less than a usual name needs):
    // server-models' "process-per-connection: connection thread 3" would take half of it.
    painter.setLabelWidthLimit(std::max(kLabelWidthFloor, viewport()->width() / 4));
    return painter;
}

QStringList TimelineView::legendLabels() const
{
    return m_recording ? makePainter().legendLabels() : QStringList();
}

int TimelineView::laneCount() const
{
    return m_recording ? int(m_recording->timeline().laneCount()) : 0;
}

QString TimelineView::laneLabel(int lane) const
{
    if (!m_recording || lane < 0 || lane >= laneCount())
        return {};
    const TimelinePainter timeline = makePainter();
    return timeline.laneLabel(timeline.workerRow(lane));
}

QStringList TimelineView::rowLabels() const
{
    if (!m_recording)
        return {};
    const TimelinePainter timeline = makePainter();
    QStringList labels;
    for (int row = 0; row < timeline.rowCount(); ++row)
        labels << timeline.laneLabel(row);
    return labels;
}

double TimelineView::visibleEndNs() const
{
    return m_startNs + m_nsPerPixel * std::max(1, plotRect().width());
}

double TimelineView::dataEndNs() const
{
    double end = m_nowNs;
    if (m_recording)
        end = std::max(end, double(m_recording->lastEventNs()));
    return end;
}

int TimelineView::labelWidth() const
{
    if (!m_recording)
        return 160;
    // Every rectangle of the view asks, several times a frame; the labels only change with
    // the events, the font, the lanes shown and the width.
    const LabelWidthKey key{m_recording,
                            m_recording->eventCount(),
                            m_recording->hasMeta() ? m_recording->meta().startNs : 0,
                            font().key(),
                            viewport()->width(),
                            m_showCpus,
                            m_showWakeups};
    if (!(key == m_labelWidthKey)) {
        m_labelWidth = makePainter().labelWidth();
        m_labelWidthKey = key;
    }
    return m_labelWidth;
}

QRect TimelineView::axisRect() const
{
    const QRect area = viewport()->rect();
    return QRect(area.left() + labelWidth(), area.top(), area.width() - labelWidth() - 8,
                 TimelinePainter::kAxisHeight);
}

QRect TimelineView::legendRect() const
{
    const QRect area = viewport()->rect().adjusted(8, 0, -8, 0);
    int height = 24;
    if (m_recording)
        height = makePainter().legendHeight(area.width());
    return QRect(area.left(), area.bottom() - height, area.width(), height);
}

QRect TimelineView::plotRect() const
{
    const QRect axis = axisRect();
    return QRect(axis.left(), axis.bottom() + 1, axis.width(),
                 legendRect().top() - axis.bottom() - 4);
}

QRect TimelineView::labelRect() const
{
    const QRect plot = plotRect();
    return QRect(0, plot.top(), labelWidth(), plot.height());
}

void TimelineView::advance(double nowNs, bool live)
{
    m_nowNs = nowNs;
    m_live = live;
    if (m_autoFit) {
        fit();
        return;
    }
    if (m_follow && live) {
        const double span = visibleEndNs() - m_startNs;
        setStart(std::max(0.0, nowNs - span / kFitMargin), false);
    }
    updateScrollBars();
    viewport()->update();
}

void TimelineView::fit()
{
    m_autoFit = true;
    const double end = dataEndNs();
    const double span = std::max(end, m_live || end <= 0 ? kMinFitSpanNs : 1e3) * kFitMargin;
    // Leave room after the end for the exit causes the lanes really say ("finished"), not for
    // the longest one there could be: that left a quarter of a laptop's plot blank.
    const int room = m_recording
                         ? makePainter().endRoom()
                         : fontMetrics().horizontalAdvance(QStringLiteral("killed by signal 9"));
    const int width = std::max(1, plotRect().width() - (m_live ? 0 : room));
    m_nsPerPixel = std::max(kMinNsPerPixel, span / width);
    m_startNs = 0;
    updateScrollBars();
    emitRange();
    viewport()->update();
}

void TimelineView::zoomIn()
{
    zoomAround(1.0 / kZoomStep, plotRect().center().x());
}

void TimelineView::zoomOut()
{
    zoomAround(kZoomStep, plotRect().center().x());
}

void TimelineView::zoomAround(double factor, double anchorX)
{
    const QRect plot = plotRect();
    const double anchorNs = m_startNs + (anchorX - plot.left()) * m_nsPerPixel;
    const double maxNsPerPixel =
        std::max(dataEndNs(), kMinFitSpanNs) * 4 / std::max(1, plot.width());
    m_nsPerPixel = std::clamp(m_nsPerPixel * factor, kMinNsPerPixel, maxNsPerPixel);
    m_autoFit = false;
    setStart(anchorNs - (anchorX - plot.left()) * m_nsPerPixel, false);
}

void TimelineView::setFollowLive(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    emit followLiveChanged(follow);
    if (follow)
        advance(m_nowNs, m_live);
}

void TimelineView::setStart(double startNs, bool byUser)
{
    const double span = visibleEndNs() - m_startNs;
    const double latest = std::max(0.0, dataEndNs() * kFitMargin - span);
    m_startNs = std::clamp(startNs, 0.0, std::max(latest, 0.0));
    if (byUser) {
        m_autoFit = false;
        // Panning back in time means the reader wants to stay there.
        if (m_live && m_follow && visibleEndNs() < m_nowNs)
            setFollowLive(false);
    }
    updateScrollBars();
    emitRange();
    viewport()->update();
}

void TimelineView::emitRange()
{
    emit plotColumnsChanged(plotLeft(), plotRight());
    emit visibleRangeChanged(m_startNs, visibleEndNs());
}

int TimelineView::plotLeft() const
{
    return viewport()->x() + plotRect().left();
}

int TimelineView::plotRight() const
{
    return viewport()->x() + plotRect().right();
}

void TimelineView::updateScrollBars()
{
    m_updatingScrollBars = true;
    const QRect plot = plotRect();
    const double total = std::max(dataEndNs() * kFitMargin, visibleEndNs());
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setPageStep(plot.width());
    horizontal->setSingleStep(std::max(1, plot.width() / 20));
    horizontal->setRange(0, std::max(0, int(total / m_nsPerPixel) - plot.width()));
    horizontal->setValue(int(m_startNs / m_nsPerPixel));
    QScrollBar *vertical = verticalScrollBar();
    const int lanes = m_recording ? makePainter().lanesHeight() : 0;
    vertical->setPageStep(plot.height());
    vertical->setSingleStep(TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap);
    vertical->setRange(0, std::max(0, lanes - plot.height()));
    m_updatingScrollBars = false;
}

void TimelineView::scrollContentsBy(int, int)
{
    if (m_updatingScrollBars)
        return;
    const double start = horizontalScrollBar()->value() * m_nsPerPixel;
    if (std::abs(start - m_startNs) >= m_nsPerPixel)
        setStart(start, true);
    viewport()->update();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_autoFit) {
        fit();
    } else {
        updateScrollBars();
        emitRange();
    }
}

void TimelineView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    // Every word on the lanes and in the legend is translated as it is painted; the legend
    // may now take another number of rows, so the plot is placed again.
    setAccessibleName(tr("Timeline"));
    if (m_autoFit) {
        fit();
    } else {
        updateScrollBars();
        emitRange();
    }
    viewport()->update();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    if (!m_recording || !m_recording->hasMeta()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter,
                         tr("Pick a lesson, set its parameters and press Run.\n"
                            "Every worker of the run gets a lane here."));
        return;
    }
    TimelinePainter timeline = makePainter();
    timeline.setRange(m_startNs, visibleEndNs());
    timeline.setNowNs(m_live ? m_nowNs : -1);
    if (m_hoverLane >= 0)
        timeline.setHighlightedRows(timeline.relatedRows(m_hoverLane, m_hoverNs));
    timeline.setCursorNs(m_cursorNs);
    const int scrollY = verticalScrollBar()->value();
    timeline.paintAxis(painter, axisRect());
    timeline.paintLanes(painter, plotRect(), scrollY);
    timeline.paintLabels(painter, labelRect(), scrollY);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(legendRect().topLeft() - QPoint(0, 2), legendRect().topRight() - QPoint(0, 2));
    timeline.paintLegend(painter, legendRect());
}

QPoint TimelineView::pointFor(int lane, double ns) const
{
    const QRect plot = plotRect();
    const int x = int(plot.left() + (ns - m_startNs) / m_nsPerPixel);
    const int row = m_recording ? makePainter().workerRow(lane) : lane;
    const int y = plot.top() - verticalScrollBar()->value() + TimelinePainter::kLaneGap +
                  row * (TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap) +
                  TimelinePainter::kLaneHeight / 2;
    return QPoint(x, y);
}

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    const QRect plot = plotRect();
    if (!m_recording || !plot.contains(pos))
        return {};
    const TimelinePainter timeline = makePainter();
    const int row = timeline.laneAt(pos.y() - plot.top() + verticalScrollBar()->value());
    if (row < 0)
        return {};
    const double at = m_startNs + (pos.x() - plot.left() + 0.5) * m_nsPerPixel;
    if (timeline.cpuLaneOf(row) >= 0)
        return timeline.cpuToolTip(row, at);
    if (timeline.ioLaneOf(row) >= 0)
        return timeline.ioToolTip(row, at);
    const int lane = timeline.workerLaneOf(row);
    if (lane < 0)
        return timeline.lockToolTip(row, at);
    const int top = timeline.laneTop(row);
    const int y = pos.y() - plot.top() + verticalScrollBar()->value();
    if (y < top || y >= top + TimelinePainter::kLaneHeight)
        return {};
    // A pin is small and says more than the state around it, so it wins where both are.
    TimelinePainter ranged = makePainter();
    ranged.setRange(m_startNs, visibleEndNs());
    if (const QString marker = ranged.markerToolTip(row, pos.x(), plot); !marker.isEmpty())
        return marker;
    const StateTimeline &states = m_recording->timeline();
    const double origin = double(states.meta().startNs);
    // A pixel covers many short intervals when zoomed out: report the one under its middle.
    const double ns = m_startNs + (pos.x() - plot.left() + 0.5) * m_nsPerPixel;
    const StateInterval *interval =
        states.intervalAt(std::size_t(lane), std::uint64_t(origin + ns));
    if (!interval)
        return {};
    const double start = double(interval->startNs) - origin;
    const double duration = double(interval->endNs - interval->startNs);
    return tr("%1%2<br>from %3 for %4%5")
               .arg(timeline.workerToolTipHeading(row),
                    timeline.describeInterval(row, *interval).toHtmlEscaped(),
                    TimeAxis::formatDuration(start), TimeAxis::formatDuration(duration),
                    interval->open ? tr(" (still going)") : QString()) +
           (duration < m_nsPerPixel ? pixelMix(lane, pos.x()) : QString());
}

QString TimelineView::pixelMix(int lane, int x) const
{
    // A zoomed-out pixel drawn in one state's colour with another's strip at its foot: the
    // shares behind it, read from the same summary the painter drew it from.
    const StateTimeline &states = m_recording->timeline();
    const double origin = double(states.meta().startNs);
    const double from = origin + m_startNs + (x - plotRect().left()) * m_nsPerPixel;
    const StateCoverage::Totals totals =
        states.timeIn(std::size_t(lane), std::uint64_t(std::max(0.0, from)),
                      std::uint64_t(std::max(0.0, from + m_nsPerPixel)));
    std::uint64_t all = 0;
    int kinds = 0;
    for (std::size_t kind = 0; kind < std::size_t(StateCoverage::Kind::Terminated); ++kind) {
        all += totals[kind];
        kinds += totals[kind] > 0;
    }
    if (kinds < 2)
        return {};
    QStringList shares;
    for (std::size_t kind = 0; kind < std::size_t(StateCoverage::Kind::Terminated); ++kind) {
        if (totals[kind] > 0)
            shares << tr("%1 % %2")
                          .arg(std::lround(100.0 * double(totals[kind]) / double(all)))
                          .arg(StatePalette::label(
                                   StatePalette::categoryOf(StateCoverage::Kind(kind)))
                                   .toHtmlEscaped());
    }
    return tr("<br>this pixel's %1: %2")
        .arg(TimeAxis::formatDuration(m_nsPerPixel), shares.join(QStringLiteral(", ")));
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    if (event->type() == QEvent::Leave && m_hoverLane != -1) {
        m_hoverLane = -1;
        viewport()->update();
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            zoomAround(std::pow(kZoomStep, -delta.y() / 120.0), event->position().x());
        event->accept();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) || delta.x() != 0) {
        const int steps = delta.x() != 0 ? delta.x() : delta.y();
        setStart(m_startNs - steps / 120.0 * plotRect().width() / 10.0 * m_nsPerPixel, true);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragOrigin = event->position().toPoint();
        m_dragStartNs = m_startNs;
        m_dragScrollY = verticalScrollBar()->value();
        m_dragMoved = false;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        const QPoint moved = pos - m_dragOrigin;
        m_dragMoved = m_dragMoved || moved.manhattanLength() > 3;
        setStart(m_dragStartNs - moved.x() * m_nsPerPixel, true);
        verticalScrollBar()->setValue(m_dragScrollY - moved.y());
        return;
    }
    int lane = -1;
    bool worker = false;
    if (m_recording && plotRect().adjusted(-labelWidth(), 0, 0, 0).contains(pos)) {
        const TimelinePainter timeline(*m_recording, font(), palette());
        lane = timeline.laneAt(pos.y() - plotRect().top() + verticalScrollBar()->value());
        worker = timeline.workerLaneOf(lane) >= 0;
    }
    const double ns = m_startNs + (pos.x() - plotRect().left()) * m_nsPerPixel;
    // A worker lane highlights itself only; other rows point at workers that change over time.
    if (lane != m_hoverLane || (lane >= 0 && !worker && ns != m_hoverNs)) {
        m_hoverLane = lane;
        m_hoverNs = ns;
        viewport()->update();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        viewport()->unsetCursor();
        // A click without a drag puts the cursor there: the graph shows that instant.
        const QPoint pos = event->position().toPoint();
        if (!m_dragMoved && plotRect().contains(pos))
            setCursorNs(m_startNs + (pos.x() - plotRect().left()) * m_nsPerPixel);
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    setCursorNs(-1);
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void TimelineView::setShowWakeups(bool show)
{
    m_showWakeups = show;
    viewport()->update();
}

void TimelineView::setShowCpus(bool show)
{
    m_showCpus = show;
    updateScrollBars();
    viewport()->update();
}

void TimelineView::setCursorNs(double ns)
{
    m_cursorNs = ns < 0 ? -1 : ns;
    emit cursorChanged(m_cursorNs);
    viewport()->update();
}

void TimelineView::showInstant(double ns, int lane)
{
    if (ns < 0)
        return;
    const double span = visibleEndNs() - m_startNs;
    // Kept where it is when the instant is already in view: a jump would lose the reader.
    const double margin = span * 0.02;
    if (ns < m_startNs + margin || ns > visibleEndNs() - margin)
        setStart(ns - span / 2, true);
    if (lane >= 0 && lane < laneCount()) {
        const QRect plot = plotRect();
        const TimelinePainter timeline(*m_recording, font(), palette());
        const int top = timeline.laneTop(timeline.workerRow(lane));
        const int bottom = top + TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap;
        QScrollBar *vertical = verticalScrollBar();
        if (top < vertical->value())
            vertical->setValue(top - TimelinePainter::kLaneGap);
        else if (bottom > vertical->value() + plot.height())
            vertical->setValue(bottom - plot.height());
    }
    setCursorNs(ns);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fit();
        return;
    case Qt::Key_Left:
        setStart(m_startNs - plotRect().width() / 10.0 * m_nsPerPixel, true);
        return;
    case Qt::Key_Right:
        setStart(m_startNs + plotRect().width() / 10.0 * m_nsPerPixel, true);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace conlab
