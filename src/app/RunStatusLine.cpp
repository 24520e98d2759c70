#include "RunStatusLine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStringList>
#include <algorithm>

namespace conlab {

namespace {
// The line stays short; the tooltip names the rest, within what a tooltip can show.
constexpr int kWorkersInLine = 3;
constexpr int kWorkersInTip = 40;
} // namespace

RunStatusLine::RunStatusLine(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("runState"));
    m_counts = new QLabel(this);
    m_dropped = new QLabel(this);
    m_dropped->setObjectName(QStringLiteral("droppedEvents"));
    m_cpus = new QLabel(this);
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("outcome"));
    m_outcome->setTextFormat(Qt::PlainText);
    for (QLabel *label : {m_state, m_counts, m_dropped, m_cpus})
        layout->addWidget(label);
    layout->addWidget(m_outcome, 1);
}

void RunStatusLine::show(const Status &status)
{
    m_state->setText(status.state);
    m_counts->setText(tr("produced %1, consumed %2").arg(status.produced).arg(status.consumed));
    m_counts->setVisible(status.hasQueue);
    if (status.droppedByWorker.empty()) {
        m_dropped->setText(tr("dropped events %1").arg(status.dropped));
        m_dropped->setToolTip(QString());
    } else {
        m_dropped->setText(tr("dropped events %1 (%2)")
                               .arg(status.dropped)
                               .arg(lossList(status.droppedByWorker, kWorkersInLine)));
        QStringList lines{tr("Events each worker lost while its ring was full:"),
                          lossList(status.droppedByWorker, kWorkersInTip)};
        std::uint64_t named = 0;
        for (const auto &[name, lost] : status.droppedByWorker)
            named += lost;
        if (status.dropped > named)
            lines << tr("%1 more lost from the runner's own ring").arg(status.dropped - named);
        lines << tr("A checker violation on these workers says it may come from them.");
        m_dropped->setToolTip(lines.join(QLatin1Char('\n')));
    }
    // A dropped event is a hole in the picture: make it impossible to overlook.
    m_dropped->setStyleSheet(
        status.dropped > 0 ? QStringLiteral("color: #D55E00; font-weight: bold") : QString());
    if (status.cpus == QLatin1String("0"))
        m_cpus->setText(status.cores.isEmpty() ? tr("no virtual CPUs: the kernel schedules")
                        : status.cores == QLatin1String("1")
                            ? tr("the kernel schedules on 1 core")
                            : tr("the kernel schedules on %1 cores").arg(status.cores));
    else
        m_cpus->setText(tr("V=%1 %2").arg(status.cpus.isEmpty() ? QStringLiteral("1") : status.cpus,
                                          status.policy.isEmpty() ? QStringLiteral("FCFS")
                                                                  : status.policy.toUpper()));
    m_outcome->setText(status.outcome);
}

QString RunStatusLine::lossList(std::vector<std::pair<QString, std::uint64_t>> lost, int shown)
{
    std::stable_sort(lost.begin(), lost.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList parts;
    for (std::size_t i = 0; i < lost.size() && i < std::size_t(shown); ++i)
        parts << tr("%1: %2").arg(lost[i].first).arg(lost[i].second);
    if (lost.size() > std::size_t(shown))
        parts << tr("%n more", nullptr, int(lost.size() - std::size_t(shown)));
    return parts.join(tr(", "));
}

QString RunStatusLine::text() const
{
    return QStringList{m_state->text(), m_counts->text(), m_dropped->text(), m_cpus->text(),
                       m_outcome->text()}
        .join(QStringLiteral(" | "));
}

} // namespace conlab
