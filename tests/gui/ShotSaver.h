#pragma once

#include <QString>
#include <QWidget>

namespace conlab {

// CONLAB_SHOTS=DIR keeps pictures of panels for a person to look at; tests never need it.
inline void saveShot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("CONLAB_SHOTS");
    if (!folder.isEmpty())
        widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace conlab
