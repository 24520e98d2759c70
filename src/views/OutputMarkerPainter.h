#pragma once

#include "TimelineLegend.h"

#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>
#include <limits>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;

// Marks on the worker lanes for what happened at one instant rather than over a stretch: a
// line the worker printed, a signal main sent, a read or write of a shared cell. Each is a
// pin (a triangle, or a diamond for a cell, on a tick) in the text colour, which no state
// uses, with its text beside it while there is room before the next pin; hovering a pin
// shows its whole text.
class OutputMarkerPainter
{
public:
    enum class Kind { Line, Signal, Read, Write, LostUpdate };
    struct Mark
    {
        double ns = 0; // from the run's start
        QString text;
        Kind kind = Kind::Line;
        QString detail; // what the tooltip says instead of the text, when set
    };
    // Marks whose pins would touch share one, at the first; its head and label are those of
    // its lead mark (the first signal, else the first line) with a count of the others, and
    // every mark still gets its own tick.
    struct Pin
    {
        double x = 0;
        int first = 0; // into Placement::marks
        int count = 0;
        int lead = 0; // into Placement::marks
        QRect label;  // after the pin, or before it where only there is room; may be empty
        QString text; // what the label shows, elided to fit
    };
    struct Placement
    {
        QVector<Mark> marks;
        QVector<Pin> pins;
    };

    OutputMarkerPainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    bool hasOutput() const;
    bool hasSignals() const;
    bool hasCells() const;
    // The marks of worker lane `lane` inside `window`, in time order.
    QVector<Mark> marks(int lane, const TimeWindow &window) const;
    // Where the marks of worker lane `lane`, drawn in `bounds`, put their pins and labels;
    // no label reaches past `labelRight` (the lane's exit cause needs the rest).
    Placement place(int lane, const QRect &bounds, const TimeWindow &window,
                    int labelRight = std::numeric_limits<int>::max()) const;
    // What pins and labels cover, for the lane's own text to keep clear of.
    static QVector<QRect> footprint(const Placement &placement, const QRect &bounds);
    void paint(QPainter &painter, const Placement &placement, const QRect &bounds,
               const TimeWindow &window) const;
    // The marks under or beside `x` (a few pixels either way), empty when there are none.
    QString toolTip(int lane, double x, const QRect &bounds, const TimeWindow &window) const;
    void addLegendItems(QVector<TimelineLegend::Item> &items) const;
    // "SIGTERM" for 15, and so on; "signal N" for one without a usual name.
    static QString signalName(int signal);

private:
    QFont labelFont() const;
    void appendCellMarks(std::uint32_t worker, const TimeWindow &window,
                         QVector<Mark> &marks) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
};

} // namespace conlab
