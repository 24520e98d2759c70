#include "RunVerdict.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "analysis/RunRecording.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace conlab {

namespace {

QString cycleText(const TraceMeta &meta, const WaitForGraph::Cycle &cycle)
{
    QStringList parts;
    const std::size_t size = cycle.workers.size();
    const auto lockName = [&meta](std::uint32_t id) {
        const ObjectInfo *object = meta.object(id);
        return object ? QString::fromStdString(object->name) : QString::number(id);
    };
    for (std::size_t i = 0; i < size; ++i) {
        parts << RunVerdict::tr("%1 holds %2, waits for %3")
                     .arg(QString::fromStdString(meta.workerName(cycle.workers[i])),
                          lockName(cycle.locks[(i + size - 1) % size]), lockName(cycle.locks[i]));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QJsonObject RunVerdict::summaryOf(const RunRecording &recording)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(recording.summaryJson())).object();
}

RunVerdict::Line RunVerdict::verdict(const RunRecording &recording, const QJsonObject &summary)
{
    const double origin = double(recording.meta().startNs);
    const auto cycles = recording.waitFor().cycles();
    if (!cycles.empty()) {
        return {tr("deadlock: %1 (cycle closed at %2)")
                    .arg(cycleText(recording.meta(), cycles.front()),
                         TimeAxis::formatDuration(double(cycles.front().formedNs) - origin)),
                Severity::Failure};
    }
    if (summary.value(QLatin1String("deadlock")).isObject()) {
        const QJsonObject deadlock = summary.value(QLatin1String("deadlock")).toObject();
        QStringList cycle;
        for (const QJsonValue &name : deadlock.value(QLatin1String("cycle")).toArray())
            cycle << name.toString();
        return {tr("deadlock: %1 waited for each other from %2 (detected at %3)")
                    .arg(cycle.join(QStringLiteral(" → ")),
                         TimeAxis::formatDuration(
                             deadlock.value(QLatin1String("formed_ns")).toDouble()),
                         TimeAxis::formatDuration(
                             deadlock.value(QLatin1String("detected_ns")).toDouble())),
                Severity::Failure};
    }
    // A watched program: no lock owners are visible from outside, only that nobody moves.
    const std::string &scenario = recording.meta().scenario;
    if (scenario == "exec" || scenario == "attach") {
        const QString stall = summary.value(QLatin1String("stall_warning")).toString();
        if (!stall.isEmpty())
            return {stall, Severity::Failure};
        // Live: the watcher's own line on lane 0, from the lines the recording keeps as they
        // arrive (a program prints few; its events are many).
        for (const OutputLog::Line &line : recording.output().lines())
            if (line.worker == 0 && line.text.rfind("possible deadlock", 0) == 0)
                return {QString::fromStdString(line.text), Severity::Failure};
    }
    if (recording.hasDeadlock()) {
        return {
            tr("a deadlock cycle formed at %1 and was broken (%2)")
                .arg(TimeAxis::formatDuration(double(recording.firstDeadlock().formedNs) - origin),
                     cycleText(recording.meta(), recording.firstDeadlock())),
            Severity::Warning};
    }
    if (!summary.value(QLatin1String("potential_deadlocks")).toArray().isEmpty()) {
        QStringList sites;
        for (const QJsonValue &potential :
             summary.value(QLatin1String("potential_deadlocks")).toArray())
            for (const QJsonValue &site :
                 potential.toObject().value(QLatin1String("sites")).toArray())
                sites << site.toString();
        return {tr("potential deadlock (lock-order inversion), though this run finished: %1")
                    .arg(sites.join(QStringLiteral("; "))),
                Severity::Warning};
    }
    if (summary.value(QLatin1String("oversold")).toInt() > 0) {
        return {tr("%1 tickets oversold: %2 sold with %3 in stock")
                    .arg(summary.value(QLatin1String("oversold")).toInt())
                    .arg(summary.value(QLatin1String("sold")).toInt())
                    .arg(recording.meta().param("tickets").c_str()),
                Severity::Warning};
    }
    // The kernel lesson's ready share is the machine's: say when others took the cores.
    const double coreTime = summary.value(QLatin1String("core_time_ns")).toDouble();
    const double others = summary.value(QLatin1String("other_cpu_ns")).toDouble();
    if (coreTime > 0 && others >= 0.05 * coreTime) {
        return {tr("other programs used the job cores for %1 of %2 (%3 %): the yellow, ready "
                   "share depends on them")
                    .arg(TimeAxis::formatDuration(others), TimeAxis::formatDuration(coreTime))
                    .arg(qRound(100 * others / coreTime)),
                Severity::Warning};
    }
    if (summary.value(QLatin1String("lost_updates")).toInt() > 0) {
        return {tr("%1 updates lost: expected %2, the counter ended at %3")
                    .arg(summary.value(QLatin1String("lost_updates")).toInt())
                    .arg(summary.value(QLatin1String("expected_value")).toInt())
                    .arg(summary.value(QLatin1String("final_value")).toInt()),
                Severity::Warning};
    }
    return {};
}

RunVerdict::Line RunVerdict::outcome(const QJsonObject &summary)
{
    const QString outcome = summary.value(QLatin1String("outcome")).toString();
    const QString error = summary.value(QLatin1String("error")).toString();
    const int stranded = summary.value(QLatin1String("stranded")).toInt();
    const QString name = StatePalette::outcomeText(outcome);
    QString why;
    if (outcome == QLatin1String("failed")) {
        why = error.isEmpty() ? tr("a worker ended with an error") : error;
    } else if (outcome == QLatin1String("deadlocked")) {
        why = tr("the cycle never opened, so the run could not finish; the time limit ended it");
    } else if (outcome == QLatin1String("timed_out")) {
        why = stranded > 0 ? tr("the time limit ended the run with %n worker(s) still waiting",
                                nullptr, stranded)
                           : tr("the time limit ended the run before it finished");
    } else if (outcome == QLatin1String("stopped")) {
        why = tr("Stop ended the run before it finished");
    } else {
        return {};
    }
    if (!error.isEmpty() && outcome != QLatin1String("failed"))
        why += QStringLiteral(" (%1)").arg(error);
    return {tr("%1: %2").arg(name, why), Severity::Failure};
}

} // namespace conlab
