#pragma once

#include <QImage>
#include <QString>

namespace conlab {

class RunRecording;

// A run's timeline as a picture for a report or a slide: title, parameter values, time axis,
// every lane, the legend and the time range shown, painted by the window's own painter.
class TimelineImage
{
public:
    struct Options
    {
        int width = 1400;             // logical pixels
        qreal devicePixelRatio = 2.0; // 2x by default, sharp on slides and high-dpi screens
        double startNs = -1;          // relative to the run's start; < 0: from the start
        double endNs = -1;            // < 0: to the last event
        bool showCpus = true;         // a lane per virtual CPU
        bool showWakeups = true;      // "unblocked by" arrows
    };

    static QImage render(const RunRecording &recording, const Options &options);
    // PNG, SVG or PDF by the file's suffix; SVG and PDF are vectors. On failure `error` names
    // the file and what went wrong.
    static bool save(const QString &path, const RunRecording &recording, const Options &options,
                     QString *error);
    static bool savePng(const QString &path, const RunRecording &recording, const Options &options,
                        QString *error);
};

} // namespace conlab
