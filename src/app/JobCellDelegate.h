#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace conlab {

// Checks a job table cell as it is committed, with the runner's own rules (JobTableCsv): a
// bad value ("3/x" as bursts, "-1" as an arrival) is refused at the cell, with the reason,
// instead of at Run. The cell keeps its last good value.
class JobCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    // What is wrong with a job whose cells are name, arrival, bursts, priority; empty if
    // nothing is.
    static QString problemWith(const QStringList &cells);

signals:
    void refused(const QModelIndex &index, const QString &reason);
    void accepted(const QModelIndex &index);
};

} // namespace conlab
