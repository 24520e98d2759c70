#pragma once

#include <QImage>
#include <QRect>
#include <QRgb>

class QPainter;

namespace conlab {

// The solid, opaque fills of one lane (its bars and pixel columns). On a raster target (the
// window, a PNG) they are written straight into a strip image, put on the lane with one
// drawImage when done: a painter's fillRect costs as much as a bar one pixel wide, and a
// zoomed-out lane has a bar or column in every pixel. Elsewhere (SVG, PDF) each is a fillRect.
// The pixels are the same either way: what the strip leaves untouched stays transparent.
class LaneFill
{
public:
    // `scratch` is reused from lane to lane.
    LaneFill(QPainter &painter, const QRect &lane, QImage &scratch);
    ~LaneFill() { finish(); }
    LaneFill(const LaneFill &) = delete;
    LaneFill &operator=(const LaneFill &) = delete;

    void fill(const QRect &rect, QRgb color);
    // Puts what was filled on the lane; later fills start a new strip.
    void finish();

private:
    QPainter &m_painter;
    QRect m_lane;
    QImage &m_strip;
    bool m_raster = false;
    uchar *m_bits = nullptr;
    qsizetype m_stride = 0;
    int m_width = 0;
    int m_height = 0;
    int m_left = 0; // the strip's x 0, a pixel left of the lane for bars cut off there
    int m_touchedFrom = 0;
    int m_touchedTo = -1;
};

} // namespace conlab
