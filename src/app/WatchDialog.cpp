#include "WatchDialog.h"

#include "ui_WatchDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace conlab {

namespace {
const QString kRecentKey = QStringLiteral("watch/recentCommands");
const QString kFolderKey = QStringLiteral("watch/folder");
const QString kSampleKey = QStringLiteral("watch/sampleMs");
} // namespace

WatchDialog::WatchDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::WatchDialog>())
{
    m_ui->setupUi(this);
    setTexts();
    const QSettings settings;
    m_ui->command->addItems(settings.value(kRecentKey).toStringList());
    m_ui->command->setCurrentIndex(m_ui->command->count() > 0 ? 0 : -1);
    m_ui->folder->setText(settings.value(kFolderKey, QDir::homePath()).toString());
    m_ui->sample->setValue(settings.value(kSampleKey, 2).toInt());

    connect(m_ui->browse, &QPushButton::clicked, this, &WatchDialog::chooseFolder);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->command, &QComboBox::currentTextChanged, this, &WatchDialog::validate);
    connect(m_ui->folder, &QLineEdit::textChanged, this, &WatchDialog::validate);
    validate();
}

WatchDialog::~WatchDialog() = default;

void WatchDialog::setTexts()
{
    m_ui->command->lineEdit()->setPlaceholderText(tr("python3 my_threads.py --workers 4"));
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Watch"));
}

void WatchDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    setTexts();
    validate();
}

QStringList WatchDialog::command() const
{
    return QProcess::splitCommand(m_ui->command->currentText());
}

QString WatchDialog::workingFolder() const
{
    return m_ui->folder->text();
}

int WatchDialog::sampleMs() const
{
    return m_ui->sample->value();
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
    const QString line = m_ui->command->currentText().trimmed();
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
        QFileDialog::getExistingDirectory(this, tr("Working folder"), m_ui->folder->text());
    if (!folder.isEmpty())
        m_ui->folder->setText(folder);
}

void WatchDialog::validate()
{
    // Said at once, where the mistake is, not by the runner after Watch.
    QString problem;
    const QStringList words = command();
    if (m_ui->command->currentText().trimmed().isEmpty())
        problem = tr("Type the command to run.");
    else if (words.isEmpty() || m_ui->command->currentText().count(QLatin1Char('"')) % 2 != 0)
        problem = tr("The command line has an unclosed quote.");
    else if (!QFileInfo(m_ui->folder->text()).isDir())
        problem = tr("The working folder does not exist.");
    else if (!words.first().contains(QLatin1Char('/')) &&
             QStandardPaths::findExecutable(words.first()).isEmpty())
        problem = tr("No program called \"%1\" on PATH.").arg(words.first());
    else if (words.first().contains(QLatin1Char('/')) &&
             !QFileInfo(QDir(m_ui->folder->text()).absoluteFilePath(words.first())).isExecutable())
        problem = tr("\"%1\" is not an executable file.").arg(words.first());
    m_ui->problem->setText(problem);
    m_ui->problem->setVisible(!problem.isEmpty());
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace conlab
