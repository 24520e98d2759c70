#include "IoModelsMatrix.h"

#include "TimeAxis.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>

namespace conlab {

namespace {

struct Model
{
    const char *prefix; // of the summary's figures
    const char *title;
};

const Model kBlocking{"blocking", QT_TRANSLATE_NOOP("conlab::IoModelsMatrix", "blocking IO")};
const Model kMultiplexing{"multiplexing", QT_TRANSLATE_NOOP("conlab::IoModelsMatrix",
                                                            "IO multiplexing (epoll/poll/select)")};
const Model kNonBlocking{"nonblocking",
                         QT_TRANSLATE_NOOP("conlab::IoModelsMatrix", "non-blocking IO (polling)")};
const Model kSignalDriven{"signal_driven",
                          QT_TRANSLATE_NOOP("conlab::IoModelsMatrix", "signal-driven IO")};
const Model kAsync{
    "async", QT_TRANSLATE_NOOP("conlab::IoModelsMatrix", "asynchronous IO (io_uring / POSIX AIO)")};

QLabel *cell(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(6);
    label->setTextFormat(Qt::RichText);
    label->setMinimumWidth(140);
    return label;
}

QString figures(const QJsonObject &summary, const Model &model)
{
    const QString prefix = QString::fromLatin1(model.prefix);
    const auto value = [&](const char *name) {
        return summary.value(prefix + QLatin1Char('_') + QLatin1String(name));
    };
    QString text = QStringLiteral("<b>%1</b>").arg(IoModelsMatrix::tr(model.title));
    if (summary.isEmpty() || !value("wait_ns").isDouble())
        return text;
    text +=
        QStringLiteral("<br>") + IoModelsMatrix::tr("waited %1 a message; blocked %2 in all")
                                     .arg(TimeAxis::formatDuration(value("wait_ns").toDouble()),
                                          TimeAxis::formatDuration(value("blocked_ns").toDouble()));
    text += QStringLiteral("<br>") +
            IoModelsMatrix::tr("CPU while waiting: %1")
                .arg(TimeAxis::formatDuration(value("wait_cpu_ns").toDouble()));
    if (value("attempts").isDouble())
        text += QStringLiteral("<br>") +
                IoModelsMatrix::tr("failed tries: %1").arg(value("attempts").toInt());
    text +=
        QStringLiteral("<br>") + IoModelsMatrix::tr("wake-ups: %1, system calls per message: %2")
                                     .arg(value("wakeups").toInt())
                                     .arg(value("syscalls_per_message").toDouble());
    return text;
}

} // namespace

IoModelsMatrix::IoModelsMatrix(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    const auto heading = [this]() {
        auto *label = new QLabel(this);
        label->setWordWrap(true);
        return label;
    };
    m_synchronous = heading();
    m_asynchronous = heading();
    m_blocking = heading();
    m_nonBlocking = heading();
    grid->addWidget(m_synchronous, 0, 1);
    grid->addWidget(m_asynchronous, 0, 2);
    grid->addWidget(m_blocking, 1, 0);
    grid->addWidget(m_nonBlocking, 2, 0);
    m_syncBlocking = cell(this);
    m_syncNonBlocking = cell(this);
    m_asyncBlocking = cell(this);
    m_asyncNonBlocking = cell(this);
    grid->addWidget(m_syncBlocking, 1, 1);
    grid->addWidget(m_asyncBlocking, 1, 2);
    grid->addWidget(m_syncNonBlocking, 2, 1);
    grid->addWidget(m_asyncNonBlocking, 2, 2);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    grid->addWidget(m_note, 3, 0, 1, 3);
    grid->setRowStretch(4, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    setTexts();
    clear();
}

void IoModelsMatrix::setTexts()
{
    const auto heading = [](QLabel *label, const QString &text, const QString &tip) {
        label->setText(QStringLiteral("<b>%1</b>").arg(text));
        label->setToolTip(tip);
    };
    heading(m_synchronous, tr("synchronous"),
            tr("The caller itself waits while the data is copied to it"));
    heading(m_asynchronous, tr("asynchronous"),
            tr("The kernel copies the data and tells the caller when it is done"));
    heading(m_blocking, tr("blocking"),
            tr("The caller sleeps in the kernel while it waits for data"));
    heading(m_nonBlocking, tr("non-blocking"),
            tr("The caller is free (or polls) while it waits for data"));
    m_note->setText(
        tr("Measured in the last run, from its trace: waits, CPU time, tries, wake-ups and "
           "system calls per message; time blocked over the whole run. Hover a heading for "
           "its meaning."));
}

void IoModelsMatrix::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    setTexts();
    showSummary(QJsonObject(m_summary));
}

void IoModelsMatrix::clear()
{
    showSummary({});
}

void IoModelsMatrix::showSummary(const QJsonObject &summary)
{
    m_summary = summary;
    m_syncBlocking->setText(figures(summary, kBlocking) + QStringLiteral("<hr>") +
                            figures(summary, kMultiplexing));
    m_syncNonBlocking->setText(figures(summary, kNonBlocking) + QStringLiteral("<hr>") +
                               figures(summary, kSignalDriven));
    m_asyncBlocking->setText(
        tr("<i>none: an asynchronous read never puts the caller to sleep</i>"));
    m_asyncNonBlocking->setText(figures(summary, kAsync));
}

QString IoModelsMatrix::cellText(const QString &model) const
{
    if (model == QLatin1String("blocking") || model == QLatin1String("multiplexing"))
        return m_syncBlocking->text();
    if (model == QLatin1String("non-blocking") || model == QLatin1String("signal-driven"))
        return m_syncNonBlocking->text();
    if (model == QLatin1String("async"))
        return m_asyncNonBlocking->text();
    return {};
}

} // namespace conlab
