#pragma once

#include "analysis/OutputLog.h"

#include <QAbstractTableModel>
#include <vector>

namespace conlab {

class RunRecording;

// The lines a run printed as table rows (time from the run's start, worker, text), following
// a RunRecording as it grows.
class OutputLineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, WorkerColumn, TextColumn, ColumnCount };
    static constexpr int kTimeNsRole = Qt::UserRole; // double, ns from the run's start
    static constexpr int kWorkerRole = Qt::UserRole + 1;

    explicit OutputLineModel(QObject *parent = nullptr);

    void setRecording(const RunRecording *recording);
    // The recording was reset or loaded: start over from its lines.
    void reload();
    // Events arrived: add the lines that became whole since the last call.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const RunRecording *m_recording = nullptr;
    // A copy, not a view of the log: a line whose rest arrives late is inserted before lines
    // already shown, and the rows must stay what they were until the model says otherwise.
    std::vector<OutputLog::Line> m_lines;
};

} // namespace conlab
