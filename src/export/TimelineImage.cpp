#include "TimelineImage.h"

#include "analysis/RunRecording.h"
#include "views/ScenarioTexts.h"
#include "views/StatePalette.h"
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
#include <QPageSize>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QStringList>
#include <QSvgGenerator>
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
                     .arg(StatePalette::outcomeText(
                         summary.value(QLatin1String("outcome")).toString()));
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

namespace {

// Where everything goes on the page, worked out once for every output format.
struct PageLayout
{
    QFont font;
    QFont titleFont;
    double startNs = 0;
    double endNs = 0;
    double lastNs = 0;
    QRect title, subtitle, axis, plot, labels, range, legend;
    QSize size;
};

QFont pageFont()
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(9.5);
    return font;
}

// `timeline` must paint with pageFont(), so what is measured here is what is drawn.
PageLayout layOut(const RunRecording &recording, const TimelineImage::Options &options,
                  TimelinePainter &timeline)
{
    PageLayout page;
    page.font = pageFont();
    page.titleFont = page.font;
    page.titleFont.setPointSizeF(15);
    page.titleFont.setBold(true);
    const QFontMetrics metrics(page.font);
    const QFontMetrics titleMetrics(page.titleFont);

    page.lastNs = double(recording.lastEventNs());
    page.startNs = options.startNs >= 0 ? options.startNs : 0.0;
    timeline.setShowCpus(options.showCpus);
    timeline.setShowWakeups(options.showWakeups);

    const int width = std::max(600, options.width);
    const int contentWidth = width - 2 * kMargin;
    const QRect subtitleBounds = metrics.boundingRect(QRect(0, 0, contentWidth, 1000),
                                                      Qt::TextWordWrap, parameterLine(recording));
    int y = kMargin;
    page.title = QRect(kMargin, y, contentWidth, titleMetrics.height());
    y = page.title.bottom() + 4;
    page.subtitle = QRect(kMargin, y, contentWidth, subtitleBounds.height());
    y = page.subtitle.bottom() + 12;
    const int labelWidth = timeline.labelWidth();
    page.axis =
        QRect(kMargin + labelWidth, y, contentWidth - labelWidth, TimelinePainter::kAxisHeight);
    y = page.axis.bottom() + 1;
    page.plot = QRect(page.axis.left(), y, page.axis.width(), timeline.lanesHeight());
    // Room after the last event for the longest way a lane can say how it ended.
    const double room =
        std::max(metrics.horizontalAdvance(StatePalette::exitText(ExitCause::Signal, 15)) + 12,
                 timeline.endRoom());
    const double usable = std::max(page.plot.width() - room, page.plot.width() / 2.0);
    page.endNs =
        options.endNs > page.startNs
            ? options.endNs
            : std::max(page.startNs + (page.lastNs - page.startNs) * page.plot.width() / usable,
                       1e6);
    timeline.setRange(page.startNs, page.endNs);
    page.labels = QRect(kMargin, y, labelWidth, page.plot.height());
    y = page.plot.bottom() + 8;
    page.range = QRect(kMargin, y, contentWidth, metrics.height());
    y = page.range.bottom() + 10;
    page.legend = QRect(kMargin, y, contentWidth, timeline.legendHeight(contentWidth));
    y = page.legend.bottom() + kMargin;
    page.size = QSize(width, y);
    return page;
}

void paintPage(QPainter &painter, const RunRecording &recording, const TimelinePainter &timeline,
               const PageLayout &page, const QPalette &palette)
{
    painter.fillRect(QRect(QPoint(0, 0), page.size), Qt::white);
    painter.setFont(page.titleFont);
    painter.setPen(palette.color(QPalette::WindowText));
    const QString title = recording.meta().title.empty()
                              ? QString::fromStdString(recording.meta().scenario)
                              : ScenarioTexts::text(recording.meta().title);
    painter.drawText(page.title, Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(page.font);
    painter.setPen(QColor(0x50, 0x50, 0x50));
    painter.drawText(page.subtitle, Qt::TextWordWrap, parameterLine(recording));

    timeline.paintAxis(painter, page.axis);
    timeline.paintLanes(painter, page.plot, 0);
    timeline.paintLabels(painter, page.labels, 0);
    painter.setPen(palette.color(QPalette::Mid));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(page.plot.adjusted(0, 0, -1, -1));

    painter.setFont(page.font);
    painter.setPen(palette.color(QPalette::WindowText));
    const bool wholeRun = page.startNs <= 0 && page.endNs >= page.lastNs;
    painter.drawText(
        page.range, Qt::AlignLeft | Qt::AlignVCenter,
        wholeRun
            ? QCoreApplication::translate("TimelineImage", "the whole run: %1")
                  .arg(TimeAxis::formatDuration(page.lastNs))
            : QCoreApplication::translate("TimelineImage", "time shown: %1 to %2 of %3")
                  .arg(TimeAxis::formatDuration(page.startNs), TimeAxis::formatDuration(page.endNs),
                       TimeAxis::formatDuration(page.lastNs)));
    painter.drawText(page.range, Qt::AlignRight | Qt::AlignVCenter, outcomeLine(recording));
    timeline.paintLegend(painter, page.legend);
}

QString writeError(const QString &path, const QString &what)
{
    return QCoreApplication::translate("TimelineImage", "cannot write %1: %2")
        .arg(QFileInfo(path).absoluteFilePath(), what);
}

} // namespace

QImage TimelineImage::render(const RunRecording &recording, const Options &options)
{
    const QPalette palette = paperPalette();
    TimelinePainter timeline(recording, pageFont(), palette);
    const PageLayout page = layOut(recording, options, timeline);
    QImage image(page.size * options.devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(options.devicePixelRatio);
    QPainter painter(&image);
    paintPage(painter, recording, timeline, page, palette);
    return image;
}

bool TimelineImage::save(const QString &path, const RunRecording &recording, const Options &options,
                         QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return savePng(path, recording, options, error);
    if (suffix != QLatin1String("svg") && suffix != QLatin1String("pdf")) {
        if (error)
            *error =
                writeError(path, QCoreApplication::translate(
                                     "TimelineImage", "the name must end in .png, .svg or .pdf"));
        return false;
    }
    const QPalette palette = paperPalette();
    TimelinePainter timeline(recording, pageFont(), palette);
    const PageLayout page = layOut(recording, options, timeline);
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        // Sizes are written in millimetres: at 96 dpi, as browsers and Inkscape read them.
        svg.setResolution(96);
        svg.setSize(page.size);
        svg.setViewBox(QRect(QPoint(0, 0), page.size));
        svg.setTitle(QString::fromStdString(recording.meta().title));
        svg.setDescription(parameterLine(recording));
        QPainter painter;
        if (!painter.begin(&svg)) {
            if (error)
                *error = writeError(path, QCoreApplication::translate(
                                              "TimelineImage", "the file cannot be created"));
            return false;
        }
        paintPage(painter, recording, timeline, page, palette);
        return true;
    }
    QPdfWriter pdf(path);
    // One page exactly the picture's size, one point per logical pixel, so it is vector all
    // the way and prints at any size.
    pdf.setResolution(72);
    pdf.setPageSize(QPageSize(QSizeF(page.size), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(QString::fromStdString(recording.meta().title));
    pdf.setCreator(QStringLiteral("Concurrency Lab"));
    QPainter painter;
    if (!painter.begin(&pdf)) {
        if (error)
            *error = writeError(
                path, QCoreApplication::translate("TimelineImage", "the file cannot be created"));
        return false;
    }
    paintPage(painter, recording, timeline, page, palette);
    return true;
}

bool TimelineImage::savePng(const QString &path, const RunRecording &recording,
                            const Options &options, QString *error)
{
    const QImage image = render(recording, options);
    QImageWriter writer(path, "png");
    if (!writer.write(image)) {
        if (error)
            *error = writeError(path, writer.errorString());
        return false;
    }
    return true;
}

} // namespace conlab
