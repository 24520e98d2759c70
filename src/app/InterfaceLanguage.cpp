#include "InterfaceLanguage.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace conlab {

namespace {

const QString kSettingsKey = QStringLiteral("view/language");
const QString kEnglish = QStringLiteral("en");
const QString kResourceFolder = QStringLiteral(":/i18n");

// Owned by the application object, so a test that makes a new one starts afresh.
struct Installed
{
    QPointer<QTranslator> app;
    QPointer<QTranslator> qt;
    QString code = kEnglish;
};

Installed &installed()
{
    static Installed state;
    return state;
}

void removeTranslators()
{
    Installed &state = installed();
    for (QTranslator *translator : {state.app.data(), state.qt.data()}) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    state.code = kEnglish;
}

} // namespace

QStringList InterfaceLanguage::available()
{
    return {kEnglish, QStringLiteral("zh_CN")};
}

QString InterfaceLanguage::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == kEnglish)
        return QStringLiteral("English");
    return QLocale(code).nativeLanguageName();
}

QString InterfaceLanguage::preferred()
{
    const QString saved = QSettings().value(kSettingsKey).toString();
    if (available().contains(saved))
        return saved;
    // QTranslator::load walks the system's UI languages in order (LANGUAGE, then LANG):
    // zh_CN or zh_SG find the Simplified Chinese texts, anything else finds none.
    QTranslator probe;
    if (probe.load(QLocale::system(), QStringLiteral("conlab"), QStringLiteral("_"),
                   kResourceFolder) &&
        available().contains(probe.language()))
        return probe.language();
    return kEnglish;
}

QString InterfaceLanguage::current()
{
    return installed().code;
}

bool InterfaceLanguage::apply(const QString &code)
{
    if (code == current() && (code == kEnglish || installed().app))
        return true;
    removeTranslators();
    if (code == kEnglish || !available().contains(code))
        return code == kEnglish;
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(QStringLiteral("conlab_") + code, kResourceFolder)) {
        delete translator;
        return false;
    }
    Installed &state = installed();
    // Qt's own texts (the file dialog's buttons, a message box's OK) where the package
    // with Qt's translations is installed; the window works without them.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_") + code,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        state.qt = qt;
    } else {
        delete qt;
    }
    QCoreApplication::installTranslator(translator);
    state.app = translator;
    state.code = code;
    return true;
}

bool InterfaceLanguage::choose(const QString &code)
{
    if (!apply(code))
        return false;
    QSettings().setValue(kSettingsKey, code);
    return true;
}

} // namespace conlab
