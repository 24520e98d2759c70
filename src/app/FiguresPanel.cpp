#include "FiguresPanel.h"

#include "views/TimeAxis.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace conlab {

namespace {

// Keys shown elsewhere in the table or not figures at all.
const QStringList kSkipped{QStringLiteral("scenario"), QStringLiteral("outcome"),
                           QStringLiteral("checks"), QStringLiteral("params"),
                           QStringLiteral("elapsed_ns")};

QString row(const QString &name, const QString &value)
{
    return QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

QString textOf(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 12);
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isNull())
        return QStringLiteral("none");
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

} // namespace

FiguresPanel::FiguresPanel(QWidget *parent) : QTextBrowser(parent)
{
    setHtml(tr("<p>Figures of the last run appear here when it ends.</p>"));
}

void FiguresPanel::showRunning()
{
    setHtml(tr("<p>Running… figures appear when the run ends.</p>"));
}

void FiguresPanel::showSummary(const QJsonObject &summary)
{
    setHtml(html(summary));
}

QString FiguresPanel::html(const QJsonObject &summary)
{
    QString text = QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
    text += row(tr("outcome"), summary.value(QLatin1String("outcome")).toString());
    text += row(tr("elapsed"),
                TimeAxis::formatDuration(summary.value(QLatin1String("elapsed_ns")).toDouble()));
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        if (!kSkipped.contains(it.key()))
            text += row(it.key(), textOf(it.value()));
    }
    text += QStringLiteral("</table>");
    const QJsonObject checks = summary.value(QLatin1String("checks")).toObject();
    const bool passed = checks.value(QLatin1String("passed")).toBool();
    text += QStringLiteral("<h4>%1</h4>")
                .arg(passed ? tr("Trace checker: every rule holds")
                            : tr("Trace checker: violations found"));
    const QJsonArray violations = checks.value(QLatin1String("violations")).toArray();
    if (!violations.isEmpty()) {
        text += QStringLiteral("<ul>");
        for (const QJsonValue &violation : violations)
            text += QStringLiteral("<li>%1</li>").arg(textOf(violation).toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }
    return text;
}

} // namespace conlab
