#pragma once

#include <QJsonObject>
#include <QTextBrowser>

namespace conlab {

// What the last run measured, from the runner's summary: outcome, the checker's verdict
// and every figure, in a table a student can read off.
class FiguresPanel : public QTextBrowser
{
    Q_OBJECT

public:
    explicit FiguresPanel(QWidget *parent = nullptr);
    void showSummary(const QJsonObject &summary);
    void showRunning();
    // Back to "figures appear when a run ends": the last run belonged to another lesson.
    void clear();
    static QString html(const QJsonObject &summary);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Showing { Nothing, Running, Summary };
    void showAgain();

    Showing m_showing = Showing::Nothing;
    QJsonObject m_summary;
};

} // namespace conlab
