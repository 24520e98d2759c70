#include "FiguresPanel.h"

#include "views/StatePalette.h"
#include "views/TimeAxis.h"

#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace conlab {

namespace {

// Keys shown elsewhere (in the table, the process tree, the Output tab) or not figures at all.
const QStringList kSkipped{QStringLiteral("scenario"),   QStringLiteral("outcome"),
                           QStringLiteral("checks"),     QStringLiteral("params"),
                           QStringLiteral("elapsed_ns"), QStringLiteral("tree"),
                           QStringLiteral("output")};

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
        return value.toBool() ? FiguresPanel::tr("yes") : FiguresPanel::tr("no");
    if (value.isNull())
        return FiguresPanel::tr("none");
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

// A figure as read: times in the unit that suits them, anything else as it is.
QString valueText(const QString &key, const QJsonValue &value)
{
    if (value.isDouble() && key.endsWith(QLatin1String("_ns")) && value.toDouble() >= 0)
        return TimeAxis::formatDuration(value.toDouble());
    return textOf(value);
}

bool isTableOfRecords(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return value.isArray() && !array.isEmpty() &&
           std::all_of(array.begin(), array.end(),
                       [](const QJsonValue &v) { return v.isObject(); });
}

// One row per record, one column per field of the first: per-thread or per-job figures.
QString recordsTable(const QString &title, const QJsonArray &records)
{
    // The name first; the rest as JSON sorts them. Times are shown in units, so their
    // headers lose the _ns.
    QStringList columns = records.first().toObject().keys();
    if (columns.removeOne(QStringLiteral("name")))
        columns.prepend(QStringLiteral("name"));
    QString text = QStringLiteral("<h4>%1</h4><table cellspacing='0' cellpadding='3'><tr>")
                       .arg(title.toHtmlEscaped());
    for (const QString &column : columns)
        text += QStringLiteral("<th align='right'>%1</th>")
                    .arg(QString(column)
                             .remove(QRegularExpression(QStringLiteral("_ns$")))
                             .replace(QLatin1Char('_'), QLatin1Char(' '))
                             .toHtmlEscaped());
    text += QStringLiteral("</tr>");
    for (const QJsonValue &record : records) {
        text += QStringLiteral("<tr>");
        for (const QString &column : columns)
            text += QStringLiteral("<td align='right'>%1</td>")
                        .arg(valueText(column, record.toObject().value(column)).toHtmlEscaped());
        text += QStringLiteral("</tr>");
    }
    return text + QStringLiteral("</table>");
}

} // namespace

FiguresPanel::FiguresPanel(QWidget *parent) : QTextBrowser(parent)
{
    showAgain();
}

void FiguresPanel::showRunning()
{
    m_showing = Showing::Running;
    m_summary = {};
    showAgain();
}

void FiguresPanel::clear()
{
    m_showing = Showing::Nothing;
    m_summary = {};
    showAgain();
}

void FiguresPanel::showSummary(const QJsonObject &summary)
{
    m_showing = Showing::Summary;
    m_summary = summary;
    showAgain();
}

void FiguresPanel::showAgain()
{
    switch (m_showing) {
    case Showing::Nothing:
        setHtml(tr("<p>Figures of the last run appear here when it ends.</p>"));
        break;
    case Showing::Running:
        setHtml(tr("<p>Running… figures appear when the run ends.</p>"));
        break;
    case Showing::Summary:
        setHtml(html(m_summary));
        break;
    }
}

void FiguresPanel::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        showAgain();
}

QString FiguresPanel::html(const QJsonObject &summary)
{
    QString text = QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
    text += row(tr("outcome"),
                StatePalette::outcomeText(summary.value(QLatin1String("outcome")).toString()));
    text += row(tr("elapsed"),
                TimeAxis::formatDuration(summary.value(QLatin1String("elapsed_ns")).toDouble()));
    QString tables;
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        if (kSkipped.contains(it.key()))
            continue;
        if (isTableOfRecords(it.value()))
            tables += recordsTable(it.key(), it.value().toArray());
        else if (it.value().isObject())
            tables += recordsTable(it.key(), QJsonArray{it.value()});
        else
            text += row(it.key(), valueText(it.key(), it.value()));
    }
    text += QStringLiteral("</table>") + tables;
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
