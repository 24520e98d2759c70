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
    // bits() once: on a non-const image it checks for sharing at every call.
    m_bits = m_strip.bits();
    m_stride = m_strip.bytesPerLine();
    m_width = m_strip.width();
    m_height = m_strip.height();
}

void LaneFill::fill(const QRect &rect, QRgb color)
{
    if (!m_raster) {
        m_painter.fillRect(rect, QColor::fromRgb(color));
        return;
    }
    // Clipped to the strip by hand: this runs for every pixel column of a zoomed-out lane.
    const int left = std::max(rect.left() - m_left, 0);
    const int right = std::min(rect.right() - m_left, m_width - 1);
    const int top = std::max(rect.top() - m_lane.top(), 0);
    const int bottom = std::min(rect.bottom() - m_lane.top(), m_height - 1);
    if (left > right || top > bottom)
        return;
    const QRgb pixel = qPremultiply(color | 0xff000000u);
    for (int y = top; y <= bottom; ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(m_bits + y * m_stride);
        std::fill(line + left, line + right + 1, pixel);
    }
    if (m_touchedTo < m_touchedFrom) {
        m_touchedFrom = left;
        m_touchedTo = right;
    } else {
        m_touchedFrom = std::min(m_touchedFrom, left);
        m_touchedTo = std::max(m_touchedTo, right);
    }
}

void LaneFill::finish()
{
    if (!m_raster || m_touchedTo < m_touchedFrom)
        return;
    const QRect source(m_touchedFrom, 0, m_touchedTo - m_touchedFrom + 1, m_strip.height());
    m_painter.drawImage(QPoint(m_left + m_touchedFrom, m_lane.top()), m_strip, source);
    // Cleared only where it was written, for the next lane or the next stretch.
    for (int y = 0; y < m_height; ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(m_bits + y * m_stride);
        std::fill(line + m_touchedFrom, line + m_touchedTo + 1, QRgb(0));
    }
    m_touchedTo = -1;
}

} // namespace conlab
