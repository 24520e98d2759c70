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
    static QString html(const QJsonObject &summary);
};

} // namespace conlab
