#pragma once

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace conlab {

// How a figure of a run's summary reads in a report: its key in words ("lost_updates" ->
// "Lost updates") and its value in a unit (ns as s/ms/µs, KiB as MiB, ratios with two
// decimals, counts with thousands separators). The raw keys stay the scripts' names.
class FigureLabels
{
    Q_DECLARE_TR_FUNCTIONS(conlab::FigureLabels)

public:
    // Words for a key; an unknown key reads as itself, underscores as spaces, capitalised.
    static QString label(const QString &key);
    // A scalar or a list of scalars, in the unit its key implies.
    static QString value(const QString &key, const QJsonValue &value);
    static QString duration(double ns);
    static QString size(double kib);
    static QString count(double number);
    // Bookkeeping every run has (parameters, event counts, checker rules): not the lesson's
    // own figures, so the report keeps them apart.
    static bool isRunDetail(const QString &key);
    static const QStringList &runDetails();
};

} // namespace conlab
