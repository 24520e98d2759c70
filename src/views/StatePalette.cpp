#include "StatePalette.h"

#include <QPainter>
#include <algorithm>

namespace conlab {

StatePalette::Category StatePalette::categoryOf(const StateInterval &interval)
{
    return categoryOf(StateCoverage::kindOf(interval));
}

StatePalette::Category StatePalette::categoryOf(StateCoverage::Kind kind)
{
    switch (kind) {
    case StateCoverage::Kind::New:
        return Category::New;
    case StateCoverage::Kind::Ready:
        return Category::Ready;
    case StateCoverage::Kind::Running:
        return Category::Running;
    case StateCoverage::Kind::BlockedSync:
        return Category::BlockedSync;
    case StateCoverage::Kind::BlockedQueue:
        return Category::BlockedQueue;
    case StateCoverage::Kind::Waiting:
        return Category::Waiting;
    case StateCoverage::Kind::Terminated:
        return Category::Terminated;
    }
    return Category::BlockedSync;
}

QColor StatePalette::color(Category category)
{
    switch (category) {
    case Category::New:
        return QColor(0xBB, 0xBB, 0xBB);
    case Category::Ready:
        return QColor(0xF0, 0xE4, 0x42);
    case Category::Running:
        return QColor(0x00, 0x9E, 0x73);
    case Category::BlockedSync:
        return QColor(0xD5, 0x5E, 0x00);
    case Category::BlockedQueue:
        return QColor(0xCC, 0x79, 0xA7);
    case Category::Waiting:
        return QColor(0x00, 0x72, 0xB2);
    case Category::Copying:
        return QColor(0x56, 0xB4, 0xE9);
    case Category::Terminated:
        return QColor(0x44, 0x44, 0x44);
    }
    return Qt::black;
}

QColor StatePalette::ownerColor(std::uint32_t worker)
{
    // A worker's identity, shown only as a chip beside its lane's name and as a stripe on
    // what it holds (a lock, a CPU), never as a bar's fill: a fill is a state. Light
    // qualitative colours (ColorBrewer Set3) without its yellows, reds, oranges, grey and
    // lavender, which would read as "ready", "blocked" or "new".
    static const QColor colors[] = {QColor(0x8D, 0xD3, 0xC7), QColor(0x80, 0xB1, 0xD3),
                                    QColor(0xFC, 0xCD, 0xE5), QColor(0xB3, 0xDE, 0x69),
                                    QColor(0xBC, 0x80, 0xBD), QColor(0xCC, 0xEB, 0xC5)};
    return colors[worker % (sizeof colors / sizeof colors[0])];
}

QColor StatePalette::heldColor()
{
    return QColor(0xF4, 0xF4, 0xF4);
}

void StatePalette::paintHeld(QPainter &painter, const QRect &bar, std::uint32_t owner)
{
    // Neutral, outlined, with the owner's identity as a stripe along the top: no colour of a
    // state, so "held by worker-3" can never be read as "running" or "blocked".
    painter.fillRect(bar, heldColor());
    painter.fillRect(QRect(bar.left(), bar.top(), bar.width(), std::min(4, bar.height() / 4)),
                     ownerColor(owner));
    painter.save();
    painter.setPen(QColor(0x88, 0x88, 0x88));
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    painter.restore();
}

QString StatePalette::label(Category category)
{
    switch (category) {
    case Category::New:
        return tr("new");
    case Category::Ready:
        return tr("ready (waiting for a CPU)");
    case Category::Running:
        return tr("running");
    case Category::BlockedSync:
        return tr("blocked on a lock, semaphore or event");
    case Category::BlockedQueue:
        return tr("blocked on a queue (full or empty)");
    case Category::Waiting:
        return tr("waiting (join, sleep, IO)");
    case Category::Copying:
        return tr("copying data");
    case Category::Terminated:
        return tr("terminated");
    }
    return {};
}

QVector<StatePalette::Category> StatePalette::legendOrder()
{
    return {Category::New,         Category::Ready,   Category::Running,   Category::BlockedQueue,
            Category::BlockedSync, Category::Waiting, Category::Terminated};
}

QString StatePalette::stateName(WorkerState state)
{
    switch (state) {
    case WorkerState::New:
        return tr("new");
    case WorkerState::Ready:
        return tr("ready");
    case WorkerState::Running:
        return tr("running");
    case WorkerState::Blocked:
        return tr("blocked");
    case WorkerState::Terminated:
        return tr("terminated");
    }
    return {};
}

QString StatePalette::reasonName(BlockReason reason)
{
    switch (reason) {
    case BlockReason::None:
        return {};
    case BlockReason::QueueFull:
        return tr("queue full");
    case BlockReason::QueueEmpty:
        return tr("queue empty");
    case BlockReason::Join:
        return tr("join");
    case BlockReason::Result:
        return tr("result");
    case BlockReason::PipeFull:
        return tr("pipe full");
    case BlockReason::PipeEmpty:
        return tr("pipe empty");
    case BlockReason::QueueJoin:
        return tr("queue join");
    case BlockReason::Lock:
        return tr("lock");
    case BlockReason::Semaphore:
        return tr("semaphore");
    case BlockReason::Event:
        return tr("event");
    case BlockReason::Sleep:
        return tr("sleep");
    case BlockReason::Io:
        return tr("IO wait");
    case BlockReason::Switch:
        return tr("switch");
    }
    return {};
}

QString StatePalette::exitText(ExitCause cause, qint64 arg)
{
    switch (cause) {
    case ExitCause::Normal:
        return tr("finished");
    case ExitCause::Stopped:
        return tr("stopped");
    case ExitCause::TimeLimit:
        return tr("time limit");
    case ExitCause::Signal:
        return tr("killed by signal %1").arg(arg);
    case ExitCause::DaemonEnded:
        return tr("daemon ended with its owner");
    case ExitCause::Failed:
        return tr("failed (exit code %1)").arg(arg);
    case ExitCause::GaveUp:
        return tr("gave up waiting");
    }
    return {};
}

QString StatePalette::outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("completed"))
        return tr("completed");
    if (outcome == QLatin1String("stopped"))
        return tr("stopped");
    if (outcome == QLatin1String("timed_out"))
        return tr("timed out");
    if (outcome == QLatin1String("failed"))
        return tr("failed");
    if (outcome == QLatin1String("deadlocked"))
        return tr("deadlocked");
    return outcome;
}

QString StatePalette::describe(const StateInterval &interval, const TraceMeta &meta)
{
    switch (interval.state) {
    case WorkerState::Running:
        if (interval.cpu >= 0 && interval.object > 0)
            return tr("running on CPU %1, from MLFQ level %2")
                .arg(interval.cpu)
                .arg((interval.object & ~std::uint32_t(kRunLifted)) - 1);
        if (interval.cpu >= 0)
            return tr("running on CPU %1").arg(interval.cpu);
        return tr("running");
    case WorkerState::Blocked: {
        QString text = tr("blocked: %1").arg(reasonName(interval.reason));
        if (interval.reason == BlockReason::Join) {
            text += QStringLiteral(" (%1)").arg(
                QString::fromStdString(meta.workerName(interval.object)));
        } else if (interval.reason == BlockReason::Result) {
            // The object is a task number here, not a shared object.
            text = interval.object == 0 ? tr("blocked: the next result, or all of them")
                                        : tr("blocked: result of task %1").arg(interval.object);
        } else if (const ObjectInfo *object = meta.object(interval.object)) {
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(object->name));
        }
        return text;
    }
    case WorkerState::Terminated:
        return tr("terminated: %1").arg(exitText(interval.exitCause, interval.exitArg));
    case WorkerState::New:
    case WorkerState::Ready:
        break;
    }
    return stateName(interval.state);
}

} // namespace conlab
