#include "OutputPanel.h"

#include "OutputLineModel.h"
#include "analysis/RunRecording.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace conlab {

OutputPanel::OutputPanel(QWidget *parent) : QTableView(parent)
{
    m_model = new OutputLineModel(this);
    setModel(m_model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    setTexts();
    connect(this, &QAbstractItemView::clicked, this, &OutputPanel::choose);
    connect(this, &QAbstractItemView::activated, this, &OutputPanel::choose);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                // A click is handled when it ends (clicked); this follows the arrow keys.
                if (QGuiApplication::mouseButtons() == Qt::NoButton)
                    choose(current);
            });
    fitColumns();
}

void OutputPanel::setTexts()
{
    setAccessibleName(tr("Output"));
    setToolTip(tr("Lines the workers printed. Choose one to see that instant on the timeline."));
}

void OutputPanel::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setTexts();
    // The headers are the model's, asked again when it says they changed.
    emit m_model->headerDataChanged(Qt::Horizontal, 0, OutputLineModel::ColumnCount - 1);
    fitColumns();
}

void OutputPanel::setRecording(const RunRecording *recording)
{
    m_recording = recording;
    m_model->setRecording(recording);
    reload();
}

void OutputPanel::reload()
{
    {
        const QSignalBlocker blocker(selectionModel());
        m_model->reload();
    }
    fitColumns();
    if (m_lastCount != lineCount()) {
        m_lastCount = lineCount();
        emit lineCountChanged(m_lastCount);
    }
    viewport()->update();
}

void OutputPanel::refresh()
{
    const QScrollBar *bar = verticalScrollBar();
    // Like a terminal: new lines scroll into view unless the reader has scrolled up.
    const bool atEnd = bar->value() >= bar->maximum();
    {
        const QSignalBlocker blocker(selectionModel());
        m_model->refresh();
    }
    if (m_lastCount == lineCount())
        return;
    if (m_lastCount == 0)
        fitColumns();
    m_lastCount = lineCount();
    if (atEnd)
        scrollToBottom();
    emit lineCountChanged(m_lastCount);
}

int OutputPanel::lineCount() const
{
    return m_model->rowCount();
}

void OutputPanel::choose(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    emit instantChosen(index.data(OutputLineModel::kTimeNsRole).toDouble(),
                       index.data(OutputLineModel::kWorkerRole).toUInt());
}

void OutputPanel::fitColumns()
{
    // Sized from what can appear rather than from the rows: measuring every row of a long,
    // growing log at each update would cost more than the rows are worth.
    const QFontMetrics metrics = fontMetrics();
    const int padding = 2 * metrics.horizontalAdvance(QLatin1Char('M'));
    const QString header =
        m_model->headerData(OutputLineModel::TimeColumn, Qt::Horizontal).toString();
    setColumnWidth(OutputLineModel::TimeColumn,
                   std::max(metrics.horizontalAdvance(QStringLiteral("00000.000")),
                            metrics.horizontalAdvance(header)) +
                       padding);
    int worker = metrics.horizontalAdvance(
        m_model->headerData(OutputLineModel::WorkerColumn, Qt::Horizontal).toString());
    if (m_recording) {
        for (const WorkerInfo &info : m_recording->meta().workers)
            worker = std::max(worker, metrics.horizontalAdvance(QString::fromStdString(info.name)));
    }
    setColumnWidth(OutputLineModel::WorkerColumn, std::min(worker, 180) + padding);
}

void OutputPanel::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (lineCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(16, 16, -16, -16),
                     Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Nothing printed yet.\nWhat a worker prints appears here with its time; "
                        "choose a line to see that instant on the timeline."));
}

} // namespace conlab
