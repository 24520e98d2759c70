#pragma once

#include <QTableView>
#include <cstdint>

namespace conlab {

class OutputLineModel;
class RunRecording;

// The Output tab: every line the run's workers printed, with its time and worker, filled as
// the run goes on. Choosing a row shows that instant on the timeline.
class OutputPanel : public QTableView
{
    Q_OBJECT

public:
    explicit OutputPanel(QWidget *parent = nullptr);

    void setRecording(const RunRecording *recording);
    // A new run began or a trace was opened: show what the recording has now.
    void reload();
    // Events arrived: add the lines that became whole.
    void refresh();
    int lineCount() const;

signals:
    // `ns` from the run's start, printed by `worker`.
    void instantChosen(double ns, std::uint32_t worker);
    void lineCountChanged(int count);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void choose(const QModelIndex &index);
    void fitColumns();
    void setTexts();

    const RunRecording *m_recording = nullptr;
    OutputLineModel *m_model = nullptr;
    int m_lastCount = 0;
};

} // namespace conlab
