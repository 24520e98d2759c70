#include "TextWidths.h"

namespace conlab {

namespace {
// Lane labels carry tids, so a long watch run keeps bringing new ones: bounded, not grown.
constexpr qsizetype kMaxTexts = 20000;
} // namespace

TextWidths::TextWidths(const QFont &font) : m_metrics(font), m_fontKey(font.key()) {}

void TextWidths::setFont(const QFont &font)
{
    if (font.key() == m_fontKey)
        return;
    m_metrics = QFontMetrics(font);
    m_fontKey = font.key();
    m_widths.clear();
}

int TextWidths::width(const QString &text)
{
    auto it = m_widths.constFind(text);
    if (it != m_widths.constEnd())
        return *it;
    if (m_widths.size() >= kMaxTexts)
        m_widths.clear();
    return *m_widths.insert(text, m_metrics.horizontalAdvance(text));
}

} // namespace conlab
