#include "RemedyTable.h"

#include "views/TimeAxis.h"

#include <QHeaderView>

namespace conlab {

RemedyTable::RemedyTable(QWidget *parent) : QTableWidget(0, 7, parent)
{
    setHorizontalHeaderLabels({tr("Lesson"), tr("Remedy"), tr("Kind"), tr("Result"), tr("Time"),
                               tr("Retries"), tr("Aborts")});
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setToolTip(tr("One row per run of a lesson with remedies, to compare them"));
}

void RemedyTable::addRun(const QJsonObject &summary)
{
    const QJsonObject params = summary.value(QLatin1String("params")).toObject();
    if (!params.contains(QLatin1String("remedy")))
        return;
    const bool finished =
        summary.value(QLatin1String("outcome")).toString() == QLatin1String("completed");
    const QStringList cells{
        summary.value(QLatin1String("scenario")).toString(),
        params.value(QLatin1String("remedy")).toString(),
        params.value(QLatin1String("kind")).toString(),
        finished ? tr("finished") : summary.value(QLatin1String("outcome")).toString(),
        finished ? TimeAxis::formatDuration(summary.value(QLatin1String("elapsed_ns")).toDouble())
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
