#pragma once

#include <QJsonObject>
#include <QLabel>

namespace conlab {

class RunRecording;

// The line above the timeline that names what went wrong, in words a student cannot miss
// (RunVerdict's, the same the exported images carry): red for a deadlock, amber for a broken
// cycle, an inversion, oversold tickets, lost updates. Hidden when there is nothing to say.
class RunBanner : public QLabel
{
    Q_OBJECT

public:
    explicit RunBanner(QWidget *parent = nullptr);
    // From the live recording while a run goes on, and from its summary once it has ended.
    void showRun(const RunRecording &recording, const QJsonObject &summary);
};

} // namespace conlab
