#pragma once

#include <QTextBrowser>

namespace conlab {

// The lesson's text, read from the resource lessons/<language>/<scenario>.html.
class LessonPanel : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LessonPanel(QWidget *parent = nullptr);
    void showLesson(const QString &scenarioId);
    // The resource path of a lesson, or an empty string if it has no text in any language.
    static QString lessonPath(const QString &scenarioId);
};

} // namespace conlab
