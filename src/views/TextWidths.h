#pragma once

#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QString>

namespace conlab {

// The widths of texts in one font, each shaped once: a timeline asks for the same lane
// labels, exit causes and reasons many times a paint, and shaping dominated its cost.
class TextWidths
{
public:
    explicit TextWidths(const QFont &font = QFont());
    // Measures in `font` from now on; the widths kept are dropped only if it differs.
    void setFont(const QFont &font);
    int width(const QString &text);

private:
    QFontMetrics m_metrics;
    QString m_fontKey;
    QHash<QString, int> m_widths;
};

} // namespace conlab
