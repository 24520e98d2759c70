#include "ParameterEditor.h"

#include "scenarios/ParameterSet.h"
#include "views/ScenarioTexts.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <cmath>
#include <functional>

namespace conlab {

namespace {

constexpr int kRealSliderSteps = 1000;
// The slider gives way before the spin box does: the value and unit must stay readable.
constexpr int kSliderMinimumWidth = 48;
// Choices with more values or longer labels than this get a drop-down instead of a row of
// buttons, so the panel stays narrow.
constexpr std::size_t kMaxSwitchButtons = 3;
constexpr std::size_t kMaxSwitchCharacters = 24;

QString tooltipFor(const ParameterSpec &spec)
{
    // The --set part stays as the command line spells it: it is what a script would type.
    return QCoreApplication::translate("conlab::ParameterEditor",
                                       "<p>%1</p><p><tt>--set %2=…</tt> (%3, default %4)</p>")
        .arg(ScenarioTexts::text(spec.help).toHtmlEscaped(), QString::fromStdString(spec.name),
             QString::fromStdString(spec.rangeText()), QString::fromStdString(spec.defaultText()));
}

// How wide a label is in Latin letters: a CJK character takes the room of two.
std::size_t cells(const QString &text)
{
    std::size_t width = 0;
    for (const char32_t c : text.toUcs4())
        width += c >= 0x2E80 ? 2 : 1;
    return width;
}

// A spin box that says what it did with a typed value out of range. Qt's spin boxes refuse
// the keystroke of a number above the maximum and, on leaving, silently put back the last
// value for one below the minimum; this one takes the number, sets the nearest bound and
// calls `corrected` with a sentence naming the range. Its unit reads "1 CPU", "2 CPUs".
template <class SpinBox> class UnitSpinBox : public SpinBox
{
public:
    UnitSpinBox(const std::string &unit, QWidget *parent) : SpinBox(parent), m_unit(unit) {}

    std::function<void(const QString &)> corrected;

    void updateSuffix()
    {
        if (!m_unit.empty())
            this->setSuffix(QStringLiteral(" ") +
                            ScenarioTexts::unit(m_unit, this->value() == 1 ? 1 : 2));
    }
    // As wide as the widest value with the longer (plural) unit, so it is never cut.
    int widestWidth()
    {
        const QString now = this->suffix();
        if (!m_unit.empty())
            this->setSuffix(QStringLiteral(" ") + ScenarioTexts::text(m_unit));
        const int width = this->sizeHint().width();
        this->setSuffix(now);
        return width;
    }

protected:
    QValidator::State validate(QString &input, int &pos) const override
    {
        const QValidator::State state = SpinBox::validate(input, pos);
        bool number = false;
        const double typed = this->locale().toDouble(bare(input), &number);
        // A number beyond the maximum may still be typed; fixup() says what becomes of it.
        if (state == QValidator::Invalid && number && typed > this->maximum())
            return QValidator::Intermediate;
        return state;
    }
    void fixup(QString &input) const override
    {
        bool number = false;
        const QString typedText = bare(input);
        const double typed = this->locale().toDouble(typedText, &number);
        if (!number || (typed >= this->minimum() && typed <= this->maximum()))
            return SpinBox::fixup(input);
        const auto bound = typed < this->minimum() ? this->minimum() : this->maximum();
        const QString unit = ScenarioTexts::unit(m_unit, bound == 1 ? 1 : 2);
        const QString range = QStringLiteral("%1..%2").arg(this->textFromValue(this->minimum()),
                                                           this->textFromValue(this->maximum()));
        const QString setTo = unit.isEmpty()
                                  ? this->textFromValue(bound)
                                  : QStringLiteral("%1 %2").arg(this->textFromValue(bound), unit);
        const char *const text =
            typed < this->minimum()
                ? QT_TRANSLATE_NOOP("conlab::ParameterEditor",
                                    "%1 is below the smallest value (%2): set to %3")
                : QT_TRANSLATE_NOOP("conlab::ParameterEditor",
                                    "%1 is above the largest value (%2): set to %3");
        const QString message = QCoreApplication::translate("conlab::ParameterEditor", text)
                                    .arg(typedText, range, setTo);
        input = this->prefix() + this->textFromValue(bound) + this->suffix();
        if (corrected)
            corrected(message);
    }

private:
    // The number as typed, without prefix and unit.
    QString bare(const QString &input) const
    {
        QString text = input;
        if (text.startsWith(this->prefix()))
            text.remove(0, this->prefix().size());
        if (!this->suffix().isEmpty() && text.endsWith(this->suffix()))
            text.chop(this->suffix().size());
        return text.trimmed();
    }

    std::string m_unit;
};

} // namespace

ParameterEditor::ParameterEditor(const ParameterSpec &spec, QWidget *parent)
    : QWidget(parent), m_spec(spec)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    setToolTip(tooltipFor(spec));
    const QString suffix =
        spec.unit.empty() ? QString() : QStringLiteral(" ") + ScenarioTexts::text(spec.unit);

    switch (spec.type) {
    case ParameterSpec::Type::Integer: {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setMinimumWidth(kSliderMinimumWidth);
        m_slider->setRange(int(spec.minimum), int(spec.maximum));
        auto *spin = new UnitSpinBox<QSpinBox>(spec.unit, this);
        m_spin = spin;
        m_spin->setRange(int(spec.minimum), int(spec.maximum));
        m_spin->setAccelerated(true);
        m_spin->setMinimumWidth(spin->widestWidth());
        spin->updateSuffix();
        spin->corrected = [this, spin](const QString &message) {
            showCorrection(spin, message);
        };
        connect(m_slider, &QSlider::valueChanged, m_spin, &QSpinBox::setValue);
        connect(m_spin, &QSpinBox::valueChanged, this, [this, spin](int value) {
            spin->updateSuffix();
            m_slider->setValue(value);
            emit changed();
        });
        layout->addWidget(m_slider, 1);
        layout->addWidget(m_spin);
        break;
    }
    case ParameterSpec::Type::Real: {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setMinimumWidth(kSliderMinimumWidth);
        m_slider->setRange(0, kRealSliderSteps);
        auto *spin = new UnitSpinBox<QDoubleSpinBox>(spec.unit, this);
        m_realSpin = spin;
        m_realSpin->setRange(spec.minimum, spec.maximum);
        m_realSpin->setDecimals(spec.minimum > 0 && spec.minimum < 0.1 ? 2 : 1);
        m_realSpin->setSingleStep(spec.minimum > 0 && spec.minimum < 0.1 ? 0.05 : 0.5);
        m_realSpin->setSuffix(suffix);
        m_realSpin->setMinimumWidth(spin->widestWidth());
        spin->corrected = [this, spin](const QString &message) {
            showCorrection(spin, message);
        };
        connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
            if (m_syncing)
                return;
            m_syncing = true;
            m_realSpin->setValue(valueForSliderPosition(position));
            m_syncing = false;
            emit changed();
        });
        connect(m_realSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
            if (m_syncing)
                return;
            m_syncing = true;
            m_slider->setValue(sliderPositionFor(value));
            m_syncing = false;
            emit changed();
        });
        layout->addWidget(m_slider, 1);
        layout->addWidget(m_realSpin);
        break;
    }
    case ParameterSpec::Type::Choice: {
        const auto labelOf = [&spec](std::size_t i) {
            return ScenarioTexts::text(i < spec.choiceLabels.size() ? spec.choiceLabels[i]
                                                                    : spec.choices[i]);
        };
        std::size_t characters = 0;
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            characters += cells(labelOf(i));
        if (spec.choices.size() <= kMaxSwitchButtons && characters <= kMaxSwitchCharacters) {
            m_choices = new QButtonGroup(this);
            m_choices->setExclusive(true);
            for (std::size_t i = 0; i < spec.choices.size(); ++i) {
                auto *button = new QToolButton(this);
                button->setText(labelOf(i));
                button->setCheckable(true);
                button->setToolTip(toolTip());
                button->setObjectName(QString::fromStdString(spec.choices[i]));
                button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
                m_choices->addButton(button, int(i));
                layout->addWidget(button);
            }
            connect(m_choices, &QButtonGroup::idToggled, this, [this](int, bool checked) {
                if (checked)
                    emit changed();
            });
        } else {
            m_combo = new QComboBox(this);
            for (std::size_t i = 0; i < spec.choices.size(); ++i)
                m_combo->addItem(labelOf(i), QString::fromStdString(spec.choices[i]));
            connect(m_combo, &QComboBox::currentIndexChanged, this, &ParameterEditor::changed);
            layout->addWidget(m_combo, 1);
        }
        break;
    }
    case ParameterSpec::Type::IntegerList: {
        // Typed, not slid: "100,200,600,300,400". The runner checks ranges and counts and its
        // message names them; the validator only keeps the text to digits and commas.
        m_list = new QLineEdit(this);
        m_list->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9 ]*(,[0-9 ]*)*")), m_list));
        m_list->setPlaceholderText(QString::fromStdString(spec.rangeText()));
        connect(m_list, &QLineEdit::editingFinished, this, &ParameterEditor::changed);
        layout->addWidget(m_list, 1);
        if (!spec.unit.empty())
            layout->addWidget(new QLabel(ScenarioTexts::text(spec.unit), this));
        break;
    }
    }
    reset();
}

void ParameterEditor::showCorrection(QWidget *spin, const QString &message)
{
    m_correction = message;
    QToolTip::showText(spin->mapToGlobal(QPoint(0, spin->height())), message, spin);
}

QString ParameterEditor::label() const
{
    return m_spec.label.empty() ? QString::fromStdString(m_spec.name)
                                : ScenarioTexts::text(m_spec.label);
}

int ParameterEditor::sliderPositionFor(double value) const
{
    // Logarithmic when the range spans decades (a time scale of 0.01..10), so every decade
    // gets the same share of the slider.
    if (m_spec.minimum > 0) {
        const double low = std::log(m_spec.minimum);
        const double high = std::log(m_spec.maximum);
        return int(std::lround((std::log(value) - low) / (high - low) * kRealSliderSteps));
    }
    return int(std::lround((value - m_spec.minimum) / (m_spec.maximum - m_spec.minimum) *
                           kRealSliderSteps));
}

double ParameterEditor::valueForSliderPosition(int position) const
{
    const double fraction = double(position) / kRealSliderSteps;
    if (m_spec.minimum > 0) {
        const double low = std::log(m_spec.minimum);
        const double high = std::log(m_spec.maximum);
        return std::exp(low + fraction * (high - low));
    }
    return m_spec.minimum + fraction * (m_spec.maximum - m_spec.minimum);
}

QString ParameterEditor::value() const
{
    if (m_spin)
        return QString::number(m_spin->value());
    if (m_list)
        return m_list->text().remove(QLatin1Char(' '));
    if (m_realSpin)
        return QString::number(m_realSpin->value(), 'g', 6);
    if (m_choices) {
        const int id = m_choices->checkedId();
        return id >= 0 ? QString::fromStdString(m_spec.choices[std::size_t(id)]) : QString();
    }
    return m_combo->currentData().toString();
}

bool ParameterEditor::setValue(const QString &text)
{
    switch (m_spec.type) {
    case ParameterSpec::Type::Integer: {
        // The runner's own check and reading: what the window takes, a run takes too.
        std::int64_t value = 0;
        if (!ParameterSet::check(m_spec, text.toStdString(), nullptr) ||
            !ParameterSet::parseInteger(text.toStdString(), value))
            return false;
        m_spin->setValue(int(value));
        return true;
    }
    case ParameterSpec::Type::Real: {
        double value = 0;
        if (!ParameterSet::check(m_spec, text.toStdString(), nullptr) ||
            !ParameterSet::parseReal(text.toStdString(), value))
            return false;
        m_realSpin->setValue(value);
        return true;
    }
    case ParameterSpec::Type::IntegerList: {
        if (!ParameterSet::check(m_spec, text.toStdString(), nullptr))
            return false;
        m_list->setText(text);
        return true;
    }
    case ParameterSpec::Type::Choice:
        for (std::size_t i = 0; i < m_spec.choices.size(); ++i) {
            if (QString::fromStdString(m_spec.choices[i]) != text)
                continue;
            if (m_choices)
                m_choices->button(int(i))->setChecked(true);
            else
                m_combo->setCurrentIndex(int(i));
            return true;
        }
        return false;
    }
    return false;
}

void ParameterEditor::reset()
{
    setValue(QString::fromStdString(m_spec.defaultText()));
}

} // namespace conlab
