#pragma once

#include <QString>

class QTreeWidget;
class QTreeWidgetItem;

namespace conlab {

// The window's list of lessons: the scenarios by chapter, then the real-Python lessons as a
// chapter of their own, each item carrying its lesson id. Built from the scenarios' English
// words through ScenarioTexts, so it is built again when the language changes.
struct LessonCatalog
{
    static void fill(QTreeWidget *tree);
    // Makes the lesson `id` current; false if the list has none.
    static bool select(QTreeWidget *tree, const QString &id);
    // The lesson id of an item, empty for a chapter heading.
    static QString idOf(const QTreeWidgetItem *item);
};

} // namespace conlab
