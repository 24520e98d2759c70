#pragma once

#include <QCoreApplication>
#include <QString>
#include <string>

namespace conlab {

// The catalogue's words in the window's language: lesson and chapter titles, parameter
// labels, choices and units. The scenarios hold them in English, as the command line prints
// them; the window, its parameter panel and exported images look each one up here. A text
// with no translation is shown as it is.
class ScenarioTexts
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioTexts)

public:
    static QString text(const std::string &english);
    // A parameter's unit as it reads after `count`: "1 CPU", "2 CPUs" (units are plural).
    static QString unit(const std::string &english, long long count);
};

} // namespace conlab
