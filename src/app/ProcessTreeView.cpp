#include "ProcessTreeView.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>

namespace conlab {

namespace {

qint64 idOf(const QJsonObject &object, QLatin1String key)
{
    return qint64(object.value(key).toDouble());
}

void addProcess(QTreeWidgetItem *item, const QJsonObject &process)
{
    if (!process.value(QLatin1String("recorded")).toBool(true)) {
        // Known only as the parent its children recorded: server-models' connection forker.
        item->setText(0, ProcessTreeView::tr("a process without a lane  pid %1")
                             .arg(idOf(process, QLatin1String("pid"))));
        item->setToolTip(0, ProcessTreeView::tr("It ran no lane of the run; the processes "
                                                "beneath it named it as their parent"));
    } else {
        item->setText(0, ProcessTreeView::tr("%1  pid %2  ppid %3")
                             .arg(process.value(QLatin1String("name")).toString())
                             .arg(idOf(process, QLatin1String("pid")))
                             .arg(idOf(process, QLatin1String("ppid"))));
        item->setToolTip(0, ProcessTreeView::tr("A process: its own memory, its threads beneath"));
    }
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    for (const QJsonValue &value : process.value(QLatin1String("threads")).toArray()) {
        const QJsonObject thread = value.toObject();
        auto *child = new QTreeWidgetItem(item);
        child->setText(0, ProcessTreeView::tr("%1  tid %2")
                              .arg(thread.value(QLatin1String("name")).toString())
                              .arg(idOf(thread, QLatin1String("tid"))));
        child->setToolTip(0, ProcessTreeView::tr("A thread of this process"));
    }
    for (const QJsonValue &value : process.value(QLatin1String("children")).toArray())
        addProcess(new QTreeWidgetItem(item), value.toObject());
}

void collect(const QTreeWidgetItem *item, QStringList &texts)
{
    texts << item->text(0);
    for (int i = 0; i < item->childCount(); ++i)
        collect(item->child(i), texts);
}

} // namespace

ProcessTreeView::ProcessTreeView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(1);
    setHeaders();
    header()->setSectionResizeMode(QHeaderView::Stretch);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setUniformRowHeights(true);
    hide();
}

void ProcessTreeView::setHeaders()
{
    setHeaderLabels({tr("Processes and threads")});
    setAccessibleName(tr("Processes and threads"));
}

void ProcessTreeView::changeEvent(QEvent *event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setHeaders();
    if (!m_summary.isEmpty())
        showSummary(m_summary);
}

void ProcessTreeView::showSummary(const QJsonObject &summary)
{
    m_summary = summary;
    clear();
    const QJsonArray roots = summary.value(QLatin1String("tree")).toArray();
    for (const QJsonValue &root : roots)
        addProcess(new QTreeWidgetItem(this), root.toObject());
    expandAll();
    setVisible(!roots.isEmpty());
}

void ProcessTreeView::showRunning()
{
    m_summary = {};
    clear();
    hide();
}

QStringList ProcessTreeView::rowTexts() const
{
    QStringList texts;
    for (int i = 0; i < topLevelItemCount(); ++i)
        collect(topLevelItem(i), texts);
    return texts;
}

} // namespace conlab
