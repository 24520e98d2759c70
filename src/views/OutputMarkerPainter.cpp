#include "OutputMarkerPainter.h"

#include "TimeAxis.h"
#include "TimeWindow.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <csignal>

// Strings are translated under "TimelinePainter", like every other string the timeline shows.

namespace conlab {

namespace {

constexpr double kMergePixels = 9.0; // closer pins would overlap: one head for them all
constexpr int kPinHalfWidth = 4;
constexpr int kPinHeight = 6;
constexpr int kLabelGap = 3; // between a pin and its label, and a label and the next pin
constexpr int kLabelPadding = 2;
constexpr int kHoverPixels = 5;
constexpr int kMaxToolTipLines = 12;

} // namespace

OutputMarkerPainter::OutputMarkerPainter(const RunRecording &recording, const QFont &font,
                                         const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette)
{
}

bool OutputMarkerPainter::hasOutput() const
{
    return !m_recording.output().lines().empty();
}

bool OutputMarkerPainter::hasSignals() const
{
    return !m_recording.sentSignals().empty();
}

QString OutputMarkerPainter::signalName(int signal)
{
    static const struct
    {
        int number;
        const char *name;
    } kNames[] = {{SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"},
                  {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"},
                  {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},
                  {SIGCHLD, "SIGCHLD"}, {SIGCONT, "SIGCONT"}, {SIGSTOP, "SIGSTOP"}};
    for (const auto &known : kNames) {
        if (known.number == signal)
            return QLatin1String(known.name);
    }
    return QCoreApplication::translate("TimelinePainter", "signal %1").arg(signal);
}

QFont OutputMarkerPainter::labelFont() const
{
    // A size smaller than the lane labels: the label sits on the lane and must leave some of
    // the state colour beneath it in view.
    QFont font = m_font;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(std::max(8, int(font.pixelSize() * 0.85)));
    return font;
}

QVector<OutputMarkerPainter::Mark> OutputMarkerPainter::marks(int lane,
                                                              const TimeWindow &window) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const std::uint32_t worker = timeline.lane(std::size_t(lane)).worker;
    const double origin = double(timeline.meta().startNs);
    QVector<Mark> result;
    const auto &lines = m_recording.output().lines();
    const auto from = std::uint64_t(std::max(0.0, origin + window.startNs()));
    auto line =
        std::lower_bound(lines.begin(), lines.end(), from,
                         [](const OutputLog::Line &l, std::uint64_t t) { return l.timeNs < t; });
    for (; line != lines.end(); ++line) {
        const double ns = double(line->timeNs) - origin;
        if (ns > window.endNs())
            break;
        if (line->worker == worker)
            result.append({ns, QString::fromStdString(line->text), false});
    }
    bool signalsAdded = false;
    for (const RunRecording::SentSignal &sent : m_recording.sentSignals()) {
        const double ns = double(sent.timeNs) - origin;
        if (sent.sender != worker || !window.contains(ns))
            continue;
        result.append({ns,
                       QCoreApplication::translate("TimelinePainter", "%1 → %2")
                           .arg(signalName(sent.signal),
                                QString::fromStdString(timeline.meta().workerName(sent.target))),
                       true});
        signalsAdded = true;
    }
    if (signalsAdded)
        std::stable_sort(result.begin(), result.end(),
                         [](const Mark &a, const Mark &b) { return a.ns < b.ns; });
    return result;
}

OutputMarkerPainter::Placement OutputMarkerPainter::place(int lane, const QRect &bounds,
                                                          const TimeWindow &window,
                                                          int labelRight) const
{
    Placement placement;
    placement.marks = marks(lane, window);
    const QVector<Mark> &marks = placement.marks;
    QVector<Pin> &pins = placement.pins;
    for (int i = 0; i < marks.size(); ++i) {
        const double x = window.xForTime(marks[i].ns, bounds);
        if (!pins.isEmpty() && x - pins.last().x < kMergePixels) {
            Pin &pin = pins.last();
            ++pin.count;
            // A signal is rarer than a printed line and is what its lesson is about.
            if (marks[i].signal && !marks[pin.lead].signal)
                pin.lead = i;
            continue;
        }
        pins.append({x, i, 1, i, {}, {}});
    }
    const QFontMetrics metrics(labelFont());
    const int height = std::min(metrics.height(), bounds.height() - kPinHeight / 2);
    const int shortest = metrics.horizontalAdvance(QStringLiteral("Mm…"));
    // Left of the pin's head; beyond it the previous label, or the previous pin's head.
    int taken = bounds.left();
    for (int i = 0; i < pins.size(); ++i) {
        Pin &pin = pins[i];
        const int head = int(std::floor(pin.x));
        QString text = marks[pin.lead].text;
        if (pin.count > 1)
            text += QCoreApplication::translate("TimelinePainter", "  (+%1)").arg(pin.count - 1);
        const double lastTick = window.xForTime(marks[pin.first + pin.count - 1].ns, bounds);
        const int left = int(std::floor(std::max(pin.x + kPinHalfWidth, lastTick))) + kLabelGap;
        const int right =
            std::min(labelRight, i + 1 < pins.size()
                                     ? int(std::floor(pins[i + 1].x)) - kPinHalfWidth - kLabelGap
                                     : bounds.right());
        const int roomRight = right - left - 2 * kLabelPadding;
        const int leftEnd = head - kPinHalfWidth - kLabelGap;
        const int roomLeft = leftEnd - taken - kLabelGap - 2 * kLabelPadding;
        const int natural = metrics.horizontalAdvance(text);
        taken = head + kPinHalfWidth;
        // Beside the pin, after it by preference; before it when only there does it fit
        // whole (the last line before a lane ends, say).
        const bool before = natural > roomRight && roomLeft > roomRight;
        const int room = before ? roomLeft : roomRight;
        if (room < shortest || text.isEmpty())
            continue;
        pin.text = metrics.elidedText(text, Qt::ElideRight, room);
        const int width = metrics.horizontalAdvance(pin.text) + 2 * kLabelPadding;
        pin.label = QRect(before ? leftEnd - width : left, bounds.top() + 1, width, height);
        taken = std::max(taken, pin.label.right());
    }
    return placement;
}

QVector<QRect> OutputMarkerPainter::footprint(const Placement &placement, const QRect &bounds)
{
    QVector<QRect> rects;
    for (const Pin &pin : placement.pins) {
        const int column = int(std::floor(pin.x));
        rects.append(
            QRect(column - kPinHalfWidth, bounds.top(), 2 * kPinHalfWidth + 1, bounds.height()));
        if (!pin.label.isEmpty())
            rects.append(pin.label);
    }
    return rects;
}

void OutputMarkerPainter::paint(QPainter &painter, const Placement &placement, const QRect &bounds,
                                const TimeWindow &window) const
{
    if (placement.pins.isEmpty())
        return;
    const QColor ink = m_palette.color(QPalette::WindowText);
    const QColor paper = m_palette.color(QPalette::Base);
    // Labels on a nearly opaque patch of the background: readable on every state colour and
    // in a dark theme alike, while the lane's colour still shows around them.
    QColor patch = paper;
    patch.setAlpha(225);
    painter.save();
    painter.setFont(labelFont());
    for (const Pin &pin : placement.pins) {
        if (pin.label.isEmpty())
            continue;
        painter.fillRect(pin.label, patch);
        painter.setPen(ink);
        painter.drawText(pin.label.adjusted(kLabelPadding, 0, -kLabelPadding, 0),
                         Qt::AlignLeft | Qt::AlignVCenter, pin.text);
    }
    for (const Pin &pin : placement.pins) {
        const double centre = std::floor(pin.x) + 0.5;
        const QPointF head[] = {QPointF(centre - kPinHalfWidth, bounds.top()),
                                QPointF(centre + kPinHalfWidth, bounds.top()),
                                QPointF(centre, bounds.top() + kPinHeight)};
        // A signal's pin is open, a printed line's solid; an outline in the background colour
        // keeps the solid one apart from a dark bar beneath.
        const bool signal = placement.marks[pin.lead].signal;
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(signal ? ink : paper, 1));
        painter.setBrush(signal ? paper : ink);
        painter.drawPolygon(head, 3);
        // Ticks last and unblended: each marks its instant to the pixel, down the whole lane.
        painter.setRenderHint(QPainter::Antialiasing, false);
        for (int i = pin.first; i < pin.first + pin.count; ++i) {
            const double x = window.xForTime(placement.marks[i].ns, bounds);
            painter.fillRect(QRect(int(std::floor(x)), bounds.top(), 1, bounds.height()), ink);
        }
    }
    painter.restore();
}

QString OutputMarkerPainter::toolTip(int lane, double x, const QRect &bounds,
                                     const TimeWindow &window) const
{
    const Placement placement = place(lane, bounds, window);
    const QVector<Mark> &marks = placement.marks;
    const Pin *nearest = nullptr;
    for (const Pin &pin : placement.pins) {
        const double distance = std::abs(pin.x - x);
        if (distance <= kHoverPixels && (!nearest || distance < std::abs(nearest->x - x)))
            nearest = &pin;
    }
    if (!nearest)
        return {};
    QStringList lines;
    for (int i = nearest->first; i < nearest->first + nearest->count; ++i) {
        if (lines.size() == kMaxToolTipLines) {
            lines << QCoreApplication::translate("TimelinePainter", "… and %1 more")
                         .arg(nearest->first + nearest->count - i);
            break;
        }
        const Mark &mark = marks[i];
        const QString what = mark.signal
                                 ? QCoreApplication::translate("TimelinePainter", "sent %1")
                                       .arg(mark.text.toHtmlEscaped())
                                 : QCoreApplication::translate("TimelinePainter", "printed “%1”")
                                       .arg(mark.text.toHtmlEscaped());
        lines << QStringLiteral("%1: %2").arg(TimeAxis::formatDuration(mark.ns), what);
    }
    return lines.join(QStringLiteral("<br>"));
}

void OutputMarkerPainter::addLegendItems(QVector<TimelineLegend::Item> &items) const
{
    using LegendItem = TimelineLegend::Item;
    const QColor ink = m_palette.color(QPalette::WindowText);
    if (hasOutput())
        items.append({LegendItem::Shape::Pin, ink,
                      QCoreApplication::translate("TimelinePainter", "printed a line")});
    if (hasSignals())
        items.append({LegendItem::Shape::OpenPin, ink,
                      QCoreApplication::translate("TimelinePainter", "sent a signal")});
}

} // namespace conlab
