#include "AttachDialog.h"

#include "runtime/ProcessListing.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace conlab {

namespace {
enum Column { PidColumn, NameColumn, ThreadsColumn, UserColumn, CommandColumn, ColumnCount };

QStandardItem *numberItem(qint64 value)
{
    auto *item = new QStandardItem;
    item->setData(value, Qt::DisplayRole); // sorts as a number
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

AttachDialog::AttachDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Attach to a process"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by pid, name, user or command"));
    m_filter->setClearButtonEnabled(true);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("PID"), tr("Name"), tr("Threads"), tr("User"), tr("Command")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumSize(620, 360);

    auto *note = new QLabel(tr("Only your own processes can be followed. Attaching reads "
                               "/proc and never stops or changes the process; Stop leaves "
                               "it running."),
                            this);
    note->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    auto *refreshButton = m_buttons->addButton(tr("Refresh"), QDialogButtonBox::ResetRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(m_buttons);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refreshButton, &QPushButton::clicked, this, &AttachDialog::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AttachDialog::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (pid() != 0)
            accept();
    });
    refresh();
    m_table->sortByColumn(PidColumn, Qt::DescendingOrder);
}

void AttachDialog::refresh()
{
    m_model->removeRows(0, m_model->rowCount());
    for (const ProcessListing::Process &process : ProcessListing::read()) {
        QList<QStandardItem *> row{
            numberItem(process.pid), new QStandardItem(QString::fromStdString(process.name)),
            numberItem(process.threads), new QStandardItem(QString::fromStdString(process.user)),
            new QStandardItem(QString::fromStdString(process.command))};
        for (QStandardItem *item : row) {
            item->setData(process.mine, Qt::UserRole);
            if (!process.mine) {
                item->setEnabled(false);
                item->setToolTip(tr("Another user's process: /proc does not show its "
                                    "threads' states to you."));
            }
        }
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

qint64 AttachDialog::pid() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(PidColumn);
    if (rows.isEmpty() || !rows.first().data(Qt::UserRole).toBool())
        return 0;
    return rows.first().data().toLongLong();
}

QStringList AttachDialog::runnerArguments() const
{
    return {QStringLiteral("--attach"), QString::number(pid())};
}

void AttachDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(pid() != 0);
}

} // namespace conlab
