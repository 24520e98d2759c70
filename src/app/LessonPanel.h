#pragma once

#include <QTextBrowser>

namespace conlab {

// The lesson's text, read from the resource lessons/<language>/<scenario>.html in the
// window's language (InterfaceLanguage), and read again when the language changes.
class LessonPanel : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LessonPanel(QWidget *parent = nullptr);
    void showLesson(const QString &scenarioId);
    // The resource path of a lesson, or an empty string if it has no text in any language.
    static QString lessonPath(const QString &scenarioId);

protected:
    void changeEvent(QEvent *event) override;

private:
    QString m_scenarioId;
};

} // namespace conlab
