#include "RunBanner.h"

#include "analysis/RunRecording.h"
#include "views/TimeAxis.h"

#include <QJsonArray>

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
        parts << RunBanner::tr("%1 holds %2, waits for %3")
                     .arg(QString::fromStdString(meta.workerName(cycle.workers[i])),
                          lockName(cycle.locks[(i + size - 1) % size]), lockName(cycle.locks[i]));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

RunBanner::RunBanner(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setMargin(6);
    hide();
}

void RunBanner::showRun(const RunRecording &recording, const QJsonObject &summary)
{
    QString text;
    QString style;
    const QString red = QStringLiteral("background: #E00000; color: white; font-weight: bold");
    const QString amber = QStringLiteral("background: #E69F00; color: black; font-weight: bold");
    const double origin = double(recording.meta().startNs);
    const auto cycles = recording.waitFor().cycles();
    if (!cycles.empty()) {
        text = tr("deadlock: %1 (cycle closed at %2)")
                   .arg(cycleText(recording.meta(), cycles.front()),
                        TimeAxis::formatDuration(double(cycles.front().formedNs) - origin));
        style = red;
    } else if (summary.value(QLatin1String("deadlock")).isObject()) {
        const QJsonObject deadlock = summary.value(QLatin1String("deadlock")).toObject();
        QStringList cycle;
        for (const QJsonValue &name : deadlock.value(QLatin1String("cycle")).toArray())
            cycle << name.toString();
        text = tr("deadlock: %1 waited for each other from %2 (detected at %3)")
                   .arg(cycle.join(QStringLiteral(" → ")),
                        TimeAxis::formatDuration(
                            deadlock.value(QLatin1String("formed_ns")).toDouble()),
                        TimeAxis::formatDuration(
                            deadlock.value(QLatin1String("detected_ns")).toDouble()));
        style = red;
    } else if (recording.hasDeadlock()) {
        text =
            tr("a deadlock cycle formed at %1 and was broken (%2)")
                .arg(TimeAxis::formatDuration(double(recording.firstDeadlock().formedNs) - origin),
                     cycleText(recording.meta(), recording.firstDeadlock()));
        style = amber;
    } else if (!summary.value(QLatin1String("potential_deadlocks")).toArray().isEmpty()) {
        QStringList sites;
        for (const QJsonValue &potential :
             summary.value(QLatin1String("potential_deadlocks")).toArray())
            for (const QJsonValue &site :
                 potential.toObject().value(QLatin1String("sites")).toArray())
                sites << site.toString();
        text = tr("potential deadlock (lock-order inversion), though this run finished: %1")
                   .arg(sites.join(QStringLiteral("; ")));
        style = amber;
    } else if (summary.value(QLatin1String("oversold")).toInt() > 0) {
        text = tr("%1 tickets oversold: %2 sold with %3 in stock")
                   .arg(summary.value(QLatin1String("oversold")).toInt())
                   .arg(summary.value(QLatin1String("sold")).toInt())
                   .arg(recording.meta().param("tickets").c_str());
        style = amber;
    } else if (summary.value(QLatin1String("lost_updates")).toInt() > 0) {
        text = tr("%1 updates lost: expected %2, the counter ended at %3")
                   .arg(summary.value(QLatin1String("lost_updates")).toInt())
                   .arg(summary.value(QLatin1String("expected_value")).toInt())
                   .arg(summary.value(QLatin1String("final_value")).toInt());
        style = amber;
    }
    setText(text);
    setStyleSheet(style);
    setVisible(!text.isEmpty());
}

} // namespace conlab
