#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

namespace conlab {

// `conlab --export out.png|svg|pdf|json (--scenario ID [--set name=value ...] | --trace FILE)`:
// runs the scenario headless (or reads a saved trace) and writes the timeline, no window;
// .json is the Trace Event Format that Perfetto opens.
class ExportCommand
{
public:
    struct Request
    {
        QString output;
        QString scenario;
        QStringList assignments;
        QString trace;
        int timeLimitSeconds = 60;
        int width = 1400;
    };

    // Exit codes: 0 written, 1 the run or the writing failed, 2 bad input.
    static int run(const Request &request, QTextStream &out, QTextStream &err);
};

} // namespace conlab
