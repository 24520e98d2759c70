#pragma once

#include "export/TimelineImage.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace conlab {

class RunRecording;

// The window's file dialogs for a run: choose a place, write the run there, say what went
// wrong. The window decides when they may be used and what its view shows; these only ask
// and write.
class RunFileDialogs
{
    Q_DECLARE_TR_FUNCTIONS(RunFileDialogs)

public:
    // Each returns the path written, or an empty string when the user cancelled or writing
    // failed (a message box has said why).
    static QString exportImage(QWidget *parent, const RunRecording &recording,
                               const TimelineImage::Options &options);
    static QString saveTrace(QWidget *parent, const RunRecording &recording);
    static QString exportTraceJson(QWidget *parent, const RunRecording &recording);
    // A trace file to open, or an empty string.
    static QString traceToOpen(QWidget *parent);
};

} // namespace conlab
