#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace conlab {

// File > Attach to a process: this user's processes (pid, name, threads, user), filtered as
// one types; another user's can be seen but not chosen.
class AttachDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AttachDialog(QWidget *parent = nullptr);

    // The chosen process, 0 for none.
    qint64 pid() const;
    // The runner's arguments: --attach PID.
    QStringList runnerArguments() const;

    // Reads /proc again.
    void refresh();

private:
    void updateButtons();

    QLineEdit *m_filter;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QDialogButtonBox *m_buttons;
};

} // namespace conlab
