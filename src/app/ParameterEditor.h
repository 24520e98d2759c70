#pragma once

#include "scenarios/ParameterSpec.h"

#include <QString>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLineEdit;
class QDoubleSpinBox;
class QSlider;
class QSpinBox;

namespace conlab {

// One parameter's control: a slider beside a spin box that shows value and unit (integer or
// real, real on a logarithmic slider), or a row of toggle buttons for a choice.
class ParameterEditor : public QWidget
{
    Q_OBJECT

public:
    ParameterEditor(const ParameterSpec &spec, QWidget *parent = nullptr);

    const ParameterSpec &spec() const { return m_spec; }
    QString name() const { return QString::fromStdString(m_spec.name); }
    QString label() const;
    QString value() const;
    bool setValue(const QString &text);
    void reset();

    QSlider *slider() const { return m_slider; }
    // What became of the last typed value that was out of range ("99 is above the largest
    // value (1..16): set to 16"), shown as a tooltip at the spin box; empty if none.
    QString correction() const { return m_correction; }

signals:
    void changed();

private:
    int sliderPositionFor(double value) const;
    double valueForSliderPosition(int position) const;
    void showCorrection(QWidget *spin, const QString &message);

    ParameterSpec m_spec;
    QSlider *m_slider = nullptr;
    QSpinBox *m_spin = nullptr;
    QDoubleSpinBox *m_realSpin = nullptr;
    QButtonGroup *m_choices = nullptr;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_list = nullptr;
    QString m_correction;
    bool m_syncing = false;
};

} // namespace conlab
