#pragma once

#include <QString>
#include <QVector>

namespace conlab {

// Tick positions and labels for a time axis: a 1-2-5 step chosen so labels stay apart,
// with a unit (ns, us, ms, s) that suits the step.
class TimeAxis
{
public:
    struct Tick
    {
        double timeNs;
        QString label;
    };

    // Ticks inside [startNs, endNs] for an axis `pixels` wide, at least `minSpacing` apart.
    static QVector<Tick> ticks(double startNs, double endNs, double pixels,
                               double minSpacing = 80.0);
    static double stepFor(double nsPerPixel, double minSpacing);
    // "250 ms", "1.5 s", "12 us": for tooltips, status and export.
    static QString formatDuration(double ns);
    // A tick label with as many decimals as `stepNs` needs.
    static QString formatTick(double ns, double stepNs);
};

} // namespace conlab
