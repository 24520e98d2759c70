#include "StateDiagramView.h"

#include "StatePalette.h"

#include <QEvent>
#include <QPainter>
#include <QVector>
#include <algorithm>
#include <climits>
#include <cmath>

namespace conlab {

namespace {

// An edge lit this long after it was taken reads as "just happened" at 30 updates a second.
constexpr std::uint64_t kLitNs = 300'000'000;
constexpr double kNodeWidth = 84;
constexpr double kNodeHeight = 34;

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = ab.x() * ab.x() + ab.y() * ab.y();
    const double t =
        length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + ab * t;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

// New and terminated at the top corners, ready and running side by side below them,
// blocked at the bottom: every usual edge is short and none crosses another.
QPointF nodeCentre(WorkerState state, const QRectF &area)
{
    const double x0 = area.left();
    const double w = area.width();
    const double y0 = area.top();
    const double h = area.height();
    switch (state) {
    case WorkerState::New:
        return {x0, y0};
    case WorkerState::Ready:
        return {x0, y0 + h * 0.5};
    case WorkerState::Running:
        return {x0 + w, y0 + h * 0.5};
    case WorkerState::Blocked:
        return {x0 + w * 0.5, y0 + h};
    case WorkerState::Terminated:
        return {x0 + w, y0};
    }
    return area.center();
}

QColor nodeColor(WorkerState state)
{
    StateInterval interval;
    interval.state = state;
    interval.reason = BlockReason::Lock;
    return StatePalette::color(StatePalette::categoryOf(interval));
}

} // namespace

StateDiagramView::StateDiagramView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(300, 240);
    setAccessibleName(tr("State diagram"));
}

void StateDiagramView::setTransitions(const StateTransitions &transitions, std::uint64_t nowNs)
{
    m_transitions = transitions;
    m_nowNs = nowNs;
    update();
}

void StateDiagramView::clear()
{
    m_transitions = StateTransitions{};
    m_nowNs = 0;
    update();
}

void StateDiagramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    const QColor quiet = palette().color(QPalette::Mid);
    const QRectF area = QRectF(rect()).adjusted(kNodeWidth / 2 + 8, kNodeHeight / 2 + 30,
                                                -kNodeWidth / 2 - 8, -kNodeHeight / 2 - 12);
    const QFontMetrics metrics(font());
    painter.setPen(text);
    painter.drawText(QRect(8, 6, width() - 16, metrics.height()), Qt::AlignLeft,
                     tr("Worker states: transitions so far"));

    const WorkerState states[] = {WorkerState::New, WorkerState::Ready, WorkerState::Running,
                                  WorkerState::Blocked, WorkerState::Terminated};
    // The edges every lesson shows even before they are taken; others appear once they happen.
    const auto canonical = [](WorkerState from, WorkerState to) {
        return (from == WorkerState::New && to == WorkerState::Ready) ||
               (from == WorkerState::Ready && to == WorkerState::Running) ||
               (from == WorkerState::Running && to == WorkerState::Ready) ||
               (from == WorkerState::Running && to == WorkerState::Blocked) ||
               (from == WorkerState::Blocked && to == WorkerState::Ready) ||
               (from == WorkerState::Running && to == WorkerState::Terminated);
    };
    struct Edge
    {
        QPointF start;
        QPointF end;
        QPointF normal;
        QString label;
        bool taken = false;
    };
    QVector<Edge> edges;
    for (const WorkerState from : states) {
        for (const WorkerState to : states) {
            const std::uint64_t count = m_transitions.count(from, to);
            if (from == to || (count == 0 && !canonical(from, to)))
                continue;
            const std::uint64_t last = m_transitions.lastNs(from, to);
            const bool lit = count > 0 && last + kLitNs >= m_nowNs;
            QPointF a = nodeCentre(from, area);
            QPointF b = nodeCentre(to, area);
            // Two-way pairs are drawn apart so both directions and counts stay readable.
            const QPointF delta = b - a;
            const double length = std::hypot(delta.x(), delta.y());
            const QPointF unit = delta / length;
            const QPointF normal(-unit.y(), unit.x());
            a += normal * 7;
            b += normal * 7;
            // Leave each box where the line crosses its border.
            const auto gap = [&unit] {
                const double gx =
                    std::abs(unit.x()) > 1e-6 ? (kNodeWidth / 2) / std::abs(unit.x()) : 1e9;
                const double gy =
                    std::abs(unit.y()) > 1e-6 ? (kNodeHeight / 2) / std::abs(unit.y()) : 1e9;
                return std::min(gx, gy);
            }();
            const QPointF start = a + unit * (gap + 2);
            const QPointF end = b - unit * (gap + 3);
            const QColor color = lit ? QColor(0xE6, 0x9F, 0x00) : (count ? text : quiet);
            painter.setPen(QPen(color, lit ? 3.5 : 1.4));
            painter.drawLine(start, end);
            const QPointF head[] = {end, end - unit * 9 + normal * 4, end - unit * 9 - normal * 4};
            painter.setBrush(color);
            painter.drawPolygon(head, 3);
            edges.append({start, end, normal, QString::number(count), count > 0});
        }
    }
    // Each count beside its own arrow, where it is near no other arrow, box or count: a long
    // diagonal's middle would sit on the ready-running pair and read as theirs.
    QVector<QRectF> taken;
    for (const WorkerState state : states) {
        const QPointF centre = nodeCentre(state, area);
        taken.append(QRectF(centre.x() - kNodeWidth / 2, centre.y() - kNodeHeight / 2, kNodeWidth,
                            kNodeHeight));
    }
    for (const Edge &edge : edges) {
        const double width = metrics.horizontalAdvance(edge.label) + 6;
        const double height = metrics.height();
        QRectF best;
        int fewest = INT_MAX;
        for (const double t : {0.5, 0.35, 0.65, 0.25, 0.75, 0.18, 0.82}) {
            const QPointF centre = edge.start + (edge.end - edge.start) * t + edge.normal * 10;
            const QRectF box(centre.x() - width / 2, centre.y() - height / 2, width, height);
            int conflicts = 0;
            for (const QRectF &other : taken)
                conflicts += box.intersects(other);
            for (const Edge &other : edges) {
                if (&other != &edge &&
                    distanceToSegment(centre, other.start, other.end) < height / 2 + 2)
                    ++conflicts;
            }
            if (conflicts < fewest) {
                fewest = conflicts;
                best = box;
            }
            if (conflicts == 0)
                break;
        }
        taken.append(best);
        painter.setPen(edge.taken ? text : quiet);
        painter.drawText(best, Qt::AlignCenter, edge.label);
    }
    for (const WorkerState state : states) {
        const QPointF centre = nodeCentre(state, area);
        const QRectF box(centre.x() - kNodeWidth / 2, centre.y() - kNodeHeight / 2, kNodeWidth,
                         kNodeHeight);
        const QColor fill = nodeColor(state);
        painter.setPen(QPen(text, 1.2));
        painter.setBrush(fill);
        painter.drawRoundedRect(box, 8, 8);
        painter.setPen(fill.lightnessF() > 0.55 ? Qt::black : Qt::white);
        painter.drawText(box, Qt::AlignCenter,
                         QStringLiteral("%1\n%2")
                             .arg(StatePalette::stateName(state))
                             .arg(m_transitions.occupancy(state)));
    }
}

void StateDiagramView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    // The words are translated as they are painted.
    setAccessibleName(tr("State diagram"));
    update();
}

} // namespace conlab
