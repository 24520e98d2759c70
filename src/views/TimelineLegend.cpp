#include "TimelineLegend.h"

#include "StatePalette.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>

namespace conlab {

namespace {

constexpr int kLegendSwatch = 12;
constexpr int kLegendSpacing = 18;
constexpr int kTerminatedThickness = 3;

} // namespace

TimelineLegend::TimelineLegend(QVector<Item> items, const QFont &font, const QPalette &palette)
    : m_items(std::move(items)), m_font(font), m_palette(palette)
{
}

int TimelineLegend::height(int width) const
{
    const QFontMetrics metrics(m_font);
    const int rowHeight = std::max(kLegendSwatch, metrics.height()) + 6;
    int rows = 1;
    int x = 0;
    for (const Item &legend : m_items) {
        const int item =
            kLegendSwatch + 6 + metrics.horizontalAdvance(legend.label) + kLegendSpacing;
        if (x > 0 && x + item > width) {
            ++rows;
            x = 0;
        }
        x += item;
    }
    return rows * rowHeight + 4;
}

void TimelineLegend::paint(QPainter &painter, const QRect &area) const
{
    painter.save();
    painter.setFont(m_font);
    const QFontMetrics metrics(m_font);
    const int rowHeight = std::max(kLegendSwatch, metrics.height()) + 6;
    int x = area.left();
    int y = area.top() + 2;
    for (const Item &legend : m_items) {
        const int item =
            kLegendSwatch + 6 + metrics.horizontalAdvance(legend.label) + kLegendSpacing;
        if (x > area.left() && x + item > area.right()) {
            x = area.left();
            y += rowHeight;
        }
        const QRect swatch(x, y + (rowHeight - kLegendSwatch) / 2, kLegendSwatch, kLegendSwatch);
        switch (legend.shape) {
        case Item::Shape::Line:
            painter.fillRect(
                QRect(swatch.left(), swatch.center().y() - 1, swatch.width(), kTerminatedThickness),
                legend.color);
            break;
        case Item::Shape::Box:
            painter.fillRect(swatch, legend.color);
            painter.setPen(m_palette.color(QPalette::Mid));
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            break;
        case Item::Shape::Hatch:
            painter.fillRect(swatch, StatePalette::heldColor());
            painter.fillRect(swatch, QBrush(legend.color, Qt::BDiagPattern));
            painter.setPen(m_palette.color(QPalette::Mid));
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            break;
        case Item::Shape::Dotted:
            painter.fillRect(swatch, QBrush(legend.color, Qt::Dense6Pattern));
            painter.setPen(legend.color);
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            break;
        case Item::Shape::DottedOutline:
            painter.setPen(QPen(legend.color, 1, Qt::DotLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            break;
        case Item::Shape::Arrow:
            painter.setPen(QPen(legend.color, 1.5));
            painter.drawLine(swatch.left(), swatch.bottom(), swatch.right(), swatch.top());
            painter.drawLine(swatch.right(), swatch.top(), swatch.right() - 5, swatch.top());
            painter.drawLine(swatch.right(), swatch.top(), swatch.right(), swatch.top() + 5);
            break;
        case Item::Shape::Tick:
            painter.fillRect(QRect(swatch.center().x(), swatch.top() + 4, 1, swatch.height() - 4),
                             legend.color);
            break;
        case Item::Shape::Triangle: {
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing);
            const QPointF marker[] = {QPointF(swatch.center().x(), swatch.bottom()),
                                      QPointF(swatch.left() + 1, swatch.top() + 2),
                                      QPointF(swatch.right() - 1, swatch.top() + 2)};
            painter.setPen(Qt::NoPen);
            painter.setBrush(legend.color);
            painter.drawPolygon(marker, 3);
            painter.restore();
            break;
        }
        case Item::Shape::FootStrip:
            painter.fillRect(swatch, StatePalette::color(StatePalette::Category::Waiting));
            painter.fillRect(QRect(swatch.left(), swatch.bottom() - swatch.height() / 3 + 1,
                                   swatch.width(), swatch.height() / 3),
                             legend.color);
            painter.setPen(m_palette.color(QPalette::Mid));
            painter.drawRect(swatch.adjusted(0, 0, -1, -1));
            break;
        case Item::Shape::Window:
            // A sample window: running and ready side by side, between two bounds.
            painter.fillRect(
                QRect(swatch.left(), swatch.top() + 2, swatch.width() / 2, swatch.height() - 4),
                StatePalette::color(StatePalette::Category::Running));
            painter.fillRect(QRect(swatch.center().x(), swatch.top() + 2,
                                   swatch.width() - swatch.width() / 2, swatch.height() - 4),
                             StatePalette::color(StatePalette::Category::Ready));
            painter.fillRect(QRect(swatch.left(), swatch.top(), 1, swatch.height()), legend.color);
            painter.fillRect(QRect(swatch.right(), swatch.top(), 1, swatch.height()), legend.color);
            break;
        case Item::Shape::Pin:
        case Item::Shape::OpenPin: {
            painter.save();
            painter.fillRect(QRect(swatch.center().x(), swatch.top(), 1, swatch.height()),
                             legend.color);
            painter.setRenderHint(QPainter::Antialiasing);
            const double centre = swatch.center().x() + 0.5;
            const QPointF head[] = {QPointF(centre - 4, swatch.top()),
                                    QPointF(centre + 4, swatch.top()),
                                    QPointF(centre, swatch.top() + 6)};
            const bool open = legend.shape == Item::Shape::OpenPin;
            painter.setPen(QPen(open ? legend.color : m_palette.color(QPalette::Base), 1));
            painter.setBrush(open ? m_palette.color(QPalette::Base) : legend.color);
            painter.drawPolygon(head, 3);
            painter.restore();
            break;
        }
        case Item::Shape::Diamond:
        case Item::Shape::OpenDiamond: {
            painter.save();
            painter.fillRect(QRect(swatch.center().x(), swatch.top(), 1, swatch.height()),
                             legend.color);
            painter.setRenderHint(QPainter::Antialiasing);
            const double centre = swatch.center().x() + 0.5;
            const double half = 3.5;
            const QPointF diamond[] = {QPointF(centre, swatch.top()),
                                       QPointF(centre + half, swatch.top() + half),
                                       QPointF(centre, swatch.top() + 2 * half),
                                       QPointF(centre - half, swatch.top() + half)};
            const bool open = legend.shape == Item::Shape::OpenDiamond;
            painter.setPen(QPen(open ? legend.color : m_palette.color(QPalette::Base), 1));
            painter.setBrush(open ? m_palette.color(QPalette::Base) : legend.color);
            painter.drawPolygon(diamond, 4);
            painter.restore();
            break;
        }
        case Item::Shape::Marker:
            painter.fillRect(QRect(swatch.center().x() - 1, swatch.top(), 3, swatch.height()),
                             legend.color);
            break;
        }
        painter.setPen(m_palette.color(QPalette::WindowText));
        painter.drawText(QRect(swatch.right() + 6, y, item, rowHeight), Qt::AlignVCenter,
                         legend.label);
        x += item;
    }
    painter.restore();
}

} // namespace conlab
