#pragma once

#include <QWidget>

namespace conlab {

class RunRecording;

// The io-models lesson's textbook figure (IoRoundFigure) in the window, under the matrix:
// drawn from the recording when a run ends or a trace is opened, empty before that.
class IoRoundFigureView : public QWidget
{
    Q_OBJECT

public:
    explicit IoRoundFigureView(QWidget *parent = nullptr);
    void setRecording(const RunRecording *recording);
    // Reads the recording's rounds again: after a run or a loaded trace.
    void refresh();
    void clear();
    bool isEmpty() const { return m_rows == 0; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    const RunRecording *m_recording = nullptr;
    int m_rows = 0;
    int m_height = 0;
};

} // namespace conlab
