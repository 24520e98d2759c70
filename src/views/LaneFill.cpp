#include "LaneFill.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>

namespace conlab {

LaneFill::LaneFill(QPainter &painter, const QRect &lane, QImage &scratch)
    : m_painter(painter), m_lane(lane), m_strip(scratch), m_left(lane.left() - 1)
{
    // A scaled or rotated painter (none of ours) would resample the strip; it fills instead.
    const QPaintEngine *engine = painter.paintEngine();
    m_raster = engine && engine->type() == QPaintEngine::Raster &&
               painter.transform().type() <= QTransform::TxTranslate &&
               painter.compositionMode() == QPainter::CompositionMode_SourceOver;
    if (!m_raster)
        return;
    const QSize size(lane.width() + 2, lane.height());
    // Left clear by finish(), so only a new strip needs clearing.
    if (m_strip.size() != size || m_strip.format() != QImage::Format_ARGB32_Premultiplied) {
        m_strip = QImage(size, QImage::Format_ARGB32_Premultiplied);
        m_strip.fill(Qt::transparent);
    }
}

void LaneFill::fill(const QRect &rect, QRgb color)
{
    if (!m_raster) {
        m_painter.fillRect(rect, QColor::fromRgb(color));
        return;
    }
    const QRect part = rect.translated(-m_left, -m_lane.top()).intersected(m_strip.rect());
    if (part.isEmpty())
        return;
    const QRgb pixel = qPremultiply(color | 0xff000000u);
    // bits() once: scanLine() on a non-const image checks for sharing at every call.
    uchar *bits = m_strip.bits();
    const qsizetype stride = m_strip.bytesPerLine();
    for (int y = part.top(); y <= part.bottom(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(bits + y * stride);
        std::fill(line + part.left(), line + part.right() + 1, pixel);
    }
    if (m_touchedTo < m_touchedFrom) {
        m_touchedFrom = part.left();
        m_touchedTo = part.right();
    } else {
        m_touchedFrom = std::min(m_touchedFrom, part.left());
        m_touchedTo = std::max(m_touchedTo, part.right());
    }
}

void LaneFill::finish()
{
    if (!m_raster || m_touchedTo < m_touchedFrom)
        return;
    const QRect source(m_touchedFrom, 0, m_touchedTo - m_touchedFrom + 1, m_strip.height());
    m_painter.drawImage(QPoint(m_left + m_touchedFrom, m_lane.top()), m_strip, source);
    // Cleared only where it was written, for the next lane or the next stretch.
    uchar *bits = m_strip.bits();
    for (int y = 0; y < m_strip.height(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(bits + y * m_strip.bytesPerLine());
        std::fill(line + m_touchedFrom, line + m_touchedTo + 1, QRgb(0));
    }
    m_touchedTo = -1;
}

} // namespace conlab
