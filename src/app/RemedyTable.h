#pragma once

#include <QJsonObject>
#include <QTableWidget>

namespace conlab {

// One row per run of the current lesson with remedies (two locks, philosophers): which
// remedy, and whether it finished, how fast, with how many retries and aborts, to compare
// them. A run of another lesson starts the table afresh: remedies of different lessons
// don't compare.
class RemedyTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit RemedyTable(QWidget *parent = nullptr);
    // Adds the run if its lesson has a remedy parameter, after dropping the rows of another
    // lesson; a run of a lesson without remedies leaves the table empty.
    void addRun(const QJsonObject &summary);
    QString scenario() const { return m_scenario; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void setHeaders();
    void addRow(const QJsonObject &summary);

    QList<QJsonObject> m_runs; // kept to write the rows again in another language
    QString m_scenario;        // the lesson of the last run
};

} // namespace conlab
