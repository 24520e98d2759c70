#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;

namespace conlab {

// The textbook matrix of IO models, synchronous or asynchronous against blocking or not,
// with each model in its cell and what the last run measured for it: CPU time the caller
// spent while waiting, failed tries, wake-ups, system calls per message, time blocked.
class IoModelsMatrix : public QWidget
{
    Q_OBJECT

public:
    explicit IoModelsMatrix(QWidget *parent = nullptr);
    void showSummary(const QJsonObject &summary);
    void clear();
    // The text of the cell a model sits in ("blocking", "async", ...), for tests.
    QString cellText(const QString &model) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void setTexts();

    QLabel *m_synchronous = nullptr;
    QLabel *m_asynchronous = nullptr;
    QLabel *m_blocking = nullptr;
    QLabel *m_nonBlocking = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_syncBlocking = nullptr;
    QLabel *m_syncNonBlocking = nullptr;
    QLabel *m_asyncBlocking = nullptr;
    QLabel *m_asyncNonBlocking = nullptr;
    QJsonObject m_summary;
};

} // namespace conlab
