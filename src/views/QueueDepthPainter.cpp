#include "QueueDepthPainter.h"

#include "StatePalette.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace conlab {

namespace {

const ObjectInfo *objectOf(const RunRecording &recording, int row)
{
    return recording.meta().object(recording.queues()[std::size_t(row)].queue());
}

bool isPipe(const ObjectInfo *object)
{
    return object && object->kind == "pipe";
}

bool isSemaphore(const ObjectInfo *object)
{
    return object && object->kind == "semaphore";
}

} // namespace

QueueDepthPainter::QueueDepthPainter(const RunRecording &recording, const QFont &font,
                                     const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette)
{
}

int QueueDepthPainter::count() const
{
    return int(m_recording.queues().size());
}

double QueueDepthPainter::unit(int row) const
{
    // A pipe holds bytes: in KiB its scale reads like the window's chart.
    return isPipe(objectOf(m_recording, row)) ? 1024.0 : 1.0;
}

double QueueDepthPainter::top(int row) const
{
    const ObjectInfo *object = objectOf(m_recording, row);
    const double capacity = object ? double(object->capacity) : 0.0;
    const double deepest = double(m_recording.queues()[std::size_t(row)].maxDepth());
    return std::max({capacity, deepest, 1.0}) / unit(row);
}

QString QueueDepthPainter::label(int row) const
{
    const ObjectInfo *object = objectOf(m_recording, row);
    const QString name = object ? QString::fromStdString(object->name) : QString();
    if (isSemaphore(object))
        return tr("inside: %1").arg(name);
    return isPipe(object) ? tr("pipe fill: %1 (KiB)").arg(name) : tr("queue depth: %1").arg(name);
}

int QueueDepthPainter::labelWidth() const
{
    QFont bold = m_font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (int row = 0; row < count(); ++row)
        widest = std::max(widest, metrics.horizontalAdvance(label(row)));
    // Room on the right for the scale's numbers beside the plot.
    return widest + 40;
}

void QueueDepthPainter::paint(QPainter &painter, int row, const QRect &plot,
                              const TimeWindow &window) const
{
    const QueueDepthSeries &series = m_recording.queues()[std::size_t(row)];
    const double origin = double(m_recording.meta().startNs);
    const double scale = unit(row);
    const double height = plot.height() - 4;
    const auto yFor = [&](double depth) {
        return plot.bottom() - 1 - depth / scale / top(row) * height;
    };
    painter.save();
    painter.setClipRect(plot);
    painter.setRenderHint(QPainter::Antialiasing, false);
    // The depth holds from one put or get to the next, so the line steps, it never slopes;
    // drawn a pixel column at a time, as the lanes are (a run may hold millions of puts).
    const auto firstNs = std::uint64_t(origin);
    const auto lastNs = firstNs + m_recording.lastEventNs();
    const auto fromNs =
        std::uint64_t(std::clamp(origin + window.startNs(), origin, double(lastNs)));
    const auto toNs =
        std::uint64_t(std::clamp(origin + window.endNs(), double(fromNs), double(lastNs)));
    const std::vector<QueueDepthSeries::Point> vertices =
        series.stepLine(fromNs, toNs, std::max(1, plot.width()));
    const double startX = window.xForTime(double(fromNs) - origin, plot);
    QPainterPath line;
    QPainterPath area; // the same line, closed along the zero depth
    area.moveTo(startX, yFor(0));
    double endX = startX;
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        endX = window.xForTime(double(vertices[i].timeNs) - origin, plot);
        const double y = yFor(vertices[i].depth);
        if (i == 0)
            line.moveTo(endX, y);
        else
            line.lineTo(endX, y);
        area.lineTo(endX, y);
    }
    area.lineTo(endX, yFor(0));
    area.closeSubpath();
    QColor fill = StatePalette::color(StatePalette::Category::BlockedQueue);
    fill.setAlpha(70);
    painter.fillPath(area, fill);
    painter.setPen(
        QPen(StatePalette::color(StatePalette::Category::BlockedQueue).darker(140), 1.5));
    painter.drawPath(line);
    if (const ObjectInfo *object = objectOf(m_recording, row); object && object->capacity > 0) {
        const double y = yFor(double(object->capacity));
        painter.setPen(QPen(m_palette.color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.restore();
}

void QueueDepthPainter::paintLabel(QPainter &painter, int row, const QRect &labels) const
{
    painter.save();
    QFont bold = m_font;
    bold.setBold(true);
    const QFontMetrics metrics(m_font);
    painter.setPen(m_palette.color(QPalette::WindowText));
    painter.setFont(bold);
    painter.drawText(labels.adjusted(6, 2, -10, 0), Qt::AlignLeft | Qt::AlignTop, label(row));
    painter.setFont(m_font);
    const ObjectInfo *object = objectOf(m_recording, row);
    if (object && object->capacity > 0) {
        painter.drawText(labels.adjusted(6, 2 + metrics.height(), -10, 0),
                         Qt::AlignLeft | Qt::AlignTop,
                         isSemaphore(object)
                             ? tr("dashed: %1 places").arg(object->capacity)
                             : tr("dashed: capacity %1").arg(double(object->capacity) / unit(row)));
    }
    // The scale's ends, at the plot's edge: the full height is the top value.
    const QRect scale = labels.adjusted(0, 0, -4, 0);
    painter.drawText(scale, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("0"));
    painter.drawText(scale.adjusted(0, -metrics.height() / 2 + 2, 0, 0),
                     Qt::AlignRight | Qt::AlignTop, QString::number(top(row)));
    painter.restore();
}

} // namespace conlab
