#include "RemedyTable.h"

#include "FigureLabels.h"
#include "views/StatePalette.h"

#include <QEvent>
#include <QHeaderView>

namespace conlab {

RemedyTable::RemedyTable(QWidget *parent) : QTableWidget(0, 7, parent)
{
    setHeaders();
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void RemedyTable::setHeaders()
{
    setHorizontalHeaderLabels({tr("Lesson"), tr("Remedy"), tr("Kind"), tr("Result"), tr("Time"),
                               tr("Retries"), tr("Aborts")});
    setToolTip(tr("One row per run of this lesson's remedies, to compare them"));
}

void RemedyTable::changeEvent(QEvent *event)
{
    QTableWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setHeaders();
    setRowCount(0);
    for (const QJsonObject &summary : std::as_const(m_runs))
        addRow(summary);
}

void RemedyTable::addRun(const QJsonObject &summary)
{
    const QString scenario = summary.value(QLatin1String("scenario")).toString();
    if (scenario != m_scenario) {
        m_scenario = scenario;
        m_runs.clear();
        setRowCount(0);
    }
    const QJsonObject params = summary.value(QLatin1String("params")).toObject();
    if (!params.contains(QLatin1String("remedy")))
        return;
    m_runs.append(summary);
    addRow(summary);
}

void RemedyTable::addRow(const QJsonObject &summary)
{
    const QJsonObject params = summary.value(QLatin1String("params")).toObject();
    const bool finished =
        summary.value(QLatin1String("outcome")).toString() == QLatin1String("completed");
    const QStringList cells{
        summary.value(QLatin1String("scenario")).toString(),
        params.value(QLatin1String("remedy")).toString(),
        params.value(QLatin1String("kind")).toString(),
        finished ? tr("finished")
                 : StatePalette::outcomeText(summary.value(QLatin1String("outcome")).toString()),
        finished ? FigureLabels::duration(summary.value(QLatin1String("elapsed_ns")).toDouble())
                 : QStringLiteral("—"),
        QString::number(summary.value(QLatin1String("retries")).toInt()),
        QString::number(summary.value(QLatin1String("aborts")).toInt())};
    const int row = rowCount();
    insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        if (column == 3)
            item->setForeground(finished ? QColor(0x00, 0x9E, 0x73) : QColor(0xE0, 0x00, 0x00));
        setItem(row, column, item);
    }
    scrollToBottom();
}

} // namespace conlab
