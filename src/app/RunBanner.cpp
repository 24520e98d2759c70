#include "RunBanner.h"

#include "views/RunVerdict.h"

namespace conlab {

RunBanner::RunBanner(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setMargin(6);
    hide();
}

void RunBanner::showRun(const RunRecording &recording, const QJsonObject &summary)
{
    const RunVerdict::Line line = RunVerdict::verdict(recording, summary);
    QString style;
    if (line.severity == RunVerdict::Severity::Failure)
        style = QStringLiteral("background: #E00000; color: white; font-weight: bold");
    else if (line.severity == RunVerdict::Severity::Warning)
        style = QStringLiteral("background: #E69F00; color: black; font-weight: bold");
    setText(line.text);
    setStyleSheet(style);
    setVisible(!line.text.isEmpty());
}

} // namespace conlab
