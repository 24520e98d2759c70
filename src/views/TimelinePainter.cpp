#include "TimelinePainter.h"

#include "TextWidths.h"
#include "TimeAxis.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace conlab {

TimelinePainter::TimelinePainter(const RunRecording &recording, const QFont &font,
                                 const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette), m_workers(recording, font, palette),
      m_cpus(recording, font), m_locks(recording, font), m_io(recording, palette),
      m_output(recording, font, palette)
{
    const int lanes = m_workers.count();
    std::vector<std::vector<int>> receiversOf(std::size_t(lanes) + 1);
    for (int receiver = 0; receiver < m_io.count(); ++receiver) {
        const int lane = m_io.workerLane(receiver);
        // A receiver without a lane of its own keeps its data row, after every worker lane.
        receiversOf[lane >= 0 && lane < lanes ? std::size_t(lane) : std::size_t(lanes)].push_back(
            receiver);
    }
    m_workerRows.resize(std::size_t(lanes));
    m_ioRows.resize(std::size_t(m_io.count()));
    for (int lane = 0; lane <= lanes; ++lane) {
        if (lane < lanes) {
            m_workerRows[std::size_t(lane)] = int(m_workerSection.size());
            m_workerSection.push_back({lane, -1});
        }
        for (const int receiver : receiversOf[std::size_t(lane)]) {
            m_ioRows[std::size_t(receiver)] = int(m_workerSection.size());
            m_workerSection.push_back({-1, receiver});
        }
    }
}

int TimelinePainter::laneCount() const
{
    return m_workers.count();
}

int TimelinePainter::lockLaneCount() const
{
    return m_locks.count();
}

int TimelinePainter::cpuLaneCount() const
{
    return m_showCpus ? m_cpus.count() : 0;
}

int TimelinePainter::rowCount() const
{
    return lockSectionStart() + (lockLaneCount() > 0 ? 1 + lockLaneCount() : 0);
}

int TimelinePainter::lockSectionStart() const
{
    return cpuSectionStart() + (cpuLaneCount() > 0 ? 1 + cpuLaneCount() : 0);
}

int TimelinePainter::workerRow(int lane) const
{
    return lane >= 0 && lane < laneCount() ? m_workerRows[std::size_t(lane)] : -1;
}

int TimelinePainter::workerLaneOf(int row) const
{
    return row >= 0 && row < cpuSectionStart() ? m_workerSection[std::size_t(row)].lane : -1;
}

int TimelinePainter::cpuLaneOf(int row) const
{
    const int cpu = row - cpuSectionStart() - 1;
    return cpu >= 0 && cpu < cpuLaneCount() ? cpu : -1;
}

int TimelinePainter::lockLaneOf(int row) const
{
    const int lock = row - lockSectionStart() - 1;
    return lock >= 0 && lock < lockLaneCount() ? lock : -1;
}

int TimelinePainter::ioLaneOf(int row) const
{
    return row >= 0 && row < cpuSectionStart() ? m_workerSection[std::size_t(row)].receiver : -1;
}

int TimelinePainter::ioRow(int receiver) const
{
    return receiver >= 0 && receiver < ioLaneCount() ? m_ioRows[std::size_t(receiver)] : -1;
}

bool TimelinePainter::isHeading(int row) const
{
    return row >= cpuSectionStart() && lockLaneOf(row) < 0 && cpuLaneOf(row) < 0;
}

int TimelinePainter::endRoom() const
{
    return m_workers.widestExitText() + 8;
}

int TimelinePainter::labelWidth() const
{
    // Bold: a hovered row's label is drawn bold and must fit then too.
    QFont bold = m_font;
    bold.setBold(true);
    // Each label shaped once, not a thousand labels at every paint of a live run.
    static TextWidths widths;
    widths.setFont(bold);
    int widest = widths.width(QStringLiteral("producer-10  pid 4000000"));
    for (int row = 0; row < rowCount(); ++row)
        widest = std::max(widest, widths.width(laneLabel(row)));
    return m_labelWidthLimit > 0 ? std::min(widest + 16, m_labelWidthLimit) : widest + 16;
}

int TimelinePainter::laneAt(int y) const
{
    if (y < 0)
        return -1;
    const int row = (y - kLaneGap / 2) / (kLaneHeight + kLaneGap);
    return row >= 0 && row < rowCount() ? row : -1;
}

QString TimelinePainter::laneLabel(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    if (row < cpuSectionStart()) {
        const int lane = workerLaneOf(row);
        return lane >= 0 ? m_workers.label(lane) : m_io.label(ioLaneOf(row));
    }
    if (row < lockSectionStart()) {
        const int cpu = cpuLaneOf(row);
        return cpu < 0 ? CpuLanePainter::heading() : CpuLanePainter::label(cpu);
    }
    const int lock = lockLaneOf(row);
    return lock < 0 ? LockLanePainter::heading() : m_locks.label(lock);
}

QSet<int> TimelinePainter::relatedRows(int row, double ns) const
{
    QSet<int> lanes;
    if (const int cpu = cpuLaneOf(row); cpu >= 0)
        lanes = m_cpus.relatedLanes(cpu, ns);
    else if (const int lock = lockLaneOf(row); lock >= 0)
        lanes = m_locks.relatedLanes(lock, ns);
    else if (const int io = ioLaneOf(row); io >= 0)
        lanes = {m_io.workerLane(io)};
    QSet<int> rows{row};
    for (const int lane : std::as_const(lanes))
        if (const int related = workerRow(lane); related >= 0)
            rows.insert(related);
    return rows;
}

QString TimelinePainter::toolTipHeading(int row) const
{
    return QStringLiteral("<b>%1</b><br>").arg(laneLabel(row).toHtmlEscaped());
}

QString TimelinePainter::workerToolTipHeading(int row) const
{
    const int lane = workerLaneOf(row);
    if (lane < 0)
        return toolTipHeading(row);
    const std::int64_t ppid = m_recording.timeline().lane(std::size_t(lane)).ppid;
    if (ppid == 0)
        return toolTipHeading(row);
    return QStringLiteral("<b>%1</b>&nbsp;&nbsp;%2<br>")
        .arg(laneLabel(row).toHtmlEscaped(),
             QCoreApplication::translate("TimelinePainter", "ppid %1").arg(ppid));
}

QString TimelinePainter::markerToolTip(int row, double x, const QRect &plot) const
{
    const int lane = workerLaneOf(row);
    if (lane < 0)
        return {};
    const QString text = m_output.toolTip(lane, x, plot, m_window);
    return text.isEmpty() ? QString() : workerToolTipHeading(row) + text;
}

QString TimelinePainter::lockToolTip(int row, double ns) const
{
    const int lock = lockLaneOf(row);
    return lock < 0 ? QString() : toolTipHeading(row) + m_locks.toolTip(lock, ns);
}

QString TimelinePainter::cpuToolTip(int row, double ns) const
{
    const int cpu = cpuLaneOf(row);
    return cpu < 0 ? QString() : toolTipHeading(row) + m_cpus.toolTip(cpu, ns);
}

QString TimelinePainter::ioToolTip(int row, double ns) const
{
    const int io = ioLaneOf(row);
    return io < 0 ? QString() : toolTipHeading(row) + m_io.toolTip(io, ns);
}

void TimelinePainter::paintAxis(QPainter &painter, const QRect &axis) const
{
    painter.save();
    painter.setFont(m_font);
    painter.setPen(m_palette.color(QPalette::WindowText));
    painter.drawLine(axis.bottomLeft(), axis.bottomRight());
    const QFontMetrics metrics(m_font);
    for (const TimeAxis::Tick &tick : TimeAxis::ticks(startNs(), endNs(), axis.width())) {
        const int x = int(std::lround(xForTime(tick.timeNs, axis)));
        painter.drawLine(x, axis.bottom() - 5, x, axis.bottom());
        const int width = metrics.horizontalAdvance(tick.label);
        const int left = std::clamp(x - width / 2, axis.left(), axis.right() - width);
        painter.drawText(QPoint(left, axis.bottom() - 8), tick.label);
    }
    painter.restore();
}

void TimelinePainter::paintLanes(QPainter &painter, const QRect &plot, int scrollY) const
{
    painter.save();
    painter.setClipRect(plot);
    painter.setFont(m_font);
    // Grid lines at the ticks help to read times off lanes far from the axis.
    QColor grid = m_palette.color(QPalette::Mid);
    grid.setAlpha(90);
    painter.setPen(QPen(grid, 1, Qt::DotLine));
    for (const TimeAxis::Tick &tick : TimeAxis::ticks(startNs(), endNs(), plot.width())) {
        const int x = int(std::lround(xForTime(tick.timeNs, plot)));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    const int firstRow = std::max(0, laneAt(scrollY) - 1);
    for (int row = firstRow; row < rowCount(); ++row) {
        const int top = plot.top() - scrollY + laneTop(row);
        if (top > plot.bottom())
            break;
        if (m_highlightedRows.contains(row)) {
            QColor band = m_palette.color(QPalette::Highlight);
            band.setAlpha(50);
            painter.fillRect(
                QRect(plot.left(), top - kLaneGap / 2, plot.width(), kLaneHeight + kLaneGap), band);
        }
        const QRect lane(plot.left(), top, plot.width(), kLaneHeight);
        if (const int worker = workerLaneOf(row); worker >= 0) {
            // A label pushes the exit cause after it, so the two together must fit the lane.
            const OutputMarkerPainter::Placement marks = m_output.place(
                worker, lane, m_window, lane.right() - m_workers.exitTextWidth(worker, m_window));
            m_workers.paint(painter, worker, lane, m_window,
                            OutputMarkerPainter::footprint(marks, lane));
            m_output.paint(painter, marks, lane, m_window);
        } else if (const int lock = lockLaneOf(row); lock >= 0) {
            m_locks.paint(painter, lock, lane, m_window);
        } else if (const int cpu = cpuLaneOf(row); cpu >= 0) {
            m_cpus.paint(painter, cpu, lane, m_window);
        } else if (const int io = ioLaneOf(row); io >= 0) {
            m_io.paint(painter, io, lane, m_window);
        } else {
            painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
            painter.drawLine(plot.left(), top + kLaneHeight / 2, plot.right(),
                             top + kLaneHeight / 2);
        }
    }
    if (m_showWakeups)
        paintWakeups(painter, plot, scrollY);
    paintMarkers(painter, plot);
    if (m_window.contains(m_nowNs)) {
        const int x = int(std::lround(xForTime(m_nowNs, plot)));
        painter.setPen(QPen(m_palette.color(QPalette::WindowText), 1, Qt::DashLine));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    painter.restore();
}

QString TimelinePainter::fittedLabel(const QString &label, const QFontMetrics &metrics, int width)
{
    if (metrics.horizontalAdvance(label) <= width)
        return label;
    // "process-per-connection: connection process 1  pid 4242": the name is shortened in
    // its middle, so its start and its number stay, and the OS id after it stays whole.
    const qsizetype gap = label.lastIndexOf(QStringLiteral("  "));
    const QString id = gap > 0 ? label.mid(gap) : QString();
    QString name = gap > 0 ? label.left(gap) : label;
    // A group's name before ": " becomes its initials ("thread-per-connection: thread 1" ->
    // "tpc: thread 1"), so that lanes of "thread-per-connection" and "thread-pool" still
    // differ once their names are cut.
    const qsizetype colon = name.indexOf(QStringLiteral(": "));
    if (colon > 0) {
        const QStringList words = name.left(colon).split(QLatin1Char('-'), Qt::SkipEmptyParts);
        if (words.size() > 1) {
            QString initials;
            for (const QString &word : words)
                initials += word.front();
            name = initials + name.mid(colon);
        }
    }
    return metrics.elidedText(name, Qt::ElideMiddle, width - metrics.horizontalAdvance(id)) + id;
}

void TimelinePainter::paintLabels(QPainter &painter, const QRect &labels, int scrollY) const
{
    painter.save();
    painter.setClipRect(labels);
    painter.setFont(m_font);
    for (int lane = 0; lane < rowCount(); ++lane) {
        const int top = labels.top() - scrollY + laneTop(lane);
        if (top > labels.bottom())
            break;
        if (top + kLaneHeight < labels.top())
            continue;
        const QRect row(labels.left() + 6, top, labels.width() - 10, kLaneHeight);
        QFont font = m_font;
        // Section headings ("virtual CPUs", "locks") in bold, like a hovered lane.
        font.setBold(m_highlightedRows.contains(lane) || isHeading(lane));
        painter.setFont(font);
        // A worker's identity chip, the colour its holds and CPU turns are striped with.
        if (const int worker = workerLaneOf(lane); worker >= 0)
            painter.fillRect(QRect(labels.left(), top + 5, 5, kLaneHeight - 10),
                             StatePalette::ownerColor(m_recording.timeline().lane(worker).worker));
        painter.setPen(m_palette.color(QPalette::WindowText));
        painter.drawText(row, Qt::AlignVCenter | Qt::AlignLeft,
                         fittedLabel(laneLabel(lane), QFontMetrics(font), row.width()));
    }
    painter.restore();
}

QVector<TimelineLegend::Item> TimelinePainter::legendItems() const
{
    using LegendItem = TimelineLegend::Item;
    QVector<LegendItem> items;
    m_workers.addLegendItems(items);
    m_output.addLegendItems(items);
    if (cpuLaneCount() > 0)
        CpuLanePainter::addLegendItems(items);
    if (lockLaneCount() > 0)
        LockLanePainter::addLegendItems(items);
    if (ioLaneCount() > 0)
        m_io.addLegendItems(items);
    if (m_showWakeups && !m_recording.wakeups().empty())
        items.append({LegendItem::Shape::Arrow, m_palette.color(QPalette::WindowText),
                      QCoreApplication::translate("TimelinePainter", "unblocked by")});
    if (deadlockNs() >= 0)
        items.append({LegendItem::Shape::Marker, QColor(0xE0, 0, 0),
                      QCoreApplication::translate("TimelinePainter", "deadlock formed")});
    return items;
}

QStringList TimelinePainter::legendLabels() const
{
    QStringList labels;
    for (const TimelineLegend::Item &item : legendItems())
        labels << item.label;
    return labels;
}

int TimelinePainter::legendHeight(int width) const
{
    return TimelineLegend(legendItems(), m_font, m_palette).height(width);
}

void TimelinePainter::paintLegend(QPainter &painter, const QRect &area) const
{
    TimelineLegend(legendItems(), m_font, m_palette).paint(painter, area);
}

void TimelinePainter::paintWakeups(QPainter &painter, const QRect &plot, int scrollY) const
{
    const auto &links = m_recording.wakeups();
    if (links.empty())
        return;
    const StateTimeline &states = m_recording.timeline();
    const double origin = double(states.meta().startNs);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QColor color = m_palette.color(QPalette::WindowText);
    color.setAlpha(170);
    painter.setPen(QPen(color, 1.2));
    painter.setBrush(color);
    int drawn = 0;
    double lastStartX = -1e9;
    constexpr double kMinArrowSpacingPx = 8;
    for (const WakeupLinks::Link &link : links) {
        const double from = double(link.wakerNs) - origin;
        const double to = double(link.wakeNs) - origin;
        if (!m_window.overlaps(from, to))
            continue;
        const int fromLane = states.laneOf(link.waker);
        const int toLane = states.laneOf(link.wakee);
        if (fromLane < 0 || toLane < 0 || fromLane == toLane)
            continue;
        // Too many arrows hide the lanes; past this many the picture is only noise.
        if (drawn > 400)
            break;
        const QPointF start(xForTime(from, plot), plot.top() - scrollY +
                                                      laneTop(workerRow(fromLane)) +
                                                      kLaneHeight / 2.0);
        // One arrow per few pixels of time: a lock passed back and forth every few
        // microseconds (the gil lesson) would otherwise be a black smear over the lanes;
        // zooming in shows every one.
        if (std::abs(start.x() - lastStartX) < kMinArrowSpacingPx)
            continue;
        lastStartX = start.x();
        ++drawn;
        const QPointF end(xForTime(to, plot),
                          plot.top() - scrollY + laneTop(workerRow(toLane)) + kLaneHeight / 2.0);
        painter.drawLine(start, end);
        const double direction = end.y() > start.y() ? -1.0 : 1.0;
        const QPointF head[] = {end, end + QPointF(-3.5, direction * 6.0),
                                end + QPointF(3.5, direction * 6.0)};
        painter.drawPolygon(head, 3);
    }
    painter.restore();
}

double TimelinePainter::deadlockNs() const
{
    if (m_hasDeadlockOverride)
        return m_deadlockOverride;
    if (!m_recording.hasDeadlock())
        return -1;
    return double(m_recording.firstDeadlock().formedNs) - double(m_recording.meta().startNs);
}

void TimelinePainter::paintMarkers(QPainter &painter, const QRect &plot) const
{
    if (const double formed = deadlockNs(); formed >= 0) {
        if (m_window.contains(formed)) {
            const int x = int(std::lround(xForTime(formed, plot)));
            painter.fillRect(QRect(x - 1, plot.top(), 3, plot.height()), QColor(0xE0, 0, 0));
        }
    }
    if (m_window.contains(m_cursorNs)) {
        const int x = int(std::lround(xForTime(m_cursorNs, plot)));
        painter.setPen(QPen(m_palette.color(QPalette::Highlight), 2));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
}

} // namespace conlab
