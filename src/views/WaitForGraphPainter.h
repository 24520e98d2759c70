#pragma once

#include "analysis/WaitForGraph.h"
#include "trace/TraceMeta.h"

#include <QCoreApplication>
#include <QString>
#include <vector>

class QFont;
class QPainter;
class QPalette;
class QRect;

namespace conlab {

// Paints the resource-allocation graph at one instant into any rectangle: workers as circles,
// locks as squares, an edge from a lock to the worker holding it and a dashed edge from a worker
// to the lock it waits for; a cycle's edges thick and red. The Graph tab and exported images both
// use it.
class WaitForGraphPainter
{
    Q_DECLARE_TR_FUNCTIONS(WaitForGraphPainter)

public:
    WaitForGraphPainter(const TraceMeta &meta, const WaitForGraph &graph);

    bool hasLocks() const;
    int cycleCount() const { return int(m_cycles.size()); }
    // `title` heads the picture (which instant it shows); the cycle count goes under it and the
    // key to the shapes at the bottom.
    void paint(QPainter &painter, const QRect &bounds, const QFont &font, const QPalette &palette,
               const QString &title) const;

private:
    const TraceMeta &m_meta;
    const WaitForGraph &m_graph;
    std::vector<WaitForGraph::Cycle> m_cycles;
};

} // namespace conlab
