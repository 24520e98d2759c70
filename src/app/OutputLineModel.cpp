#include "OutputLineModel.h"

#include "analysis/RunRecording.h"

#include <QFontDatabase>

namespace conlab {

OutputLineModel::OutputLineModel(QObject *parent) : QAbstractTableModel(parent) {}

void OutputLineModel::setRecording(const RunRecording *recording)
{
    m_recording = recording;
    reload();
}

void OutputLineModel::reload()
{
    beginResetModel();
    m_lines.clear();
    if (m_recording)
        m_lines = m_recording->output().lines();
    endResetModel();
}

void OutputLineModel::refresh()
{
    if (!m_recording)
        return;
    const auto &lines = m_recording->output().lines();
    if (lines.size() == m_lines.size())
        return;
    if (lines.size() < m_lines.size()) {
        reload();
        return;
    }
    // Lines are only ever inserted, in time order, so the rows up to the first difference stay.
    std::size_t first = 0;
    while (first < m_lines.size() && m_lines[first].timeNs == lines[first].timeNs &&
           m_lines[first].worker == lines[first].worker && m_lines[first].text == lines[first].text)
        ++first;
    if (first < m_lines.size()) {
        beginRemoveRows({}, int(first), int(m_lines.size()) - 1);
        m_lines.resize(first);
        endRemoveRows();
    }
    beginInsertRows({}, int(first), int(lines.size()) - 1);
    m_lines.insert(m_lines.end(), lines.begin() + std::ptrdiff_t(first), lines.end());
    endInsertRows();
}

int OutputLineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int OutputLineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutputLineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutputLog::Line &line = m_lines[std::size_t(index.row())];
    const double origin = m_recording ? double(m_recording->meta().startNs) : 0.0;
    const double ns = double(line.timeNs) - origin;
    switch (role) {
    case kTimeNsRole:
        return ns;
    case kWorkerRole:
        return line.worker;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            // Microseconds: as fine as a printed line's time means anything.
            return QString::number(ns / 1e6, 'f', 3);
        if (index.column() == WorkerColumn)
            return m_recording ? QString::fromStdString(m_recording->meta().workerName(line.worker))
                               : QString::number(line.worker);
        return QString::fromStdString(line.text);
    case Qt::TextAlignmentRole:
        return index.column() == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        // What a program printed reads as it would in a terminal.
        if (index.column() == TextColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    default:
        return {};
    }
}

QVariant OutputLineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time (ms)");
        case WorkerColumn:
            return tr("Worker");
        case TextColumn:
            return tr("Text");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == TimeColumn)
        return tr("When the line was printed, from the start of the run");
    // Headers line up with their column's text.
    if (role == Qt::TextAlignmentRole)
        return section == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

} // namespace conlab
