#include "LessonCatalog.h"

#include "scenarios/PythonExampleCatalog.h"
#include "scenarios/ScenarioRegistry.h"
#include "views/ScenarioTexts.h"

#include <QTreeWidget>

namespace conlab {

namespace {
constexpr int kIdRole = Qt::UserRole;
}

void LessonCatalog::fill(QTreeWidget *tree)
{
    tree->clear();
    QTreeWidgetItem *chapterItem = nullptr;
    int chapter = -1;
    // The real-Python lessons come last, as a chapter: they run the same way (a watched
    // python3), offer the same parameters, and read best side by side (threads against
    // processes under the real GIL).
    std::vector<Scenario::Info> lessons = ScenarioRegistry::catalog();
    for (const PythonExample &example : PythonExampleCatalog::all())
        lessons.push_back(example.info);
    for (const Scenario::Info &info : lessons) {
        if (info.chapter != chapter) {
            chapter = info.chapter;
            chapterItem = new QTreeWidgetItem(tree);
            chapterItem->setText(0, QStringLiteral("%1  %2").arg(chapter).arg(
                                        ScenarioTexts::text(info.chapterTitle)));
            chapterItem->setFlags(Qt::ItemIsEnabled);
            QFont bold = chapterItem->font(0);
            bold.setBold(true);
            chapterItem->setFont(0, bold);
        }
        auto *item = new QTreeWidgetItem(chapterItem);
        item->setText(0, ScenarioTexts::text(info.title));
        item->setData(0, kIdRole, QString::fromStdString(info.id));
        item->setToolTip(0, QString::fromStdString(info.id));
    }
    tree->expandAll();
}

bool LessonCatalog::select(QTreeWidget *tree, const QString &id)
{
    for (int chapter = 0; chapter < tree->topLevelItemCount(); ++chapter) {
        QTreeWidgetItem *chapterItem = tree->topLevelItem(chapter);
        for (int i = 0; i < chapterItem->childCount(); ++i) {
            if (idOf(chapterItem->child(i)) == id) {
                tree->setCurrentItem(chapterItem->child(i));
                return true;
            }
        }
    }
    return false;
}

QString LessonCatalog::idOf(const QTreeWidgetItem *item)
{
    return item ? item->data(0, kIdRole).toString() : QString();
}

} // namespace conlab
