#pragma once

#include <QString>
#include <QStringList>

namespace conlab {

// The window's language: English (the source texts) or a translation embedded under
// :/i18n. At startup it is the one chosen last (QSettings), else the system's if there is a
// translation for it, else English. Switching installs or removes the translators at once;
// every widget then gets QEvent::LanguageChange and retranslates itself. The command line
// (conlab-runner, conlab --export's messages) stays English: scripts read it.
class InterfaceLanguage
{
public:
    // Language codes with a translation, English first: "en", "zh_CN".
    static QStringList available();
    // How a language names itself, for the View > Language menu: "English", "简体中文".
    static QString nativeName(const QString &code);
    // The saved choice, else the system locale's translation, else "en".
    static QString preferred();
    // The language now installed.
    static QString current();
    // Installs `code`'s translators (and Qt's own for the standard dialogs, where installed),
    // removing the previous ones. False, and English, if there is no such translation.
    static bool apply(const QString &code);
    // apply(), and remembered for the next start.
    static bool choose(const QString &code);
    // The folder of lesson texts in the current language ("en", "zh_CN").
    static QString lessonFolder() { return current(); }
};

} // namespace conlab
