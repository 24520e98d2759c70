#pragma once

#include <QDialog>
#include <memory>

class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace conlab {

namespace Ui {
class AttachDialog;
}

// File > Attach to a process: this user's processes (pid, name, threads, user), filtered as
// one types; another user's can be seen but not chosen.
class AttachDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AttachDialog(QWidget *parent = nullptr);
    ~AttachDialog() override;

    // The chosen process, 0 for none.
    qint64 pid() const;
    // The runner's arguments: --attach PID.
    QStringList runnerArguments() const;

    // Reads /proc again.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    // The texts the form cannot hold: the model's column names, the buttons' words.
    void setTexts();
    void updateButtons();

    std::unique_ptr<Ui::AttachDialog> m_ui;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QPushButton *m_refresh;
};

} // namespace conlab
