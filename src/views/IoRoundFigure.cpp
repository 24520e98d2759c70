#include "IoRoundFigure.h"

#include "StatePalette.h"
#include "TimeAxis.h"
#include "analysis/RunRecording.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <map>

namespace conlab {

namespace {

constexpr int kBarHeight = 16;
constexpr int kStripHeight = 6;
constexpr int kGap = 14;

} // namespace

IoRoundFigure::IoRoundFigure(const RunRecording &recording, const QFont &font,
                             const QPalette &palette)
    : m_recording(recording), m_font(font), m_palette(palette)
{
    // The last round every receiver finished with a known arrival.
    std::map<std::uint32_t, std::uint32_t> lastDone;
    for (const IoPhases::Round &round : recording.ioRounds()) {
        if (round.doneNs == 0 || round.arrivalNs == 0)
            continue;
        auto &last = lastDone[round.worker];
        last = std::max(last, round.round + 1);
    }
    if (lastDone.empty())
        return;
    std::uint32_t shown = UINT32_MAX;
    for (const auto &[worker, done] : lastDone)
        shown = std::min(shown, done);
    const TraceMeta &meta = recording.meta();
    for (const WorkerInfo &worker : meta.workers) {
        for (const IoPhases::Round &round : recording.ioRounds()) {
            if (round.worker != worker.id || round.round + 1 != shown || round.doneNs == 0 ||
                round.arrivalNs == 0)
                continue;
            Row row;
            row.name = QString::fromStdString(worker.name);
            row.role = QString::fromStdString(worker.role);
            row.round = round;
            row.waitBlockedShare = blockedShare(worker.id, round.waitBeginNs, round.waitEndNs());
            row.copyBlockedShare = blockedShare(worker.id, round.copyBeginNs, round.copyEndNs);
            m_rows.append(row);
            break;
        }
    }
}

double IoRoundFigure::blockedShare(std::uint32_t worker, std::uint64_t from, std::uint64_t to) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const int lane = timeline.laneOf(worker);
    if (lane < 0 || to <= from)
        return 0;
    std::uint64_t blocked = 0;
    for (const StateInterval &interval : timeline.lane(std::size_t(lane)).intervals) {
        if (interval.endNs <= from || interval.startNs >= to)
            continue;
        if (interval.state == WorkerState::Blocked)
            blocked += std::min(interval.endNs, to) - std::max(interval.startNs, from);
    }
    return double(blocked) / double(to - from);
}

bool IoRoundFigure::isStacked(int width)
{
    return width < kSideBySideWidth;
}

QString IoRoundFigure::caption()
{
    return tr("Under each bar, the receiver's own lane over that stretch, in the state colours: "
              "blocked or running.");
}

int IoRoundFigure::height(int width) const
{
    if (m_rows.isEmpty())
        return 0;
    const QFontMetrics metrics(m_font);
    const int rows = int(m_rows.size()) * kRowHeight;
    const int captionHeight =
        metrics.boundingRect(QRect(0, 0, std::max(100, width), 1000), Qt::TextWordWrap, caption())
            .height();
    const int headings = 2 * metrics.height() + 10;
    if (isStacked(width))
        return headings + rows + metrics.height() + 8 + rows + captionHeight;
    return headings + rows + captionHeight;
}

QString IoRoundFigure::waitText(const Row &row) const
{
    const QString wait = TimeAxis::formatDuration(double(row.round.waitNs()));
    if (row.waitBlockedShare >= 0.5)
        return tr("%1 blocked").arg(wait);
    if (row.round.attempts > 0)
        return tr("%1 not blocked: polls, %n failed tries", nullptr, int(row.round.attempts))
            .arg(wait);
    if (row.round.notifiedNs > 0)
        return tr("%1 not blocked: computes until told").arg(wait);
    return tr("%1 not blocked").arg(wait);
}

QString IoRoundFigure::copyText(const Row &row) const
{
    const std::uint64_t copy = row.round.copyNs();
    if (row.role == QLatin1String("async") || copy == 0)
        return tr("the kernel copied it before telling: the process never waited");
    const QString length = TimeAxis::formatDuration(double(copy));
    if (row.copyBlockedShare >= 0.5)
        return tr("%1 blocked in the read").arg(length);
    return tr("%1 inside the read call: the process waits for it").arg(length);
}

void IoRoundFigure::paintStates(QPainter &painter, std::uint32_t worker, std::uint64_t from,
                                std::uint64_t to, const QRect &strip, double nsPerPixel,
                                double originNs, double originX) const
{
    const StateTimeline &timeline = m_recording.timeline();
    const int lane = timeline.laneOf(worker);
    if (lane < 0 || to <= from || nsPerPixel <= 0)
        return;
    for (const StateInterval &interval : timeline.lane(std::size_t(lane)).intervals) {
        if (interval.endNs <= from || interval.startNs >= to)
            continue;
        const double start = double(std::max(interval.startNs, from)) - originNs;
        const double end = double(std::min(interval.endNs, to)) - originNs;
        const int left = int(originX + start / nsPerPixel);
        const int right = std::max(left + 1, int(originX + end / nsPerPixel));
        painter.fillRect(QRect(left, strip.top(), right - left, strip.height()),
                         StatePalette::color(StatePalette::categoryOf(interval)));
    }
}

void IoRoundFigure::paint(QPainter &painter, const QRect &bounds) const
{
    if (m_rows.isEmpty())
        return;
    const QFontMetrics metrics(m_font);
    QFont bold = m_font;
    bold.setBold(true);
    const QColor ink = m_palette.color(QPalette::WindowText);
    const QColor waiting = StatePalette::color(StatePalette::Category::Waiting);
    const QColor copying = StatePalette::color(StatePalette::Category::Copying);

    int labelWidth = 0;
    std::uint64_t longestWait = 1;
    std::uint64_t longestLag = 0;
    std::uint64_t longestCopy = 1;
    for (const Row &row : m_rows) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(row.name));
        longestWait = std::max(longestWait, row.round.arrivalNs - std::min(row.round.arrivalNs,
                                                                           row.round.waitBeginNs));
        if (row.round.waitEndNs() > row.round.arrivalNs)
            longestLag = std::max(longestLag, row.round.waitEndNs() - row.round.arrivalNs);
        longestCopy = std::max(longestCopy, row.round.copyNs());
    }
    labelWidth += 12;
    // Side by side where there is room, as the textbook has it; in a narrow dock the copy
    // phase goes under the wait, each then as wide as the figure.
    const bool stacked = isStacked(bounds.width());
    const int plots = bounds.width() - labelWidth - (stacked ? 0 : kGap);
    const QRect waitArea(bounds.left() + labelWidth, bounds.top(),
                         stacked ? plots : plots * 11 / 20, bounds.height());
    const QRect copyArea = stacked
                               ? waitArea
                               : QRect(waitArea.right() + kGap, bounds.top(),
                                       bounds.right() - waitArea.right() - kGap, bounds.height());
    // Wait: from the longest wait's start to a little after the write (a notified model is
    // told a moment after the data arrives); the write at a fixed x for every row.
    const double waitSpan = double(longestWait) + std::max(double(longestLag), 0.04 * longestWait);
    const double waitNsPerPixel = waitSpan / std::max(1, waitArea.width() - 4);
    const double writeX = waitArea.left() + 2 + double(longestWait) / waitNsPerPixel;
    // Copy: its own scale, the longest copy taking two fifths of the panel, text after it.
    const double copyNsPerPixel = double(longestCopy) / std::max(1.0, copyArea.width() * 0.4);
    const QString waitHeading = tr("Wait for data, round %1 (scale %2)")
                                    .arg(m_rows.front().round.round + 1)
                                    .arg(TimeAxis::formatDuration(waitSpan));
    const QString copyHeading = tr("Copy data to the process (magnified: scale %1)")
                                    .arg(TimeAxis::formatDuration(double(longestCopy) / 0.4));

    painter.save();
    const auto heading = [&](const QRect &area, int y, const QString &text) {
        painter.setFont(bold);
        painter.setPen(ink);
        painter.drawText(QRect(area.left(), y, area.width(), metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(text, Qt::ElideRight, area.width()));
        painter.setFont(m_font);
    };
    const auto waitBar = [&](const Row &row, int y) {
        const IoPhases::Round &round = row.round;
        // Measured from the write.
        const double begin = double(round.waitBeginNs) - double(round.arrivalNs);
        const double end = double(round.waitEndNs()) - double(round.arrivalNs);
        const int left = int(writeX + begin / waitNsPerPixel);
        const int right = std::max(left + 2, int(writeX + end / waitNsPerPixel));
        const QRect bar(left, y, right - left, kBarHeight);
        painter.fillRect(bar, waiting);
        paintStates(painter, round.worker, round.waitBeginNs, round.waitEndNs(),
                    QRect(left, y + kBarHeight + 2, right - left, kStripHeight), waitNsPerPixel,
                    double(round.arrivalNs), writeX);
        const QString wait = waitText(row);
        if (metrics.horizontalAdvance(wait) + 8 <= bar.width()) {
            painter.setPen(Qt::white);
            painter.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, wait);
        } else {
            const int room = std::max(0, left - waitArea.left() - 4);
            painter.setPen(ink);
            painter.drawText(QRect(waitArea.left(), y, room, kBarHeight),
                             Qt::AlignRight | Qt::AlignVCenter,
                             metrics.elidedText(wait, Qt::ElideRight, room));
        }
    };
    const auto copyBar = [&](const Row &row, int y) {
        // From the first read that moved bytes to the last.
        const IoPhases::Round &round = row.round;
        const std::uint64_t copy = round.copyNs();
        const int copyRight =
            copyArea.left() + std::max(copy > 0 ? 2 : 0, int(double(copy) / copyNsPerPixel));
        if (copy > 0) {
            painter.fillRect(QRect(copyArea.left(), y, copyRight - copyArea.left(), kBarHeight),
                             copying);
            paintStates(painter, round.worker, round.copyBeginNs, round.copyEndNs,
                        QRect(copyArea.left(), y + kBarHeight + 2, copyRight - copyArea.left(),
                              kStripHeight),
                        copyNsPerPixel, double(round.copyBeginNs), copyArea.left());
        }
        painter.setPen(ink);
        const QRect label(copyRight + 6, y, copyArea.right() - copyRight - 6, kBarHeight);
        painter.drawText(
            label, Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(copyText(row), Qt::ElideRight, std::max(0, label.width())));
    };
    const auto label = [&](const Row &row, int y) {
        painter.setPen(ink);
        painter.drawText(QRect(bounds.left(), y, labelWidth, kBarHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, row.name);
    };

    int y = bounds.top();
    heading(waitArea, y, waitHeading);
    if (!stacked)
        heading(copyArea, y, copyHeading);
    y += metrics.height() + 2;
    painter.setPen(ink);
    // Centred on the write, but never past the figure's right edge.
    const QString writes = tr("the sender writes");
    const int writesWidth = metrics.horizontalAdvance(writes) + 4;
    painter.drawText(QRect(std::min(int(writeX) - writesWidth / 2, bounds.right() - writesWidth), y,
                           writesWidth, metrics.height()),
                     Qt::AlignCenter, writes);
    y += metrics.height() + 8;
    const int rowsTop = y;
    for (const Row &row : m_rows) {
        label(row, y);
        waitBar(row, y);
        if (!stacked)
            copyBar(row, y);
        y += kRowHeight;
    }
    // The write, one instant for every row.
    painter.setPen(QPen(ink, 1, Qt::DashLine));
    painter.drawLine(QPointF(writeX, rowsTop - 4), QPointF(writeX, y - 8));
    if (stacked) {
        heading(copyArea, y, copyHeading);
        y += metrics.height() + 8;
        for (const Row &row : m_rows) {
            label(row, y);
            copyBar(row, y);
            y += kRowHeight;
        }
    } else {
        painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
        painter.drawLine(QPoint(copyArea.left() - kGap / 2, bounds.top()),
                         QPoint(copyArea.left() - kGap / 2, y - 8));
    }
    painter.setPen(ink);
    painter.drawText(QRect(bounds.left(), y, bounds.width(), bounds.bottom() - y),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, caption());
    painter.restore();
}

} // namespace conlab
