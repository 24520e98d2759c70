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

// Which mark of a shared pin leads it: the rarer, the more it is what its lesson is about.
int rank(OutputMarkerPainter::Kind kind)
{
    using Kind = OutputMarkerPainter::Kind;
    switch (kind) {
    case Kind::Signal:
        return 4;
    case Kind::LostUpdate:
        return 3;
    case Kind::Write:
        return 2;
    case Kind::Read:
        return 1;
    case Kind::Line:
        break;
    }
    return 0;
}

bool isCell(OutputMarkerPainter::Kind kind)
{
    using Kind = OutputMarkerPainter::Kind;
    return kind == Kind::Read || kind == Kind::Write || kind == Kind::LostUpdate;
}

bool isOpen(OutputMarkerPainter::Kind kind)
{
    using Kind = OutputMarkerPainter::Kind;
    return kind == Kind::Signal || kind == Kind::Read;
}

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

bool OutputMarkerPainter::hasCells() const
{
    return !m_recording.cells().empty();
}

void OutputMarkerPainter::appendCellMarks(std::uint32_t worker, const TimeWindow &window,
                                          QVector<Mark> &marks) const
{
    const TraceMeta &meta = m_recording.meta();
    const double origin = double(meta.startNs);
    const auto name = [&meta](std::uint32_t cell) {
        const ObjectInfo *object = meta.object(cell);
        return object ? QString::fromStdString(object->name) : QString::number(cell);
    };
    for (const CellAccessLog::Access &access : m_recording.cells().accesses()) {
        const double ns = double(access.timeNs) - origin;
        if (access.worker != worker || !window.contains(ns))
            continue;
        Mark mark{ns, {}, Kind::Write, {}};
        switch (access.kind) {
        case CellAccessLog::Kind::Read:
            mark.kind = Kind::Read;
            mark.text = QCoreApplication::translate("TimelinePainter", "read %1 = %2")
                            .arg(name(access.cell))
                            .arg(access.value);
            break;
        case CellAccessLog::Kind::Add:
            mark.text = QCoreApplication::translate("TimelinePainter", "%1 + %2 = %3")
                            .arg(name(access.cell))
                            .arg(access.delta)
                            .arg(access.value);
            break;
        case CellAccessLog::Kind::Write:
            mark.text = QCoreApplication::translate("TimelinePainter", "wrote %1 = %2")
                            .arg(name(access.cell))
                            .arg(access.value);
            if (!access.stale)
                break;
            // "lost update" first: when the label is cut short, that is what remains.
            mark.kind = Kind::LostUpdate;
            mark.text =
                QCoreApplication::translate("TimelinePainter", "lost update: %1 = %2 over %3's %4")
                    .arg(name(access.cell))
                    .arg(access.value)
                    .arg(QString::fromStdString(meta.workerName(access.overwriter)))
                    .arg(access.overwritten);
            mark.detail =
                QCoreApplication::translate(
                    "TimelinePainter",
                    "wrote %1 = %2, worked out from the %3 it read; %4 had written %5 since, "
                    "and that update is lost")
                    .arg(name(access.cell))
                    .arg(access.value)
                    .arg(access.readValue)
                    .arg(QString::fromStdString(meta.workerName(access.overwriter)))
                    .arg(access.overwritten);
            break;
        }
        marks.append(mark);
    }
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
            result.append({ns, QString::fromStdString(line->text), Kind::Line, {}});
    }
    bool othersAdded = false;
    for (const RunRecording::SentSignal &sent : m_recording.sentSignals()) {
        const double ns = double(sent.timeNs) - origin;
        if (sent.sender != worker || !window.contains(ns))
            continue;
        result.append({ns,
                       QCoreApplication::translate("TimelinePainter", "%1 → %2")
                           .arg(signalName(sent.signal),
                                QString::fromStdString(timeline.meta().workerName(sent.target))),
                       Kind::Signal,
                       {}});
        othersAdded = true;
    }
    if (hasCells()) {
        const int before = result.size();
        appendCellMarks(worker, window, result);
        othersAdded = othersAdded || result.size() > before;
    }
    if (othersAdded)
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
            if (rank(marks[i].kind) > rank(marks[pin.lead].kind))
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
    QFont font = labelFont();
    QFont bold = font;
    bold.setBold(true);
    for (const Pin &pin : placement.pins) {
        if (pin.label.isEmpty())
            continue;
        painter.fillRect(pin.label, patch);
        painter.setPen(ink);
        // A lost update is the lesson's point: its words stand out from the reads around it.
        painter.setFont(placement.marks[pin.lead].kind == Kind::LostUpdate ? bold : font);
        painter.drawText(pin.label.adjusted(kLabelPadding, 0, -kLabelPadding, 0),
                         Qt::AlignLeft | Qt::AlignVCenter, pin.text);
    }
    for (const Pin &pin : placement.pins) {
        const double centre = std::floor(pin.x) + 0.5;
        const Kind kind = placement.marks[pin.lead].kind;
        // A signal's and a read's pins are open, a printed line's and a write's solid; an
        // outline in the background colour keeps a solid one apart from a dark bar beneath.
        // A cell's pin is a diamond, a line's or signal's a triangle.
        const bool open = isOpen(kind);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(open ? ink : paper, 1));
        painter.setBrush(open ? paper : ink);
        if (isCell(kind)) {
            const double half = kPinHeight / 2.0 + 0.5;
            const QPointF diamond[] = {QPointF(centre, bounds.top()),
                                       QPointF(centre + half, bounds.top() + half),
                                       QPointF(centre, bounds.top() + 2 * half),
                                       QPointF(centre - half, bounds.top() + half)};
            painter.drawPolygon(diamond, 4);
        } else {
            const QPointF head[] = {QPointF(centre - kPinHalfWidth, bounds.top()),
                                    QPointF(centre + kPinHalfWidth, bounds.top()),
                                    QPointF(centre, bounds.top() + kPinHeight)};
            painter.drawPolygon(head, 3);
        }
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
        QString what;
        if (mark.kind == Kind::Signal)
            what = QCoreApplication::translate("TimelinePainter", "sent %1")
                       .arg(mark.text.toHtmlEscaped());
        else if (mark.kind == Kind::Line)
            what = QCoreApplication::translate("TimelinePainter", "printed “%1”")
                       .arg(mark.text.toHtmlEscaped());
        else
            what = (mark.detail.isEmpty() ? mark.text : mark.detail).toHtmlEscaped();
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
    if (hasCells()) {
        items.append({LegendItem::Shape::OpenDiamond, ink,
                      QCoreApplication::translate("TimelinePainter", "read a shared value")});
        items.append({LegendItem::Shape::Diamond, ink,
                      QCoreApplication::translate("TimelinePainter", "wrote it")});
    }
}

} // namespace conlab
