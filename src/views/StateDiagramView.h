#pragma once

#include "analysis/StateTransitions.h"

#include <QWidget>

namespace conlab {

// The five worker states and the transitions between them, each edge with how often it was
// taken; an edge taken in the last moments lights up, so the diagram follows the run.
class StateDiagramView : public QWidget
{
    Q_OBJECT

public:
    explicit StateDiagramView(QWidget *parent = nullptr);

    // `nowNs` is absolute, like the transitions' times.
    void setTransitions(const StateTransitions &transitions, std::uint64_t nowNs);
    void clear();
    QSize sizeHint() const override { return {320, 260}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    StateTransitions m_transitions;
    std::uint64_t m_nowNs = 0;
};

} // namespace conlab
