#include "ParameterPanel.h"

#include "ParameterEditor.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace conlab {

namespace {

QString settingsKey(const QString &scenario, const QString &name)
{
    return QStringLiteral("parameters/%1/%2").arg(scenario, name);
}

} // namespace

ParameterPanel::ParameterPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // In a narrow dock (a laptop screen) a field goes under its label rather than being cut.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    layout->addLayout(m_form);
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("resetParameters"));
    connect(m_reset, &QPushButton::clicked, this, &ParameterPanel::resetToDefaults);
    layout->addWidget(m_reset, 0, Qt::AlignLeft);
    layout->addStretch(1);
    setTexts();
}

void ParameterPanel::setTexts()
{
    m_empty->setText(tr("Pick a lesson to see its parameters."));
    m_reset->setText(tr("Reset to defaults"));
    m_reset->setToolTip(tr("Put every parameter of this lesson back to its default value"));
}

void ParameterPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        setTexts();
}

void ParameterPanel::setScenario(const QString &scenarioId, const std::vector<ParameterSpec> &specs)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_scenarioId = scenarioId;
    m_empty->setVisible(specs.empty());

    QSettings settings;
    for (const ParameterSpec &spec : specs) {
        auto *editor = new ParameterEditor(spec, this);
        editor->setObjectName(QString::fromStdString(spec.name));
        // A value saved by an older version may be out of today's range: then the default
        // stays, rather than a value the runner would refuse.
        const QVariant saved = settings.value(settingsKey(scenarioId, editor->name()));
        if (saved.isValid())
            editor->setValue(saved.toString());
        connect(editor, &ParameterEditor::changed, this, [this, editor] {
            remember(editor);
            if (editor->name() == QLatin1String("policy"))
                showParametersOfPolicy();
            emit changed();
        });
        auto *label = new QLabel(editor->label(), this);
        label->setToolTip(editor->toolTip());
        label->setBuddy(editor);
        m_form->addRow(label, editor);
        m_editors.push_back(editor);
    }
    showParametersOfPolicy();
    emit changed();
}

void ParameterPanel::showParametersOfPolicy()
{
    // A parameter named after one policy ("mlfq-levels", "priority-mode") only matters under
    // it: hidden under the others, its value still goes to the runner, which ignores it.
    const ParameterEditor *policy = editor(QStringLiteral("policy"));
    if (!policy)
        return;
    const QString chosen = policy->value();
    for (ParameterEditor *parameter : m_editors) {
        bool shown = true;
        for (const std::string &choice : policy->spec().choices) {
            const QString prefix = QString::fromStdString(choice) + QLatin1Char('-');
            if (parameter->name().startsWith(prefix))
                shown = QString::fromStdString(choice) == chosen;
        }
        m_form->setRowVisible(parameter, shown);
    }
}

QStringList ParameterPanel::assignments() const
{
    QStringList result;
    for (const ParameterEditor *editor : m_editors)
        result << editor->name() + QLatin1Char('=') + editor->value();
    return result;
}

ParameterEditor *ParameterPanel::editor(const QString &name) const
{
    for (ParameterEditor *editor : m_editors) {
        if (editor->name() == name)
            return editor;
    }
    return nullptr;
}

QString ParameterPanel::value(const QString &name) const
{
    const ParameterEditor *found = editor(name);
    return found ? found->value() : QString();
}

bool ParameterPanel::setValue(const QString &name, const QString &value)
{
    ParameterEditor *found = editor(name);
    return found && found->setValue(value);
}

void ParameterPanel::resetToDefaults()
{
    for (ParameterEditor *editor : m_editors)
        editor->reset();
}

void ParameterPanel::remember(const ParameterEditor *editor)
{
    QSettings settings;
    const QString key = settingsKey(m_scenarioId, editor->name());
    if (editor->value() == QString::fromStdString(editor->spec().defaultText()))
        settings.remove(key);
    else
        settings.setValue(key, editor->value());
}

} // namespace conlab
