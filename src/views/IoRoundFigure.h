#pragma once

#include "analysis/IoPhases.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>

class QPainter;

namespace conlab {

class RunRecording;

// The io-models lesson as the textbook draws it: for each receiver one round, its two phases
// side by side. "Wait for data" is aligned at the sender's write, on a scale wide enough for
// the longest wait; "copy data to the process" gets a scale of its own, magnified, since it is
// thousands of times shorter. Under each phase a strip shows the receiver's recorded states
// over that stretch, so whether it was blocked is read from the run, not asserted.
class IoRoundFigure
{
    Q_DECLARE_TR_FUNCTIONS(IoRoundFigure)

public:
    struct Row
    {
        QString name;
        QString role; // "blocking", "non-blocking", "multiplexing", "signal-driven", "async"
        IoPhases::Round round;
        // Of the wait phase and of the copy phase, how much the receiver spent Blocked.
        double waitBlockedShare = 0;
        double copyBlockedShare = 0;
    };

    IoRoundFigure(const RunRecording &recording, const QFont &font, const QPalette &palette);

    // One row per receiver that finished a round; the round shown is the last one every
    // receiver finished, so the rows compare like with like.
    const QVector<Row> &rows() const { return m_rows; }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // The height the figure takes in `width`: below kSideBySideWidth the copy phase goes under
    // the wait instead of beside it.
    int height(int width) const;
    void paint(QPainter &painter, const QRect &bounds) const;
    // What a row says of each phase: "blocked", "polling: 14 failed tries", ...
    QString waitText(const Row &row) const;
    QString copyText(const Row &row) const;

    static constexpr int kRowHeight = 34;
    static constexpr int kSideBySideWidth = 760;

private:
    static bool isStacked(int width);
    static QString caption();
    double blockedShare(std::uint32_t worker, std::uint64_t from, std::uint64_t to) const;
    void paintStates(QPainter &painter, std::uint32_t worker, std::uint64_t from, std::uint64_t to,
                     const QRect &strip, double nsPerPixel, double originNs, double originX) const;

    const RunRecording &m_recording;
    QFont m_font;
    QPalette m_palette;
    QVector<Row> m_rows;
};

} // namespace conlab
