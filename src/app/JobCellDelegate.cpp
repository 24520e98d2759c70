#include "JobCellDelegate.h"

#include "runtime/JobTableCsv.h"

#include <QLineEdit>

namespace conlab {

QString JobCellDelegate::problemWith(const QStringList &cells)
{
    for (const QString &cell : cells) {
        // The table travels to the runner as CSV: a comma would shift the columns.
        if (cell.contains(QLatin1Char(',')))
            return tr("no commas in a cell");
    }
    JobTable table;
    std::string error;
    const std::string line = cells.join(QLatin1Char(',')).toStdString() + "\n";
    if (JobTableCsv::parse(line, std::string(), table, &error))
        return {};
    // "source:line: what is wrong" with no source and one line: only the what is the reader's.
    const std::size_t cut = error.find(": ");
    return QString::fromStdString(cut == std::string::npos ? error : error.substr(cut + 2));
}

void JobCellDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                   const QModelIndex &index) const
{
    const auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    QStringList cells;
    for (int column = 0; column < model->columnCount(index.parent()); ++column)
        cells << (column == index.column() ? line->text().trimmed()
                                           : model->index(index.row(), column, index.parent())
                                                 .data()
                                                 .toString()
                                                 .trimmed());
    const QString problem = problemWith(cells);
    // Signals of a const method: the delegate itself is not changed by saying what happened.
    auto *self = const_cast<JobCellDelegate *>(this);
    if (!problem.isEmpty()) {
        emit self->refused(index, problem);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
    emit self->accepted(index);
}

} // namespace conlab
