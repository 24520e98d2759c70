#include "FiguresPanel.h"

#include "FigureLabels.h"

#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScrollBar>
#include <QUrl>
#include <algorithm>

namespace conlab {

namespace {

const QString kRunDetailsLink = QStringLiteral("conlab:run-details");

// Shown in their own tabs (process tree, Output), or above every figure.
bool isShownElsewhere(const QString &key)
{
    return key == QLatin1String("tree") || key == QLatin1String("output") ||
           key == QLatin1String("outcome") || key == QLatin1String("elapsed_ns");
}

// The script's name of a figure, small and grey, so it can still be found in the JSON.
QString rawKey(const QString &key)
{
    return QStringLiteral("<span style='color:gray; font-size:small'>%1</span>")
        .arg(key.toHtmlEscaped());
}

// Words never break inside: labels stay on one line, values break at spaces only.
QString row(const QString &key, const QString &value)
{
    return QStringLiteral("<tr><td style='white-space:nowrap'>%1</td>"
                          "<td align='right'><b>%2</b></td>"
                          "<td style='white-space:nowrap'>%3</td></tr>")
        .arg(FigureLabels::label(key).toHtmlEscaped(), value.toHtmlEscaped(), rawKey(key));
}

bool isRecord(const QJsonValue &value)
{
    return value.isObject();
}

bool isTableOfRecords(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return value.isArray() && !array.isEmpty() && std::all_of(array.begin(), array.end(), isRecord);
}

// An object whose members are all records (start-cost's methods): one row per member.
bool isTableOfNamedRecords(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    return value.isObject() && !object.isEmpty() &&
           std::all_of(object.begin(), object.end(),
                       [](const auto &member) { return member.isObject(); });
}

QString heading(const QString &key)
{
    return QStringLiteral("<h4>%1 %2</h4>")
        .arg(FigureLabels::label(key).toHtmlEscaped(), rawKey(key));
}

// One row per record, one column per field, the name first; cells never wrap (the panel
// scrolls sideways instead).
QString recordsTable(const QString &key, const QList<QPair<QString, QJsonObject>> &records,
                     const QString &firstColumn = {})
{
    QStringList columns;
    for (const auto &record : records) {
        for (const QString &column : record.second.keys()) {
            if (!columns.contains(column))
                columns << column;
        }
    }
    // Who first, then when, in the order things happen; the rest as JSON sorts them.
    const QStringList leading{QStringLiteral("name"),     QStringLiteral("task"),
                              QStringLiteral("worker"),   QStringLiteral("queued_ns"),
                              QStringLiteral("start_ns"), QStringLiteral("end_ns")};
    for (auto first = leading.rbegin(); first != leading.rend(); ++first) {
        if (columns.removeOne(*first))
            columns.prepend(*first);
    }
    QString text = heading(key) + QStringLiteral("<table cellspacing='0' cellpadding='3'><tr>");
    const QString headerCell =
        QStringLiteral("<th align='right' style='white-space:nowrap'>%1<br>%2</th>");
    if (!firstColumn.isEmpty())
        text += headerCell.arg(firstColumn.toHtmlEscaped(), QString());
    for (const QString &column : columns)
        text += headerCell.arg(FigureLabels::label(column).toHtmlEscaped(), rawKey(column));
    text += QStringLiteral("</tr>");
    for (const auto &record : records) {
        text += QStringLiteral("<tr>");
        if (!firstColumn.isEmpty())
            text += QStringLiteral("<td style='white-space:nowrap'>%1</td>")
                        .arg(FigureLabels::label(record.first).toHtmlEscaped());
        for (const QString &column : columns) {
            const QJsonValue cell = record.second.value(column);
            const QString shown =
                cell.isObject() ? QStringLiteral("…") : FigureLabels::value(column, cell);
            text += QStringLiteral("<td align='%1' style='white-space:nowrap'>%2</td>")
                        .arg(cell.isString() ? QStringLiteral("left") : QStringLiteral("right"),
                             shown.toHtmlEscaped());
        }
        text += QStringLiteral("</tr>");
    }
    return text + QStringLiteral("</table>");
}

QString figures(const QJsonObject &object, int depth, QString rows = {});

// A figure that is not a single value: a table, or a section of its own figures.
QString section(const QString &key, const QJsonValue &value, int depth)
{
    if (isTableOfRecords(value)) {
        QList<QPair<QString, QJsonObject>> records;
        for (const QJsonValue &record : value.toArray())
            records.append({QString(), record.toObject()});
        return recordsTable(key, records);
    }
    if (isTableOfNamedRecords(value)) {
        QList<QPair<QString, QJsonObject>> records;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            records.append({it.key(), it.value().toObject()});
        return recordsTable(key, records, FigureLabels::label(key));
    }
    return heading(key) + figures(value.toObject(), depth + 1);
}

// Single values first, in a table of their own, then the tables and sections.
QString figures(const QJsonObject &object, int depth, QString rows)
{
    QString sections;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (depth == 0 && (isShownElsewhere(it.key()) || FigureLabels::isRunDetail(it.key())))
            continue;
        const QJsonValue value = it.value();
        const bool nested = isTableOfRecords(value) || (value.isObject() && depth < 2);
        if (nested)
            sections += section(it.key(), value, depth);
        else if (value.isObject())
            rows += row(it.key(), QStringLiteral("…"));
        else
            rows += row(it.key(), FigureLabels::value(it.key(), value));
    }
    if (!rows.isEmpty())
        rows = QStringLiteral("<table cellspacing='0' cellpadding='3'>") + rows +
               QStringLiteral("</table>");
    return rows + sections;
}

QString runDetails(const QJsonObject &summary)
{
    QString rows;
    for (const QString &key : FigureLabels::runDetails()) {
        const QJsonValue value = summary.value(key);
        if (value.isUndefined() || value.isObject() || isTableOfRecords(value) ||
            key == QLatin1String("checks"))
            continue;
        rows += row(key, FigureLabels::value(key, value));
    }
    // Parameters by the names the runner's --set takes.
    const QJsonObject params = summary.value(QLatin1String("params")).toObject();
    if (!params.isEmpty())
        rows += QStringLiteral("<tr><td colspan='3'><b>%1</b> %2</td></tr>")
                    .arg(FigureLabels::label(QStringLiteral("params")).toHtmlEscaped(),
                         rawKey(QStringLiteral("params")));
    for (auto it = params.begin(); it != params.end(); ++it)
        rows += QStringLiteral("<tr><td style='white-space:nowrap'>&nbsp;&nbsp;%1</td>"
                               "<td align='right'><b>%2</b></td><td></td></tr>")
                    .arg(it.key().toHtmlEscaped(),
                         FigureLabels::value(it.key(), it.value()).toHtmlEscaped());
    QString text = QStringLiteral("<table cellspacing='0' cellpadding='3'>") + rows +
                   QStringLiteral("</table>");
    const QJsonArray rules =
        summary.value(QLatin1String("checks")).toObject().value(QLatin1String("rules")).toArray();
    if (!rules.isEmpty())
        text += QStringLiteral("<p>%1 %2</p>")
                    .arg(FiguresPanel::tr("Rules checked: %1")
                             .arg(FigureLabels::value(QStringLiteral("rules"), rules))
                             .toHtmlEscaped(),
                         rawKey(QStringLiteral("checks")));
    // Other sections of bookkeeping (a lesson's expected schedule) after the rest.
    for (auto it = summary.begin(); it != summary.end(); ++it) {
        if (FigureLabels::isRunDetail(it.key()) && it.key() != QLatin1String("params") &&
            it.key() != QLatin1String("checks") &&
            (it.value().isObject() || isTableOfRecords(it.value())))
            text += section(it.key(), it.value(), 1);
    }
    return text;
}

} // namespace

FiguresPanel::FiguresPanel(QWidget *parent) : QTextBrowser(parent)
{
    // Break lines between words only, never inside one.
    setWordWrapMode(QTextOption::WordWrap);
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.toString() == kRunDetailsLink)
            setRunDetailsShown(!m_runDetailsShown);
    });
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

void FiguresPanel::setRunDetailsShown(bool shown)
{
    m_runDetailsShown = shown;
    const int scrolled = verticalScrollBar()->value();
    showAgain();
    verticalScrollBar()->setValue(scrolled);
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
        setHtml(html(m_summary, m_runDetailsShown));
        break;
    }
}

void FiguresPanel::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        showAgain();
}

QString FiguresPanel::html(const QJsonObject &summary, bool withRunDetails)
{
    QString text =
        figures(summary, 0,
                row(QStringLiteral("outcome"),
                    FigureLabels::value(QStringLiteral("outcome"),
                                        summary.value(QLatin1String("outcome")))) +
                    row(QStringLiteral("elapsed_ns"),
                        FigureLabels::value(QStringLiteral("elapsed_ns"),
                                            summary.value(QLatin1String("elapsed_ns")))));

    const QJsonObject checks = summary.value(QLatin1String("checks")).toObject();
    const bool passed = checks.value(QLatin1String("passed")).toBool();
    text += QStringLiteral("<h4>%1</h4>")
                .arg(passed ? tr("Trace checker: every rule holds")
                            : tr("Trace checker: violations found"));
    const QJsonArray violations = checks.value(QLatin1String("violations")).toArray();
    if (!violations.isEmpty()) {
        text += QStringLiteral("<ul>");
        for (const QJsonValue &violation : violations)
            text += QStringLiteral("<li>%1</li>")
                        .arg((violation.isString()
                                  ? violation.toString()
                                  : QString::fromUtf8(QJsonDocument(violation.toObject())
                                                          .toJson(QJsonDocument::Compact)))
                                 .toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }

    text += QStringLiteral("<hr><p><a href='%1'>%2</a></p>")
                .arg(kRunDetailsLink, withRunDetails ? tr("▾ Run details")
                                                     : tr("▸ Run details (parameters, "
                                                          "events, checker rules)"));
    if (withRunDetails)
        text += QStringLiteral("<div style='color:gray'>%1</div>").arg(runDetails(summary));
    return text;
}

} // namespace conlab
