#include "TimeAxis.h"

#include <cmath>

namespace conlab {

namespace {

struct Unit
{
    double ns;
    const char *name;
};

Unit unitFor(double ns)
{
    const double magnitude = std::abs(ns);
    if (magnitude >= 1e9)
        return {1e9, "s"};
    if (magnitude >= 1e6)
        return {1e6, "ms"};
    if (magnitude >= 1e3)
        return {1e3, "us"};
    return {1.0, "ns"};
}

} // namespace

double TimeAxis::stepFor(double nsPerPixel, double minSpacing)
{
    const double minimum = std::max(1.0, nsPerPixel * minSpacing);
    double decade = std::pow(10.0, std::floor(std::log10(minimum)));
    for (;;) {
        for (const double factor : {1.0, 2.0, 5.0}) {
            if (decade * factor >= minimum)
                return decade * factor;
        }
        decade *= 10.0;
    }
}

QVector<TimeAxis::Tick> TimeAxis::ticks(double startNs, double endNs, double pixels,
                                        double minSpacing)
{
    QVector<Tick> result;
    if (!(endNs > startNs) || pixels <= 0)
        return result;
    const double step = stepFor((endNs - startNs) / pixels, minSpacing);
    for (double t = std::ceil(startNs / step) * step; t <= endNs; t += step)
        result.append({t, formatTick(t, step)});
    return result;
}

QString TimeAxis::formatTick(double ns, double stepNs)
{
    // The unit follows the step, so every label of one axis has the same unit; a step of a
    // tenth of a unit or more is written in that unit ("1.5 s", not "1500 ms").
    const Unit unit = unitFor(stepNs * 10);
    const double value = ns / unit.ns;
    const double stepInUnit = stepNs / unit.ns;
    const int decimals = stepInUnit >= 1.0 ? 0 : int(std::ceil(-std::log10(stepInUnit)));
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QLatin1String(unit.name));
}

QString TimeAxis::formatDuration(double ns)
{
    if (ns == 0)
        return QStringLiteral("0 s");
    const Unit unit = unitFor(ns);
    const double value = ns / unit.ns;
    const int decimals = std::abs(value) >= 100 ? 0 : (std::abs(value) >= 10 ? 1 : 2);
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QLatin1String(unit.name));
}

} // namespace conlab
