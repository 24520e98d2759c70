#pragma once

#include <QDialog>
#include <QStringList>
#include <memory>

namespace conlab {

namespace Ui {
class WatchDialog;
}

// File > Watch a program: the command line to launch, the folder it runs in, how often its
// threads are sampled. The last commands are remembered.
class WatchDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kRecentCount = 10;

    explicit WatchDialog(QWidget *parent = nullptr);
    ~WatchDialog() override;

    // The command and its arguments, split as a shell would (quotes respected); empty if the
    // line is empty or unbalanced.
    QStringList command() const;
    QString workingFolder() const;
    int sampleMs() const;
    // The runner's arguments for this watch: --exec --set sample=N -- COMMAND...
    QStringList runnerArguments() const;

    // Remembers the accepted command line first in the recent list.
    void remember() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    // The texts the form cannot hold: the command's placeholder, the Watch button.
    void setTexts();
    void chooseFolder();
    void validate();

    std::unique_ptr<Ui::WatchDialog> m_ui;
};

} // namespace conlab
