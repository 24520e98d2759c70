#include "scenarios/PythonExampleCatalog.h"
#include "scenarios/ScenarioRegistry.h"

#include <QDirIterator>
#include <QFile>
#include <QFontDatabase>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTextLayout>
#include <QXmlStreamReader>

// The Simplified Chinese interface as it is shipped: every entry of the .ts translated and
// current, its placeholders kept, and every character of it and of the Chinese lesson texts
// drawable by the fonts the window paints with (no empty boxes).
class TranslationsTest : public QObject
{
    Q_OBJECT

    struct Entry
    {
        QString context;
        QString source;
        QStringList translations; // one, or one per plural form
        QString type;             // "", "unfinished", "vanished", "obsolete"
    };

    static QString tsPath()
    {
        return QStringLiteral(CONLAB_SOURCE_DIR "/resources/translations/conlab_zh_CN.ts");
    }

    static QList<Entry> readTs()
    {
        QList<Entry> entries;
        QFile file(tsPath());
        if (!file.open(QIODevice::ReadOnly))
            return entries;
        QXmlStreamReader xml(&file);
        QString context;
        Entry entry;
        bool numerus = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("name")) {
                    context = xml.readElementText();
                } else if (xml.name() == QLatin1String("message")) {
                    entry = Entry{context, {}, {}, {}};
                    numerus =
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                } else if (xml.name() == QLatin1String("source")) {
                    entry.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    entry.type = xml.attributes().value(QLatin1String("type")).toString();
                    // A plural's forms come as <numerusform> children instead.
                    if (!numerus && xml.readNext() == QXmlStreamReader::Characters)
                        entry.translations << xml.text().toString();
                } else if (xml.name() == QLatin1String("numerusform")) {
                    entry.translations << xml.readElementText();
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                entries << entry;
            }
        }
        return entries;
    }

    // %1..%99 and %n: each must survive translation, or the number lands nowhere.
    static QStringList placeholders(const QString &text)
    {
        static const QRegularExpression pattern(QStringLiteral("%(\\d{1,2}|n)"));
        QStringList found;
        for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
            found << match.captured();
        found.sort();
        found.removeDuplicates();
        return found;
    }

    static QStringList tags(const QString &text)
    {
        static const QRegularExpression pattern(QStringLiteral("</?[a-zA-Z]+[^>]*>"));
        QStringList found;
        for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
            found << match.captured();
        found.sort();
        return found;
    }

private slots:
    void everyEntryIsTranslated()
    {
        const QList<Entry> entries = readTs();
        QVERIFY2(!entries.isEmpty(), qPrintable(tsPath() + QStringLiteral(" has no entries")));
        QStringList faults;
        for (const Entry &entry : entries) {
            const QString where =
                entry.context + QStringLiteral(": \"") + entry.source + QLatin1Char('"');
            if (!entry.type.isEmpty()) {
                faults << QStringLiteral("%1 is %2").arg(where, entry.type);
                continue;
            }
            if (entry.translations.isEmpty() ||
                std::any_of(entry.translations.begin(), entry.translations.end(),
                            [](const QString &text) { return text.trimmed().isEmpty(); }))
                faults << QStringLiteral("%1 has an empty translation").arg(where);
        }
        QVERIFY2(faults.isEmpty(), qPrintable(faults.join(QLatin1Char('\n'))));
    }

    void everyCatalogueTextIsListed()
    {
        // The window shows these through ScenarioTexts; lupdate finds them only in its list.
        QSet<QString> translated;
        for (const Entry &entry : readTs()) {
            if (entry.context == QLatin1String("ScenarioTexts"))
                translated.insert(entry.source);
        }
        QStringList missing;
        const auto check = [&](const std::string &text) {
            const QString english = QString::fromStdString(text);
            if (!english.isEmpty() && !translated.contains(english) && !missing.contains(english))
                missing << english;
        };
        for (const conlab::Scenario::Info &info : conlab::ScenarioRegistry::catalog()) {
            check(info.title);
            check(info.chapterTitle);
        }
        std::vector<conlab::ParameterSpec> specs;
        for (const std::string &id : conlab::ScenarioRegistry::ids()) {
            for (const conlab::ParameterSpec &spec :
                 conlab::ScenarioRegistry::create(id)->parameters())
                specs.push_back(spec);
        }
        // The real-Python lessons are the catalogue's too, with parameters of their own.
        for (const conlab::PythonExample &example : conlab::PythonExampleCatalog::all()) {
            check(example.info.title);
            check(example.info.chapterTitle);
            for (const conlab::ParameterSpec &spec : example.parameters())
                specs.push_back(spec);
        }
        for (const conlab::ParameterSpec &spec : specs) {
            check(spec.label);
            check(spec.unit);
            check(spec.help);
            for (const std::string &label :
                 spec.choiceLabels.empty() ? spec.choices : spec.choiceLabels)
                check(label);
        }
        QStringList lines;
        for (const QString &text : std::as_const(missing))
            lines << QStringLiteral("    QT_TRANSLATE_NOOP(\"ScenarioTexts\", \"%1\"),").arg(text);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("add to src/views/ScenarioTexts.cpp, then run the "
                                           "update_translations target and translate:\n") +
                            lines.join(QLatin1Char('\n'))));
    }

    void placeholdersAndTagsSurvive()
    {
        QStringList faults;
        for (const Entry &entry : readTs()) {
            for (const QString &translation : entry.translations) {
                if (placeholders(translation) != placeholders(entry.source))
                    faults << QStringLiteral("%1: \"%2\" -> \"%3\": placeholders differ")
                                  .arg(entry.context, entry.source, translation);
                if (tags(translation) != tags(entry.source))
                    faults << QStringLiteral("%1: \"%2\" -> \"%3\": HTML tags differ")
                                  .arg(entry.context, entry.source, translation);
            }
        }
        QVERIFY2(faults.isEmpty(), qPrintable(faults.join(QLatin1Char('\n'))));
    }

    void everyCharacterHasAGlyph()
    {
        if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
            QSKIP("No font for Simplified Chinese is installed: the Chinese interface would show "
                  "empty boxes. Install fonts-noto-cjk (packaging/dev.sh does).");
        QSet<char32_t> characters;
        const auto collect = [&characters](const QString &text) {
            for (const char32_t c : text.toUcs4()) {
                if (c > 0x7E && !QChar::isSpace(c) && QChar::category(c) != QChar::Other_Format)
                    characters.insert(c);
            }
        };
        for (const Entry &entry : readTs()) {
            for (const QString &translation : entry.translations)
                collect(translation);
        }
        const QString lessons = QStringLiteral(CONLAB_SOURCE_DIR "/resources/lessons/zh_CN");
        int lessonFiles = 0;
        for (QDirIterator it(lessons, {QStringLiteral("*.html")}); it.hasNext();) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            collect(QString::fromUtf8(file.readAll()));
            ++lessonFiles;
        }
        QVERIFY2(lessonFiles > 0, qPrintable(lessons));
        QVERIFY(characters.size() > 500);

        // Laid out as the window lays out text: the application font first, then Qt's
        // fallback through fontconfig. A glyph index of 0 is the font's "missing" box.
        QStringList missing;
        for (const QFont &font : {QGuiApplication::font(), QFont(QStringLiteral("Sans Serif"))}) {
            for (const char32_t c : std::as_const(characters)) {
                QTextLayout layout(QString::fromUcs4(&c, 1), font);
                layout.beginLayout();
                layout.createLine();
                layout.endLayout();
                bool drawn = false;
                for (const QGlyphRun &run : layout.glyphRuns()) {
                    const QList<quint32> indexes = run.glyphIndexes();
                    drawn = !indexes.isEmpty() &&
                            std::find(indexes.begin(), indexes.end(), 0u) == indexes.end();
                }
                if (!drawn)
                    missing << QStringLiteral("U+%1 %2 (%3)")
                                   .arg(uint(c), 4, 16, QLatin1Char('0'))
                                   .arg(QString::fromUcs4(&c, 1), font.family());
            }
        }
        missing.removeDuplicates();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
