#include "LessonPanel.h"

#include "InterfaceLanguage.h"
#include "PythonLesson.h"

#include <QEvent>
#include <QFile>

namespace conlab {

LessonPanel::LessonPanel(QWidget *parent) : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    setMinimumWidth(260);
}

QString LessonPanel::lessonPath(const QString &scenarioId)
{
    // The window's language first, English where a lesson is not translated yet.
    const QStringList languages{InterfaceLanguage::current(), QStringLiteral("en")};
    for (const QString &language : languages) {
        const QString path = QStringLiteral(":/lessons/%1/%2.html").arg(language, scenarioId);
        if (QFile::exists(path))
            return path;
    }
    return {};
}

void LessonPanel::showLesson(const QString &scenarioId)
{
    m_scenarioId = scenarioId;
    const QString path = lessonPath(scenarioId);
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        setHtml(tr("<p>This lesson has no text yet.</p>"));
        return;
    }
    // A real-Python lesson ends with its program, as installed: what Run will watch.
    setHtml(QString::fromUtf8(file.readAll()) + PythonLesson::programHtml(scenarioId));
}

void LessonPanel::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && !m_scenarioId.isEmpty())
        showLesson(m_scenarioId);
}

} // namespace conlab
