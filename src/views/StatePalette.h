#pragma once

#include "analysis/StateCoverage.h"
#include "analysis/StateInterval.h"
#include "trace/TraceMeta.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <QVector>
#include <cstdint>

class QPainter;
class QRect;

namespace conlab {

// The state colours of ui.md (Okabe-Ito, safe for colour-blind readers), the owner colours
// of lock and CPU bars, and the words that go with them, so the timeline, its legend,
// tooltips and exported images agree.
class StatePalette
{
    Q_DECLARE_TR_FUNCTIONS(StatePalette)

public:
    enum class Category {
        New,
        Ready,
        Running,
        BlockedSync,
        BlockedQueue,
        Waiting,
        Copying,
        Terminated
    };

    static Category categoryOf(const StateInterval &interval);
    static Category categoryOf(StateCoverage::Kind kind);
    static QColor color(Category category);
    static QString label(Category category);
    static QVector<Category> legendOrder();
    // A colour per worker, for bars named after their worker (lock owners, CPU lanes): light
    // enough for dark text.
    static QColor ownerColor(std::uint32_t worker);
    // What something held by a worker looks like (a lock's hold, a CPU's occupant): a neutral
    // bar with the owner's identity as a stripe, never a state's colour.
    static QColor heldColor();
    static void paintHeld(QPainter &painter, const QRect &bar, std::uint32_t owner);

    static QString stateName(WorkerState state);
    static QString reasonName(BlockReason reason);
    static QString exitText(ExitCause cause, qint64 arg);
    // A run's outcome as the summary names it ("completed", "timed_out", ...), in words.
    static QString outcomeText(const QString &outcome);
    // One line: "blocked: queue full (queue)", "running on CPU 0", "terminated: finished".
    static QString describe(const StateInterval &interval, const TraceMeta &meta);
};

} // namespace conlab
