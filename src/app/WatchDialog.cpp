#include "WatchDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace conlab {

namespace {
const QString kRecentKey = QStringLiteral("watch/recentCommands");
const QString kFolderKey = QStringLiteral("watch/folder");
const QString kSampleKey = QStringLiteral("watch/sampleMs");
} // namespace

WatchDialog::WatchDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Watch a program"));
    const QSettings settings;
    m_command = new QComboBox(this);
    m_command->setEditable(true);
    m_command->setInsertPolicy(QComboBox::NoInsert);
    m_command->addItems(settings.value(kRecentKey).toStringList());
    m_command->setCurrentIndex(m_command->count() > 0 ? 0 : -1);
    m_command->setMinimumContentsLength(40);
    m_command->lineEdit()->setPlaceholderText(tr("python3 my_threads.py --workers 4"));
    m_command->setToolTip(tr("The program and its arguments, as you would type them in a "
                             "shell (double quotes group words; no pipes or redirections)."));

    m_folder = new QLineEdit(settings.value(kFolderKey, QDir::homePath()).toString(), this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_sample = new QSpinBox(this);
    m_sample->setRange(1, 100);
    m_sample->setSuffix(tr(" ms"));
    m_sample->setValue(settings.value(kSampleKey, 2).toInt());
    m_sample->setToolTip(tr("How often the program's threads are read from /proc: nothing "
                            "shorter than this is seen."));

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *form = new QFormLayout;
    form->addRow(tr("Command:"), m_command);
    form->addRow(tr("Working folder:"), folderRow);
    form->addRow(tr("Sample every:"), m_sample);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Watch"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, &WatchDialog::chooseFolder);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_command, &QComboBox::currentTextChanged, this, &WatchDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &WatchDialog::validate);
    validate();
}

QStringList WatchDialog::command() const
{
    return QProcess::splitCommand(m_command->currentText());
}

QString WatchDialog::workingFolder() const
{
    return m_folder->text();
}

int WatchDialog::sampleMs() const
{
    return m_sample->value();
}

QStringList WatchDialog::runnerArguments() const
{
    return QStringList{QStringLiteral("--exec"), QStringLiteral("--set"),
                       QStringLiteral("sample=%1").arg(sampleMs()), QStringLiteral("--")} +
           command();
}

void WatchDialog::remember() const
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString line = m_command->currentText().trimmed();
    recent.removeAll(line);
    recent.prepend(line);
    while (recent.size() > kRecentCount)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    settings.setValue(kFolderKey, workingFolder());
    settings.setValue(kSampleKey, sampleMs());
}

void WatchDialog::chooseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Working folder"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void WatchDialog::validate()
{
    // Said at once, where the mistake is, not by the runner after Watch.
    QString problem;
    const QStringList words = command();
    if (m_command->currentText().trimmed().isEmpty())
        problem = tr("Type the command to run.");
    else if (words.isEmpty() || m_command->currentText().count(QLatin1Char('"')) % 2 != 0)
        problem = tr("The command line has an unclosed quote.");
    else if (!QFileInfo(m_folder->text()).isDir())
        problem = tr("The working folder does not exist.");
    else if (!words.first().contains(QLatin1Char('/')) &&
             QStandardPaths::findExecutable(words.first()).isEmpty())
        problem = tr("No program called \"%1\" on PATH.").arg(words.first());
    else if (words.first().contains(QLatin1Char('/')) &&
             !QFileInfo(QDir(m_folder->text()).absoluteFilePath(words.first())).isExecutable())
        problem = tr("\"%1\" is not an executable file.").arg(words.first());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace conlab
