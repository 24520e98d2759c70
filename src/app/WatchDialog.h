#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace conlab {

// File > Watch a program: the command line to launch, the folder it runs in, how often its
// threads are sampled. The last commands are remembered.
class WatchDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kRecentCount = 10;

    explicit WatchDialog(QWidget *parent = nullptr);

    // The command and its arguments, split as a shell would (quotes respected); empty if the
    // line is empty or unbalanced.
    QStringList command() const;
    QString workingFolder() const;
    int sampleMs() const;
    // The runner's arguments for this watch: --exec --set sample=N -- COMMAND...
    QStringList runnerArguments() const;

    // Remembers the accepted command line first in the recent list.
    void remember() const;

private:
    void chooseFolder();
    void validate();

    QComboBox *m_command;
    QLineEdit *m_folder;
    QSpinBox *m_sample;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace conlab
