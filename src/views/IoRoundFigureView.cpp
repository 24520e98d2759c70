#include "IoRoundFigureView.h"

#include "IoRoundFigure.h"

#include <QEvent>
#include <QPainter>

namespace conlab {

IoRoundFigureView::IoRoundFigureView(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void IoRoundFigureView::setRecording(const RunRecording *recording)
{
    m_recording = recording;
    clear();
}

void IoRoundFigureView::refresh()
{
    if (!m_recording) {
        clear();
        return;
    }
    const IoRoundFigure figure(*m_recording, font(), palette());
    m_rows = int(figure.rows().size());
    m_height = figure.height(width() - 16);
    updateGeometry();
    update();
}

void IoRoundFigureView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Side by side or stacked, by the width the dock gives it.
    if (m_recording && m_rows > 0) {
        const int height = IoRoundFigure(*m_recording, font(), palette()).height(width() - 16);
        if (height != m_height) {
            m_height = height;
            updateGeometry();
        }
    }
}

void IoRoundFigureView::clear()
{
    m_rows = 0;
    m_height = 0;
    updateGeometry();
    update();
}

QSize IoRoundFigureView::sizeHint() const
{
    return {640, m_height + 16};
}

QSize IoRoundFigureView::minimumSizeHint() const
{
    return {320, m_height + 16};
}

void IoRoundFigureView::paintEvent(QPaintEvent *)
{
    if (!m_recording || m_rows == 0)
        return;
    QPainter painter(this);
    const IoRoundFigure figure(*m_recording, font(), palette());
    figure.paint(painter, rect().adjusted(8, 8, -8, -8));
}

void IoRoundFigureView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Its words are translated when painted; a new font changes its height.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange)
        refresh();
}

} // namespace conlab
