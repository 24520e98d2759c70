#pragma once

#include <QJsonObject>
#include <QTreeWidget>

namespace conlab {

// Which processes a run had, which started which, and the threads inside each, from the
// summary's "tree": every process with its pid and ppid, its threads beneath it, its child
// processes nested, all open.
class ProcessTreeView : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ProcessTreeView(QWidget *parent = nullptr);

    // Hidden when the summary has no tree (a trace saved before runs recorded one).
    void showSummary(const QJsonObject &summary);
    // A run began: its tree comes with its summary.
    void showRunning();
    // Every row's text, depth first, for a reader without eyes on the screen (and tests).
    QStringList rowTexts() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void setHeaders();

    QJsonObject m_summary; // kept to write the rows again in another language
};

} // namespace conlab
