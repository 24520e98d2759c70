#pragma once

#include <QString>
#include <QWidget>
#include <cstdint>
#include <utility>
#include <vector>

class QLabel;

namespace conlab {

// The status bar's account of the run: its state and elapsed time, items produced and
// consumed, dropped events (loud when not zero), the virtual CPUs and policy, the outcome.
class RunStatusLine : public QWidget
{
    Q_OBJECT

public:
    struct Status
    {
        QString state; // "running 1.2 s", "ran 3 s", "ready"
        bool hasQueue = false;
        std::uint64_t produced = 0;
        std::uint64_t consumed = 0;
        std::uint64_t dropped = 0;
        // The workers that lost them, by name, where known (a trace, or a run that ended).
        std::vector<std::pair<QString, std::uint64_t>> droppedByWorker;
        QString cpus;    // virtual CPUs
        QString policy;  // "fcfs", "rr", ...
        QString cores;   // the cores the kernel may use, where pinned
        QString outcome; // outcome, stop time and messages, already joined
    };

    explicit RunStatusLine(QWidget *parent = nullptr);
    void show(const Status &status);
    // Every part, joined by " | ", as a reader sees them.
    QString text() const;
    // The most losses first; at most `shown` of them, then how many more.
    static QString lossList(std::vector<std::pair<QString, std::uint64_t>> lost, int shown);

private:
    QLabel *m_state = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_dropped = nullptr;
    QLabel *m_cpus = nullptr;
    QLabel *m_outcome = nullptr;
};

} // namespace conlab
