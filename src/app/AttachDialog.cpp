#include "AttachDialog.h"

#include "runtime/ProcessListing.h"
#include "ui_AttachDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>

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

AttachDialog::AttachDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AttachDialog>())
{
    m_ui->setupUi(this);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_ui->table->setModel(m_proxy);
    m_refresh = m_ui->buttons->addButton(QString(), QDialogButtonBox::ResetRole);
    setTexts();

    connect(m_ui->filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &AttachDialog::refresh);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AttachDialog::updateButtons);
    connect(m_ui->table, &QTableView::doubleClicked, this, [this] {
        if (pid() != 0)
            accept();
    });
    refresh();
    m_ui->table->sortByColumn(PidColumn, Qt::DescendingOrder);
}

AttachDialog::~AttachDialog() = default;

void AttachDialog::setTexts()
{
    m_model->setHorizontalHeaderLabels(
        {tr("PID"), tr("Name"), tr("Threads"), tr("User"), tr("Command")});
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    m_refresh->setText(tr("Refresh"));
}

void AttachDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    setTexts();
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
    m_ui->table->resizeColumnsToContents();
    updateButtons();
}

qint64 AttachDialog::pid() const
{
    const QModelIndexList rows = m_ui->table->selectionModel()->selectedRows(PidColumn);
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
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(pid() != 0);
}

} // namespace conlab
