#pragma once

#include <QAbstractScrollArea>

namespace conlab {

class RunRecording;
class TimelinePainter;

// The live timeline: time axis on top, one lane per worker, legend below. Ctrl+wheel or +/-
// zooms around the cursor, dragging or Shift+wheel pans, 0 fits the whole run, and
// follow-live keeps the newest events in view while a run goes on.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setRecording(const RunRecording *recording);
    // A new run started: forget the old view and fit the new one as it grows.
    void resetView();
    // New events arrived or the live edge moved to `nowNs` (relative to the run's start).
    void advance(double nowNs, bool live);

    double visibleStartNs() const { return m_startNs; }
    double visibleEndNs() const;
    bool followLive() const { return m_follow; }
    int laneCount() const;
    double cursorNs() const { return m_cursorNs; }
    bool showWakeups() const { return m_showWakeups; }
    bool showCpus() const { return m_showCpus; }
    // The name of worker lane `lane`, as its row is labelled.
    QString laneLabel(int lane) const;
    // Every row's label, top to bottom: worker lanes (each IO receiver's data row under its
    // own), then the CPU and lock sections.
    QStringList rowLabels() const;
    // The legend's words as painted, for a reader without eyes on the screen (and tests).
    QStringList legendLabels() const;
    // Where lane `lane`'s state at time `ns` is drawn, in viewport coordinates.
    QPoint pointFor(int lane, double ns) const;
    QString toolTipAt(const QPoint &viewportPos) const;
    // Left and right edge of the lanes' drawing area, in this widget's coordinates, so a
    // chart below can line its time axis up with the timeline's.
    int plotLeft() const;
    int plotRight() const;

public slots:
    void zoomIn();
    void zoomOut();
    void fit();
    void setFollowLive(bool follow);
    void setShowWakeups(bool show);
    void setShowCpus(bool show);
    // The instant the wait-for graph shows; negative for "now".
    void setCursorNs(double ns);
    // Puts the cursor at `ns`, as a click there would, first scrolling the timeline so that
    // the instant (and lane `lane`, if given) is in view.
    void showInstant(double ns, int lane = -1);

signals:
    void visibleRangeChanged(double startNs, double endNs);
    void followLiveChanged(bool follow);
    void plotColumnsChanged(int left, int right);
    void cursorChanged(double ns);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // The shares of the states a zoomed-out pixel of worker lane `lane` mixes, or empty.
    QString pixelMix(int lane, int x) const;
    TimelinePainter makePainter() const;
    QRect plotRect() const;
    QRect axisRect() const;
    QRect labelRect() const;
    QRect legendRect() const;
    int labelWidth() const;
    double dataEndNs() const;
    void zoomAround(double factor, double anchorX);
    void setStart(double startNs, bool byUser);
    void updateScrollBars();
    void emitRange();

    const RunRecording *m_recording = nullptr;
    double m_startNs = 0;
    double m_nsPerPixel = 1e6;
    double m_nowNs = 0;
    bool m_live = false;
    bool m_follow = true;
    // What the label column's width was measured for (labelWidth()).
    struct LabelWidthKey
    {
        const RunRecording *recording = nullptr;
        std::uint64_t events = 0;
        std::uint64_t startNs = 0;
        QString font;
        int width = -1;
        bool cpus = false;
        bool wakeups = false;
        bool operator==(const LabelWidthKey &) const = default;
    };
    mutable LabelWidthKey m_labelWidthKey;
    mutable int m_labelWidth = 0;
    bool m_autoFit = true; // fit the whole run as it grows until the user zooms
    bool m_updatingScrollBars = false;
    int m_hoverLane = -1;
    double m_hoverNs = 0;
    double m_cursorNs = -1;
    bool m_showWakeups = true;
    bool m_showCpus = true;
    bool m_dragMoved = false;
    QPoint m_dragOrigin;
    double m_dragStartNs = 0;
    int m_dragScrollY = 0;
    bool m_dragging = false;
};

} // namespace conlab
