#pragma once

#include <QJsonObject>
#include <QTableWidget>

namespace conlab {

// One row per run of a lesson with remedies (two locks, philosophers): which remedy, and
// whether it finished, how fast, with how many retries and aborts, to compare them.
class RemedyTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit RemedyTable(QWidget *parent = nullptr);
    // Adds the run if its lesson has a remedy parameter; other runs are not remedies.
    void addRun(const QJsonObject &summary);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setHeaders();
    void addRow(const QJsonObject &summary);

    QList<QJsonObject> m_runs; // kept to write the rows again in another language
};

} // namespace conlab
