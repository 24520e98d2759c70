#pragma once

#include "analysis/WaitForGraph.h"
#include "trace/TraceMeta.h"

#include <QWidget>

namespace conlab {

// The resource-allocation graph at one instant: workers as circles, locks as squares, an
// edge from a lock to the worker holding it and a dashed edge from a worker to the lock it
// waits for. Edges of a cycle, a deadlock, are drawn thick and red.
class WaitForGraphView : public QWidget
{
    Q_OBJECT

public:
    explicit WaitForGraphView(QWidget *parent = nullptr);

    // `timeNs` is the instant shown, relative to the run's start; `live` says if it is "now".
    void setGraph(const TraceMeta &meta, const WaitForGraph &graph, double timeNs, bool live);
    void clear();
    int cycleCount() const { return int(m_cycles.size()); }
    // The instant shown (relative to the run's start) and whether it is "now".
    double timeNs() const { return m_timeNs; }
    bool isLive() const { return m_live; }
    QSize sizeHint() const override { return {320, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    TraceMeta m_meta;
    WaitForGraph m_graph;
    std::vector<WaitForGraph::Cycle> m_cycles;
    double m_timeNs = 0;
    bool m_live = true;
    bool m_hasData = false;
};

} // namespace conlab
