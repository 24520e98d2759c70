#include "JobTableEditor.h"

#include "JobCellDelegate.h"
#include "scenarios/PoliciesScenario.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>

namespace conlab {

JobTableEditor::JobTableEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_use = new QCheckBox(this);
    m_use->setObjectName(QStringLiteral("useJobTable"));
    layout->addWidget(m_use);
    auto *row = new QHBoxLayout;
    m_presets = new QComboBox(this);
    for (const std::string &name : PoliciesScenario::presetNames())
        m_presets->addItem(QString::fromStdString(name));
    m_load = new QPushButton(this);
    connect(m_load, &QPushButton::clicked, this, [this] { loadPreset(m_presets->currentText()); });
    m_add = new QPushButton(this);
    connect(m_add, &QPushButton::clicked, this, [this] {
        addJob(QStringLiteral("J%1").arg(m_table->rowCount() + 1), QStringLiteral("0"),
               QStringLiteral("1"), QStringLiteral("0"));
    });
    m_remove = new QPushButton(this);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        m_table->removeRow(row >= 0 ? row : m_table->rowCount() - 1);
    });
    row->addWidget(m_presets);
    row->addWidget(m_load);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    layout->addLayout(row);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("jobTable"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    auto *cells = new JobCellDelegate(m_table);
    m_table->setItemDelegate(cells);
    layout->addWidget(m_table);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("jobCellProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00000;"));
    m_problem->hide();
    layout->addWidget(m_problem);
    connect(cells, &JobCellDelegate::refused, this,
            [this](const QModelIndex &index, const QString &reason) {
                m_problem->setText(tr("Not taken, row %1: %2").arg(index.row() + 1).arg(reason));
                m_problem->show();
                const QRect cell = m_table->visualRect(index);
                QToolTip::showText(m_table->viewport()->mapToGlobal(cell.bottomLeft()), reason,
                                   m_table->viewport(), cell);
            });
    connect(cells, &JobCellDelegate::accepted, m_problem, &QWidget::hide);
    setTexts();
    if (m_presets->count() > 0)
        loadPreset(m_presets->itemText(0));
}

void JobTableEditor::setTexts()
{
    m_use->setText(tr("Run my own job table"));
    m_use->setToolTip(tr("Off: the preset chosen in the parameters. On: the table below, "
                         "passed to the runner as --jobs"));
    m_load->setText(tr("Start from preset"));
    m_add->setText(tr("Add job"));
    m_remove->setText(tr("Remove job"));
    m_table->setHorizontalHeaderLabels({tr("Job"), tr("Arrival"), tr("Bursts"), tr("Priority")});
    m_table->setToolTip(tr("Bursts alternate CPU and IO, starting and ending on the CPU: "
                           "4/2/3 computes 4, waits 2, computes 3. Times are in the lesson's "
                           "time units; a lower priority number is more urgent."));
}

void JobTableEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        setTexts();
}

bool JobTableEditor::useTable() const
{
    return m_use->isChecked();
}

void JobTableEditor::setUseTable(bool use)
{
    m_use->setChecked(use);
}

int JobTableEditor::jobCount() const
{
    return m_table->rowCount();
}

void JobTableEditor::addJob(const QString &name, const QString &arrival, const QString &bursts,
                            const QString &priority)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QStringList cells{name, arrival, bursts, priority};
    for (int column = 0; column < cells.size(); ++column)
        m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
}

void JobTableEditor::loadPreset(const QString &name)
{
    m_table->setRowCount(0);
    for (const Job &job : PoliciesScenario::preset(name.toStdString()).jobs) {
        QStringList bursts;
        for (const std::uint64_t burst : job.bursts)
            bursts << QString::number(burst);
        addJob(QString::fromStdString(job.name), QString::number(job.arrival),
               bursts.join(QLatin1Char('/')), QString::number(job.priority));
    }
}

QString JobTableEditor::csv() const
{
    QString text = QStringLiteral("name,arrival,bursts,priority\n");
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < 4; ++column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            // Commas would shift the columns: the runner then names the line as malformed.
            cells << (item ? item->text().trimmed() : QString());
        }
        text += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

} // namespace conlab
