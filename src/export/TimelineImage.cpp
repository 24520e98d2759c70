#include "TimelineImage.h"

#include "analysis/RunRecording.h"
#include "views/TimeAxis.h"
#include "views/TimelinePainter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QImageWriter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPalette>
#include <QStringList>
#include <algorithm>

namespace conlab {

namespace {

constexpr int kMargin = 24;

// Exports look the same whatever the desktop theme: dark text on white paper.
QPalette paperPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::Mid, QColor(0x90, 0x90, 0x90));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x60, 0xC0));
    return palette;
}

QString parameterLine(const RunRecording &recording)
{
    QStringList parts;
    for (const auto &[name, value] : recording.meta().params)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(name),
                                             QString::fromStdString(value));
    return parts.join(QStringLiteral("  "));
}

QString outcomeLine(const RunRecording &recording)
{
    const QJsonObject summary =
        QJsonDocument::fromJson(QByteArray::fromStdString(recording.trace().summaryJson)).object();
    QStringList parts;
    if (summary.contains(QLatin1String("outcome")))
        parts << QCoreApplication::translate("TimelineImage", "outcome: %1")
                     .arg(summary.value(QLatin1String("outcome")).toString());
    if (!recording.queues().empty())
        parts << QCoreApplication::translate("TimelineImage", "produced %1, consumed %2")
                     .arg(recording.produced())
                     .arg(recording.consumed());
    parts << QCoreApplication::translate("TimelineImage", "%1 events, %2 dropped")
                 .arg(recording.eventCount())
                 .arg(recording.droppedEvents());
    return parts.join(QStringLiteral("  |  "));
}

} // namespace

QImage TimelineImage::render(const RunRecording &recording, const Options &options)
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(9.5);
    QFont titleFont = font;
    titleFont.setPointSizeF(15);
    titleFont.setBold(true);
    const QPalette palette = paperPalette();
    const QFontMetrics metrics(font);
    const QFontMetrics titleMetrics(titleFont);

    const double lastNs = double(recording.lastEventNs());
    const double startNs = options.startNs >= 0 ? options.startNs : 0.0;
    // A little room after the last event, so lanes that end there still show how they ended.
    const double endNs = options.endNs > startNs ? options.endNs : std::max(lastNs * 1.06, 1e6);

    TimelinePainter timeline(recording, font, palette);
    timeline.setRange(startNs, endNs);
    timeline.setShowCpus(options.showCpus);
    timeline.setShowWakeups(options.showWakeups);
    const int width = std::max(600, options.width);
    const int contentWidth = width - 2 * kMargin;
    const QString subtitle = parameterLine(recording);
    const QRect subtitleBounds =
        metrics.boundingRect(QRect(0, 0, contentWidth, 1000), Qt::TextWordWrap, subtitle);
    const int legendHeight = timeline.legendHeight(contentWidth);

    int y = kMargin;
    const QRect titleRect(kMargin, y, contentWidth, titleMetrics.height());
    y = titleRect.bottom() + 4;
    const QRect subtitleRect(kMargin, y, contentWidth, subtitleBounds.height());
    y = subtitleRect.bottom() + 12;
    const int labelWidth = timeline.labelWidth();
    const QRect axis(kMargin + labelWidth, y, contentWidth - labelWidth,
                     TimelinePainter::kAxisHeight);
    y = axis.bottom() + 1;
    const QRect plot(axis.left(), y, axis.width(), timeline.lanesHeight());
    const QRect labels(kMargin, y, labelWidth, plot.height());
    y = plot.bottom() + 8;
    const QRect rangeRect(kMargin, y, contentWidth, metrics.height());
    y = rangeRect.bottom() + 10;
    const QRect legendRect(kMargin, y, contentWidth, legendHeight);
    y = legendRect.bottom() + kMargin;

    QImage image(QSize(width, y) * options.devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(options.devicePixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setFont(titleFont);
    painter.setPen(palette.color(QPalette::WindowText));
    const QString title = QString::fromStdString(
        recording.meta().title.empty() ? recording.meta().scenario : recording.meta().title);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(font);
    painter.setPen(QColor(0x50, 0x50, 0x50));
    painter.drawText(subtitleRect, Qt::TextWordWrap, subtitle);

    timeline.paintAxis(painter, axis);
    timeline.paintLanes(painter, plot, 0);
    timeline.paintLabels(painter, labels, 0);
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawRect(plot.adjusted(0, 0, -1, -1));

    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(rangeRect, Qt::AlignLeft | Qt::AlignVCenter,
                     QCoreApplication::translate("TimelineImage", "time shown: %1 to %2 of %3")
                         .arg(TimeAxis::formatDuration(startNs), TimeAxis::formatDuration(endNs),
                              TimeAxis::formatDuration(lastNs)));
    painter.drawText(rangeRect, Qt::AlignRight | Qt::AlignVCenter, outcomeLine(recording));
    timeline.paintLegend(painter, legendRect);
    return image;
}

bool TimelineImage::savePng(const QString &path, const RunRecording &recording,
                            const Options &options, QString *error)
{
    const QImage image = render(recording, options);
    QImageWriter writer(path, "png");
    if (!writer.write(image)) {
        if (error)
            *error = QCoreApplication::translate("TimelineImage", "cannot write %1: %2")
                         .arg(QFileInfo(path).absoluteFilePath(), writer.errorString());
        return false;
    }
    return true;
}

} // namespace conlab
