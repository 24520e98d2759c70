#pragma once

#include "scenarios/ParameterSpec.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

class QFormLayout;
class QLabel;
class QPushButton;

namespace conlab {

class ParameterEditor;

// The scenario's parameters as controls generated from its schema: a slider with its value
// and unit for numbers, a switch for choices, the help text as tooltip. Values are kept per
// scenario between sessions; Reset puts the defaults back.
class ParameterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ParameterPanel(QWidget *parent = nullptr);

    void setScenario(const QString &scenarioId, const std::vector<ParameterSpec> &specs);
    QString scenarioId() const { return m_scenarioId; }
    // `name=value` for every parameter, as `conlab-runner --set` takes them.
    QStringList assignments() const;
    QString value(const QString &name) const;
    // False (and nothing changes) if `name` is unknown or `value` is out of its range.
    bool setValue(const QString &name, const QString &value);
    ParameterEditor *editor(const QString &name) const;

public slots:
    void resetToDefaults();

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void setTexts();
    void remember(const ParameterEditor *editor);
    // Shows only the parameters that apply to the chosen policy.
    void showParametersOfPolicy();

    QString m_scenarioId;
    QFormLayout *m_form = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_reset = nullptr;
    std::vector<ParameterEditor *> m_editors;
};

} // namespace conlab
