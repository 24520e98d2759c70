#pragma once

#include "TextWidths.h"
#include "TimelineLegend.h"
#include "analysis/StateInterval.h"

#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QImage>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>
#include <cstddef>
#include <vector>

class QPainter;

namespace conlab {

class RunRecording;
class TimeWindow;

// The timeline's worker lanes: each worker's states over time, in the state colours, with
// the block reason written on wide enough "blocked" bars and the exit cause at the end.
class WorkerLanePainter
{
public:
    WorkerLanePainter(const RunRecording &recording, const QFont &font, const QPalette &palette);

    int count() const;
    QString label(int lane) const;
    // The block reasons and exit causes written on the lane stay out of `keepClear` (the
    // pins and labels of printed lines), moving aside or giving way where there is no room.
    void paint(QPainter &painter, int lane, const QRect &bounds, const TimeWindow &window,
               const QVector<QRect> &keepClear = {}) const;
    void addLegendItems(QVector<TimelineLegend::Item> &items) const;
    // What `interval` of lane `lane` is, in words, as a tooltip says it: its state, or what
    // a placeholder drawn in its place means.
    QString describe(int lane, const StateInterval &interval) const;
    // How far the exit cause written after the lane's end reaches, with its gap, when that
    // end is inside `window`; 0 otherwise.
    int exitTextWidth(int lane, const TimeWindow &window) const;
    // The widest exit cause any lane writes: the room a whole-run view leaves after the end.
    int widestExitText() const;
    // What an MLFQ running bar says: the queue level it was dispatched from, and whether a
    // boost lifted it since it last left a CPU; `brief` for a narrow bar ("L1↑").
    static QString levelText(const StateInterval &interval, bool brief);

private:
    // Blocked on a "turn" object: waiting to begin, drawn without a state colour.
    bool waitsForItsTurn(const StateInterval &interval) const;
    bool hasTurns() const;
    // A handler lane (server-models: a connection's thread or process, a pool thread) is
    // declared before its thread or process exists; until then it is "new" only in name, and
    // is drawn as a placeholder, not in the state colour of "new".
    bool isHandlerLane(int lane) const;
    bool hasHandlerLanes() const;
    // A lane with more intervals than a whole-run view has pixels: its columns mix states.
    bool hasDenseLane() const;
    void paintCoroutinesRun(QPainter &painter, int lane, const QRect &bounds, const QRect &segment,
                            const TimeWindow &window) const;
    // Measured once per distinct text: a lane of thousands of bars names few things.
    int textWidth(const QString &text) const;
    const QString &reasonText(BlockReason reason) const;
    // The lanes of the coroutines `lane` runs, found once per painter instead of per bar.
    const std::vector<std::size_t> &coroutineLanes(int lane) const;

    const RunRecording &m_recording;
    QFont m_font;
    mutable TextWidths m_textWidths;
    QPalette m_palette;
    mutable QImage m_strip; // LaneFill's, kept from lane to lane
    mutable QHash<int, QString> m_reasonTexts;
    mutable std::vector<std::vector<std::size_t>> m_coroutineLanes;
    mutable bool m_coroutineLanesFound = false;
};

} // namespace conlab
