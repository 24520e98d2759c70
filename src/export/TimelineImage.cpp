#include "TimelineImage.h"

#include "analysis/RunRecording.h"
#include "views/IoRoundFigure.h"
#include "views/QueueDepthPainter.h"
#include "views/RunVerdict.h"
#include "views/ScenarioTexts.h"
#include "views/StatePalette.h"
#include "views/TimeAxis.h"
#include "views/TimelinePainter.h"
#include "views/WaitForGraphPainter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QImageWriter>
#include <QJsonArray>
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
    palette.setColor(QPalette::PlaceholderText, QColor(0x60, 0x60, 0x60));
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
    const QJsonObject summary = RunVerdict::summaryOf(recording);
    QStringList parts;
    if (summary.contains(QLatin1String("outcome")))
        parts << QCoreApplication::translate("TimelineImage", "outcome: %1")
                     .arg(StatePalette::outcomeText(
                         summary.value(QLatin1String("outcome")).toString()));
    if (recording.movesItems())
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
    QFont verdictFont;
    RunVerdict::Line verdict, outcome;
    QRect verdictBox, outcomeBox;
    std::vector<QRect> queuePlots, queueLabels;
    // The wait-for graph beside the timeline's story: at the deadlock, else at the run's end.
    bool hasGraph = false;
    WaitForGraph graph;
    QString graphTitle;
    QRect graphBox;
    // io-models: one round of every receiver, its two phases side by side.
    QRect ioFigureBox;
    QSize size;
};

constexpr int kGraphWidth = 560;
constexpr int kGraphHeight = 440;
constexpr int kQueueGap = 8;

// Lessons about deadlock: two or more locks (a ring can close), or a cycle or an inversion seen.
// A lesson with one lock and no cycle (ticket-race's lock, the GIL) has nothing to show there.
bool showsGraph(const RunRecording &recording, const QJsonObject &summary)
{
    int locks = 0;
    for (const ObjectInfo &object : recording.meta().objects)
        locks += object.kind == "lock" ? 1 : 0;
    if (locks == 0)
        return false;
    return locks >= 2 || recording.hasDeadlock() ||
           summary.value(QLatin1String("deadlock")).isObject() ||
           !summary.value(QLatin1String("potential_deadlocks")).toArray().isEmpty() ||
           summary.value(QLatin1String("cycles_broken")).toInt() > 0;
}

// The instant the graph shows (relative to the run's start) and the words that say which.
void chooseGraphInstant(const RunRecording &recording, const QJsonObject &summary, PageLayout &page)
{
    const double origin = double(recording.meta().startNs);
    const QJsonObject deadlock = summary.value(QLatin1String("deadlock")).toObject();
    double at = page.lastNs;
    if (!deadlock.isEmpty()) {
        at = deadlock.value(QLatin1String("formed_ns")).toDouble();
        page.graphTitle = QCoreApplication::translate(
                              "TimelineImage", "Wait-for graph when the deadlock formed (%1)")
                              .arg(TimeAxis::formatDuration(at));
    } else if (recording.hasDeadlock()) {
        at = double(recording.firstDeadlock().formedNs) - origin;
        page.graphTitle =
            QCoreApplication::translate("TimelineImage",
                                        "Wait-for graph when the cycle formed (%1), before it "
                                        "was broken")
                .arg(TimeAxis::formatDuration(at));
    } else {
        page.graphTitle =
            QCoreApplication::translate("TimelineImage", "Wait-for graph at the run's end (%1)")
                .arg(TimeAxis::formatDuration(at));
    }
    page.graph = recording.waitForAt(std::uint64_t(std::max(0.0, origin + at)));
}

// The summary's deadlock, or none when the run has a summary without one: a cycle the run broke
// (a remedy's timeout, an aborted victim) is not a deadlock and is not marked as one.
void markDeadlock(const QJsonObject &summary, TimelinePainter &timeline)
{
    if (summary.isEmpty())
        return;
    const QJsonObject deadlock = summary.value(QLatin1String("deadlock")).toObject();
    timeline.setDeadlockNs(
        deadlock.isEmpty() ? -1.0 : deadlock.value(QLatin1String("formed_ns")).toDouble());
}

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
    const QJsonObject summary = RunVerdict::summaryOf(recording);
    markDeadlock(summary, timeline);
    page.verdict = RunVerdict::verdict(recording, summary);
    page.outcome = RunVerdict::outcome(summary);
    page.verdictFont = page.font;
    page.verdictFont.setPointSizeF(11);
    page.verdictFont.setBold(true);
    const QueueDepthPainter queues(recording, page.font, QPalette());

    const int labelWidth = std::max(timeline.labelWidth(), queues.labelWidth());
    // Room after the last event for the longest way a lane can say how it ended.
    const int room = timeline.endRoom() + 4;
    // A page too narrow for the run and its exit causes side by side grows until they fit:
    // "daemon ended with its owner" is never cut at the edge.
    const int width = std::max({600, options.width, 2 * kMargin + labelWidth + 2 * room});
    const int contentWidth = width - 2 * kMargin;
    const QRect subtitleBounds = metrics.boundingRect(QRect(0, 0, contentWidth, 1000),
                                                      Qt::TextWordWrap, parameterLine(recording));
    int y = kMargin;
    page.title = QRect(kMargin, y, contentWidth, titleMetrics.height());
    y = page.title.bottom() + 4;
    page.subtitle = QRect(kMargin, y, contentWidth, subtitleBounds.height());
    y = page.subtitle.bottom() + 8;
    // The verdict as the window's banner says it, then why the run did not complete.
    const QFontMetrics verdictMetrics(page.verdictFont);
    if (!page.verdict.text.isEmpty()) {
        const QRect text = verdictMetrics.boundingRect(QRect(0, 0, contentWidth - 16, 2000),
                                                       Qt::TextWordWrap, page.verdict.text);
        page.verdictBox = QRect(kMargin, y, contentWidth, text.height() + 10);
        y = page.verdictBox.bottom() + 6;
    }
    if (!page.outcome.text.isEmpty()) {
        const QRect text = verdictMetrics.boundingRect(QRect(0, 0, contentWidth - 16, 2000),
                                                       Qt::TextWordWrap, page.outcome.text);
        page.outcomeBox = QRect(kMargin, y, contentWidth, text.height() + 4);
        y = page.outcomeBox.bottom() + 6;
    }
    y += 6;
    page.axis =
        QRect(kMargin + labelWidth, y, contentWidth - labelWidth, TimelinePainter::kAxisHeight);
    y = page.axis.bottom() + 1;
    page.plot = QRect(page.axis.left(), y, page.axis.width(), timeline.lanesHeight());
    const double usable = std::max(double(page.plot.width() - room), page.plot.width() / 2.0);
    page.endNs =
        options.endNs > page.startNs
            ? options.endNs
            : std::max(page.startNs + (page.lastNs - page.startNs) * page.plot.width() / usable,
                       1e6);
    timeline.setRange(page.startNs, page.endNs);
    page.labels = QRect(kMargin, y, labelWidth, page.plot.height());
    y = page.plot.bottom() + kQueueGap;
    for (int row = 0; row < queues.count(); ++row) {
        page.queuePlots.push_back(
            QRect(page.plot.left(), y, page.plot.width(), QueueDepthPainter::kRowHeight));
        page.queueLabels.push_back(QRect(kMargin, y, labelWidth, QueueDepthPainter::kRowHeight));
        y += QueueDepthPainter::kRowHeight + kQueueGap;
    }
    page.range = QRect(kMargin, y, contentWidth, metrics.height());
    y = page.range.bottom() + 10;
    page.legend = QRect(kMargin, y, contentWidth, timeline.legendHeight(contentWidth));
    y = page.legend.bottom() + kMargin;
    page.hasGraph = showsGraph(recording, summary);
    if (page.hasGraph) {
        chooseGraphInstant(recording, summary, page);
        page.graphBox = QRect(kMargin, y, std::min(contentWidth, kGraphWidth), kGraphHeight);
        y = page.graphBox.bottom() + kMargin;
    }
    const IoRoundFigure ioFigure(recording, page.font, QPalette());
    if (!ioFigure.isEmpty()) {
        page.ioFigureBox = QRect(kMargin, y, contentWidth, ioFigure.height(contentWidth));
        y = page.ioFigureBox.bottom() + kMargin;
    }
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

    if (!page.verdict.text.isEmpty()) {
        // The banner's colours: red for a deadlock, amber for damage done.
        const bool failure = page.verdict.severity == RunVerdict::Severity::Failure;
        painter.fillRect(page.verdictBox,
                         failure ? QColor(0xE0, 0x00, 0x00) : QColor(0xE6, 0x9F, 0x00));
        painter.setFont(page.verdictFont);
        painter.setPen(failure ? Qt::white : Qt::black);
        painter.drawText(page.verdictBox.adjusted(8, 5, -8, -5),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, page.verdict.text);
    }
    if (!page.outcome.text.isEmpty()) {
        painter.setFont(page.verdictFont);
        painter.setPen(QColor(0xB0, 0x00, 0x00));
        painter.drawText(page.outcomeBox.adjusted(8, 2, -8, -2),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, page.outcome.text);
    }

    timeline.paintAxis(painter, page.axis);
    timeline.paintLanes(painter, page.plot, 0);
    timeline.paintLabels(painter, page.labels, 0);
    painter.setPen(palette.color(QPalette::Mid));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(page.plot.adjusted(0, 0, -1, -1));
    const QueueDepthPainter queues(recording, page.font, palette);
    const TimeWindow window(page.startNs, page.endNs);
    for (int row = 0; row < int(page.queuePlots.size()); ++row) {
        queues.paint(painter, row, page.queuePlots[std::size_t(row)], window);
        queues.paintLabel(painter, row, page.queueLabels[std::size_t(row)]);
    }

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
    if (page.hasGraph) {
        painter.setPen(palette.color(QPalette::Mid));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(page.graphBox.adjusted(0, 0, -1, -1));
        WaitForGraphPainter(recording.meta(), page.graph)
            .paint(painter, page.graphBox, page.font, palette, page.graphTitle);
    }
    if (!page.ioFigureBox.isEmpty())
        IoRoundFigure(recording, page.font, palette).paint(painter, page.ioFigureBox);
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
