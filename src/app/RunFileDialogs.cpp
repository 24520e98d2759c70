#include "RunFileDialogs.h"

#include "analysis/ChromeTraceWriter.h"
#include "analysis/RunRecording.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>

namespace conlab {

namespace {
QString scenarioOf(const RunRecording &recording)
{
    return QString::fromStdString(recording.meta().scenario);
}
} // namespace

QString RunFileDialogs::exportImage(QWidget *parent, const RunRecording &recording,
                                    const TimelineImage::Options &options)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString suggested =
        QDir(folder).filePath(scenarioOf(recording) + QStringLiteral("-timeline.png"));
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Export timeline"), suggested,
        tr("PNG images (*.png);;SVG vector images (*.svg);;PDF documents (*.pdf)"));
    if (path.isEmpty())
        return {};
    QString error;
    if (!TimelineImage::save(path, recording, options, &error)) {
        QMessageBox::warning(parent, tr("Export failed"), error);
        return {};
    }
    return path;
}

QString RunFileDialogs::saveTrace(QWidget *parent, const RunRecording &recording)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Save trace"), scenarioOf(recording) + QStringLiteral(".conlab"),
        tr("Concurrency Lab traces (*.conlab)"));
    if (path.isEmpty())
        return {};
    std::string error;
    if (!TraceFile::write(path.toStdString(), recording.trace(), &error)) {
        QMessageBox::warning(parent, tr("Cannot save trace"), QString::fromStdString(error));
        return {};
    }
    return path;
}

QString RunFileDialogs::exportTraceJson(QWidget *parent, const RunRecording &recording)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Export trace as JSON"), scenarioOf(recording) + QStringLiteral(".json"),
        tr("Trace Event Format, for Perfetto (*.json)"));
    if (path.isEmpty())
        return {};
    std::string error;
    if (!ChromeTraceWriter::write(path.toStdString(), recording, &error)) {
        QMessageBox::warning(parent, tr("Export failed"), QString::fromStdString(error));
        return {};
    }
    return path;
}

QString RunFileDialogs::traceToOpen(QWidget *parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Open trace"), QString(),
                                        tr("Concurrency Lab traces (*.conlab);;All files (*)"));
}

} // namespace conlab
