#include "WaitForGraphPainter.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QRect>
#include <cmath>
#include <map>
#include <set>

namespace conlab {

namespace {

const QColor kCycleColor(0xE0, 0x00, 0x00);
constexpr double kWorkerRadius = 20;
constexpr double kLockHalf = 13;

void drawArrow(QPainter &painter, QPointF from, QPointF to, double fromGap, double toGap)
{
    const QPointF delta = to - from;
    const double length = std::hypot(delta.x(), delta.y());
    if (length < fromGap + toGap + 1)
        return;
    const QPointF unit = delta / length;
    const QPointF start = from + unit * fromGap;
    const QPointF end = to - unit * toGap;
    painter.drawLine(start, end);
    const QPointF normal(-unit.y(), unit.x());
    const QPointF head[] = {end, end - unit * 9 + normal * 4.5, end - unit * 9 - normal * 4.5};
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(painter.pen().color());
    painter.drawPolygon(head, 3);
    painter.restore();
}

// A name centred on `centre`, on a backing of the paper's colour so edges under it stay readable.
void drawName(QPainter &painter, QPointF centre, const QString &name, const QFontMetrics &metrics,
              const QPalette &palette)
{
    const double width = metrics.horizontalAdvance(name) + 6;
    const QRectF box(centre.x() - width / 2, centre.y() - metrics.height() / 2.0, width,
                     metrics.height());
    QColor backing = palette.color(QPalette::Base);
    backing.setAlpha(220);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(backing);
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(box, Qt::AlignCenter, name);
    painter.restore();
}

} // namespace

WaitForGraphPainter::WaitForGraphPainter(const TraceMeta &meta, const WaitForGraph &graph)
    : m_meta(meta), m_graph(graph), m_cycles(graph.cycles())
{
}

bool WaitForGraphPainter::hasLocks() const
{
    for (const ObjectInfo &object : m_meta.objects) {
        if (object.kind == "lock")
            return true;
    }
    return false;
}

void WaitForGraphPainter::paint(QPainter &painter, const QRect &bounds, const QFont &font,
                                const QPalette &palette, const QString &title) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);
    const QColor text = palette.color(QPalette::Text);
    std::vector<const WorkerInfo *> workers;
    std::vector<const ObjectInfo *> locks;
    for (const WorkerInfo &worker : m_meta.workers) {
        if (worker.id != 0)
            workers.push_back(&worker);
    }
    for (const ObjectInfo &object : m_meta.objects) {
        if (object.kind == "lock")
            locks.push_back(&object);
    }

    const QFontMetrics metrics(font);
    const int header = metrics.height() * 2 + 10;
    const int footer = metrics.height() + 12;
    // Room for the outer circles and the names outside them, clear of the heading and the key.
    const double rim = kWorkerRadius + 4;
    int widestName = 0;
    for (const WorkerInfo *worker : workers)
        widestName =
            std::max(widestName, metrics.horizontalAdvance(QString::fromStdString(worker->name)));
    const double side = std::max(40.0, widestName / 2.0 + 8);
    const double above = metrics.height() + 4;
    const QRectF area = QRectF(bounds).adjusted(side + rim, header + rim + above, -side - rim,
                                                -footer - rim - above);
    const QPointF centre = area.center();
    const double radius = std::max(40.0, std::min(area.width(), area.height()) / 2);

    // Workers around a circle and lock i between workers i-1 and i, which is where the lessons'
    // rings put it (philosopher i reaches for chopsticks i and i+1): cycles then look like rings.
    std::map<std::uint32_t, QPointF> workerAt;
    std::map<std::uint32_t, QPointF> lockAt;
    const std::size_t n = workers.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double angle = -M_PI / 2 + 2 * M_PI * double(i) / double(n);
        workerAt[workers[i]->id] = centre + QPointF(std::cos(angle), std::sin(angle)) * radius;
    }
    for (std::size_t i = 0; i < locks.size(); ++i) {
        const double angle = -M_PI / 2 + 2 * M_PI * (double(i) - 0.5) /
                                             double(std::max<std::size_t>(locks.size(), 1));
        lockAt[locks[i]->id] = centre + QPointF(std::cos(angle), std::sin(angle)) * radius * 0.72;
    }

    std::set<std::pair<std::uint32_t, std::uint32_t>> cycleHolds; // (lock, worker)
    std::set<std::pair<std::uint32_t, std::uint32_t>> cycleWaits; // (worker, lock)
    for (const WaitForGraph::Cycle &cycle : m_cycles) {
        const std::size_t size = cycle.workers.size();
        for (std::size_t i = 0; i < size; ++i) {
            cycleWaits.insert({cycle.workers[i], cycle.locks[i]});
            cycleHolds.insert({cycle.locks[(i + size - 1) % size], cycle.workers[i]});
        }
    }

    for (const auto &[lock, owner] : m_graph.holders()) {
        if (!lockAt.count(lock) || !workerAt.count(owner))
            continue;
        const bool inCycle = cycleHolds.count({lock, owner}) > 0;
        painter.setPen(QPen(inCycle ? kCycleColor : text, inCycle ? 3.5 : 1.8));
        drawArrow(painter, lockAt[lock], workerAt[owner], kLockHalf + 2, kWorkerRadius + 2);
    }
    for (const auto &[worker, lock] : m_graph.waits()) {
        if (!lockAt.count(lock) || !workerAt.count(worker))
            continue;
        const bool inCycle = cycleWaits.count({worker, lock}) > 0;
        painter.setPen(QPen(inCycle ? kCycleColor : text, inCycle ? 3.5 : 1.8,
                            inCycle ? Qt::SolidLine : Qt::DashLine));
        drawArrow(painter, workerAt[worker], lockAt[lock], kWorkerRadius + 2, kLockHalf + 2);
    }

    std::set<std::uint32_t> cycleWorkers;
    for (const WaitForGraph::Cycle &cycle : m_cycles)
        cycleWorkers.insert(cycle.workers.begin(), cycle.workers.end());
    for (const WorkerInfo *worker : workers) {
        const QPointF at = workerAt[worker->id];
        const bool inCycle = cycleWorkers.count(worker->id) > 0;
        painter.setPen(QPen(inCycle ? kCycleColor : text, inCycle ? 3 : 1.5));
        painter.setBrush(palette.color(QPalette::Window));
        painter.drawEllipse(at, kWorkerRadius, kWorkerRadius);
        // Outward from the ring, as the locks' names: under a bottom worker, above a top one,
        // beside the others; never across the edges inside the ring.
        const QString name = QString::fromStdString(worker->name);
        const QPointF outward = at - centre;
        const double distance = std::hypot(outward.x(), outward.y());
        const QPointF direction = distance > 1 ? outward / distance : QPointF(0, 1);
        const double reach = kWorkerRadius + 3 +
                             std::abs(direction.x()) * (metrics.horizontalAdvance(name) / 2.0 + 2) +
                             std::abs(direction.y()) * metrics.height() / 2.0;
        drawName(painter, at + direction * reach, name, metrics, palette);
    }
    for (const ObjectInfo *lock : locks) {
        const QPointF at = lockAt[lock->id];
        const bool held = m_graph.holders().count(lock->id) > 0;
        painter.setPen(QPen(text, 1.5));
        painter.setBrush(held ? QColor(0xD5, 0x5E, 0x00, 60) : palette.color(QPalette::Base));
        painter.drawRect(
            QRectF(at.x() - kLockHalf, at.y() - kLockHalf, 2 * kLockHalf, 2 * kLockHalf));
        // Names go beside the square, outward into the gap between two workers.
        const QString name = QString::fromStdString(lock->name);
        const QPointF outward = at - centre;
        const double distance = std::max(1.0, std::hypot(outward.x(), outward.y()));
        const QPointF direction = outward / distance;
        // Far enough along that direction for the name's box to clear the square.
        const double reach = kLockHalf + 4 +
                             std::abs(direction.x()) * (metrics.horizontalAdvance(name) / 2.0 + 2) +
                             std::abs(direction.y()) * metrics.height() / 2.0;
        drawName(painter, at + direction * reach, name, metrics, palette);
    }

    painter.setPen(text);
    painter.drawText(
        QRect(bounds.left() + 8, bounds.top() + 6, bounds.width() - 16, metrics.height()),
        Qt::AlignLeft, title);
    painter.setPen(m_cycles.empty() ? text : kCycleColor);
    painter.drawText(QRect(bounds.left() + 8, bounds.top() + 8 + metrics.height(),
                           bounds.width() - 16, metrics.height()),
                     Qt::AlignLeft,
                     m_cycles.empty() ? tr("no cycle")
                                      : tr("%n cycle(s): deadlock", nullptr, int(m_cycles.size())));
    painter.setPen(palette.color(QPalette::PlaceholderText));
    painter.drawText(
        QRect(bounds.left() + 8, bounds.bottom() + 1 - footer, bounds.width() - 16, footer - 4),
        Qt::AlignLeft | Qt::AlignVCenter, tr("○ worker  □ lock  → holds  ⇢ waits for"));
    painter.restore();
}

} // namespace conlab
