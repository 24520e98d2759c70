#pragma once

#include <QJsonObject>
#include <QTextBrowser>

namespace conlab {

// What the last run measured, from the runner's summary, as a report: the outcome, the
// lesson's own figures in words and units, per-thread or per-task records as tables, the
// checker's verdict, and the bookkeeping every run has in a "Run details" section that
// opens on a click.
class FiguresPanel : public QTextBrowser
{
    Q_OBJECT

public:
    explicit FiguresPanel(QWidget *parent = nullptr);
    void showSummary(const QJsonObject &summary);
    void showRunning();
    // Back to "figures appear when a run ends": the last run belonged to another lesson.
    void clear();
    void setRunDetailsShown(bool shown);
    static QString html(const QJsonObject &summary, bool withRunDetails = false);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Showing { Nothing, Running, Summary };
    void showAgain();

    Showing m_showing = Showing::Nothing;
    QJsonObject m_summary;
    bool m_runDetailsShown = false;
};

} // namespace conlab
