#pragma once

#include "app/MainWindow.h"
#include "app/ParameterPanel.h"
#include "views/TimelineView.h"

#include <QStringList>
#include <QTest>

namespace conlab {

// Sets the lesson's parameters as a user would in the panel, "name=value" each; a value the
// panel refuses fails the calling test.
inline void setParameters(MainWindow &window, const QStringList &assignments)
{
    for (const QString &assignment : assignments) {
        QVERIFY2(window.parameters()->setValue(assignment.section('=', 0, 0),
                                               assignment.section('=', 1)),
                 qPrintable(assignment));
    }
}

// The timeline lane whose label is `name` followed by its OS id, or -1.
inline int laneOf(const MainWindow &window, const QString &name)
{
    for (int lane = 0; lane < window.timeline()->laneCount(); ++lane) {
        if (window.timeline()->laneLabel(lane).startsWith(name + QLatin1String("  ")))
            return lane;
    }
    return -1;
}

} // namespace conlab
