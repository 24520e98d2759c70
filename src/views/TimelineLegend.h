#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>

class QPainter;

namespace conlab {

// The timeline's legend: a swatch and a name for every colour and mark on screen, laid out
// in rows that wrap to the width they are given. The same in the window and in exports.
class TimelineLegend
{
public:
    struct Item
    {
        // Pin: a solid triangle on a tick, an instant with something to say; OpenPin: open.
        // Dotted: a lane not yet part of the run (finely dotted, outlined); DottedOutline: a
        // lane whose thread or process does not exist yet (a dotted outline only). Neither
        // is a state colour. FootStrip: a zoomed-out pixel column, its main state with the
        // runner-up (`color`) as a strip along its foot.
        enum class Shape {
            Box,
            Line,
            Hatch,
            Dotted,
            DottedOutline,
            Arrow,
            Marker,
            Tick,
            Triangle,
            Window,
            Pin,
            OpenPin,
            Diamond,
            OpenDiamond,
            FootStrip
        };
        Shape shape;
        QColor color;
        QString label;
    };

    TimelineLegend(QVector<Item> items, const QFont &font, const QPalette &palette);
    int height(int width) const;
    void paint(QPainter &painter, const QRect &area) const;

private:
    QVector<Item> m_items;
    QFont m_font;
    QPalette m_palette;
};

} // namespace conlab
