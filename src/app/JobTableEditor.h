#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace conlab {

// The scheduling lesson's job table, editable: start from a preset, change arrivals, bursts
// (cpu/io/cpu... in time units) and priorities, add or remove jobs. When "use this table" is
// on, runs get it as a `--jobs` CSV file; the runner checks it and names any bad line.
class JobTableEditor : public QWidget
{
    Q_OBJECT

public:
    explicit JobTableEditor(QWidget *parent = nullptr);

    bool useTable() const;
    void setUseTable(bool use);
    void loadPreset(const QString &name);
    // The table in conlab-runner's jobs CSV format.
    QString csv() const;
    int jobCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void setTexts();
    void addJob(const QString &name, const QString &arrival, const QString &bursts,
                const QString &priority);

    QCheckBox *m_use = nullptr;
    QPushButton *m_load = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QComboBox *m_presets = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_problem = nullptr; // why the last edit of a cell was not taken
};

} // namespace conlab
