#include "analysis/RunRecording.h"
#include "app/ExportCommand.h"
#include "export/TimelineImage.h"
#include "views/StatePalette.h"
#include "views/TimelinePainter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace conlab;

namespace {

// Each piece of text an SVG export painted, with where it starts and ends (x, in the page's own
// units: the painter draws untransformed, so the x attribute is where the text begins) and its
// baseline (y).
struct PaintedText
{
    QString text;
    double x;
    double width;
    double y;
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString unescape(QString text)
{
    return text.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&apos;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
}

QList<PaintedText> paintedTexts(const QByteArray &svg)
{
    QList<PaintedText> texts;
    static const QRegularExpression element(QStringLiteral(
        R"re(<text [^>]*\bx="([-0-9.e]+)"[^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>)re"));
    static const QRegularExpression baseline(QStringLiteral(R"re(\by="([-0-9.e]+)")re"));
    for (auto match = element.globalMatch(QString::fromUtf8(svg)); match.hasNext();) {
        const auto found = match.next();
        const QString text = unescape(found.captured(3)).trimmed();
        QFont font;
        font.setPixelSize(qRound(found.captured(2).toDouble()));
        texts.append({text, found.captured(1).toDouble(),
                      double(QFontMetrics(font).horizontalAdvance(text)),
                      baseline.match(found.captured(0)).captured(1).toDouble()});
    }
    return texts;
}

int pageWidth(const QByteArray &svg)
{
    static const QRegularExpression viewBox(QStringLiteral(R"re(viewBox="0 0 (\d+) (\d+)")re"));
    return viewBox.match(QString::fromUtf8(svg)).captured(1).toInt();
}

bool painted(const QList<PaintedText> &texts, const QString &wanted)
{
    return std::any_of(texts.begin(), texts.end(),
                       [&](const PaintedText &text) { return text.text.contains(wanted); });
}

// A real run exported as the command line does; returns the SVG and the runner's summary.
QByteArray exportRun(const QString &scenario, const QStringList &settings, QJsonObject *summary)
{
    QTemporaryDir folder;
    ExportCommand::Request request;
    request.output = folder.filePath(QStringLiteral("run.svg"));
    request.scenario = scenario;
    request.assignments = settings;
    request.timeLimitSeconds = 2;
    QString outText, errText;
    QTextStream out(&outText), err(&errText);
    const int code = ExportCommand::run(request, out, err);
    out.flush();
    err.flush();
    if (code != 0)
        qWarning() << "export failed:" << errText;
    *summary = QJsonDocument::fromJson(outText.trimmed().toUtf8()).object();
    return readFile(request.output);
}

// Two workers close a cycle over locks A and B, one gives up (the remedy), both end; a third
// is a daemon whose long exit cause is written at the run's end.
Trace brokenCycleTrace()
{
    Trace trace;
    trace.meta.scenario = "two-locks";
    trace.meta.title = "Two locks, two orders";
    trace.meta.startNs = 0;
    trace.meta.workers = {{0, "main", "main"},
                          {1, "worker", "worker-1"},
                          {2, "worker", "worker-2"},
                          {3, "daemon", "a-daemon-with-a-rather-long-name"}};
    trace.meta.objects = {{10, "lock", 1, "lock A"}, {20, "lock", 1, "lock B"}};
    const auto lockEvent = [](EventKind kind, std::uint32_t worker, std::uint32_t lock,
                              std::uint64_t t, std::uint32_t value) {
        const auto reason =
            std::uint16_t(kind == EventKind::Blocked ? BlockReason::Lock : BlockReason::None);
        return Event{t, worker, kind, reason, lock, value};
    };
    const auto ended = [](std::uint32_t worker, std::uint64_t t, ExitCause cause) {
        return Event{t, worker, EventKind::Terminated, std::uint16_t(cause)};
    };
    trace.events = {
        {1'000, 1, EventKind::Running},
        {1'000, 2, EventKind::Running},
        {1'000, 3, EventKind::Running},
        lockEvent(EventKind::LockAcquired, 1, 10, 2'000'000, 1),
        lockEvent(EventKind::LockAcquired, 2, 20, 3'000'000, 1),
        lockEvent(EventKind::Blocked, 1, 20, 4'000'000, 1),
        lockEvent(EventKind::Blocked, 2, 10, 5'000'000, 1),
        // worker-2's timed wait gives up: the cycle is broken, not a deadlock.
        Event{9'000'000, 2, EventKind::Running},
        lockEvent(EventKind::LockReleased, 2, 20, 9'100'000, 0),
        lockEvent(EventKind::LockAcquired, 1, 20, 9'200'000, 1),
        lockEvent(EventKind::LockReleased, 1, 20, 9'300'000, 0),
        lockEvent(EventKind::LockReleased, 1, 10, 9'400'000, 0),
        ended(1, 9'500'000, ExitCause::Normal),
        ended(2, 9'600'000, ExitCause::Normal),
        ended(3, 10'000'000, ExitCause::DaemonEnded),
    };
    trace.summaryJson = R"({"outcome":"completed","deadlock":null,"cycles_broken":1})";
    return trace;
}

} // namespace

// An exported image stands alone on a slide: the verdict, every row of the window's timeline,
// the wait-for graph of a deadlock lesson, nothing cut at the edge.
class ExportPageTest : public QObject
{
    Q_OBJECT

private slots:
    void ticketRaceCarriesItsVerdict();
    void deadlockLessonCarriesItsGraph();
    void producerConsumerHasAQueueDepthRow();
    void brokenCycleIsNotMarkedAsDeadlock();
    void longExitLabelIsNotCut();
    void ioDataRowsSitUnderTheirReceivers();
};

void ExportPageTest::ticketRaceCarriesItsVerdict()
{
    QJsonObject summary;
    const QByteArray svg =
        exportRun(QStringLiteral("ticket-race"), {QStringLiteral("time-scale=0.2")}, &summary);
    QVERIFY(!svg.isEmpty());
    const int oversold = summary.value(QLatin1String("oversold")).toInt();
    QVERIFY2(oversold > 0, "the lesson's default race oversells");
    const QList<PaintedText> texts = paintedTexts(svg);
    QVERIFY(painted(texts, QStringLiteral("%1 tickets oversold").arg(oversold)));
    QVERIFY(painted(texts, QStringLiteral("ticket lock"))); // the lock lane
    QVERIFY(painted(texts, QStringLiteral("CPU 0")));       // the CPU lane
}

void ExportPageTest::deadlockLessonCarriesItsGraph()
{
    QJsonObject summary;
    const QByteArray svg =
        exportRun(QStringLiteral("two-locks"), {QStringLiteral("time-scale=0.2")}, &summary);
    QVERIFY(!svg.isEmpty());
    QCOMPARE(summary.value(QLatin1String("outcome")).toString(), QStringLiteral("deadlocked"));
    const QList<PaintedText> texts = paintedTexts(svg);
    QVERIFY(painted(texts, QStringLiteral("deadlock: ")));
    // The outcome and why, under the verdict.
    QVERIFY(painted(texts, StatePalette::outcomeText(QStringLiteral("deadlocked")) +
                               QStringLiteral(": ")));
    QVERIFY(painted(texts, QStringLiteral("Wait-for graph when the deadlock formed")));
    QVERIFY(painted(texts, QStringLiteral("1 cycle(s): deadlock")));
    // Each node's name: once on its lane, once more in the graph.
    for (const QString &node : {QStringLiteral("lock A"), QStringLiteral("lock B")}) {
        const auto named = std::count_if(texts.begin(), texts.end(),
                                         [&](const PaintedText &t) { return t.text == node; });
        QVERIFY2(named >= 2, qPrintable(node));
    }
    QVERIFY(painted(texts, QStringLiteral("deadlock formed")));
}

void ExportPageTest::producerConsumerHasAQueueDepthRow()
{
    QJsonObject summary;
    const QByteArray svg = exportRun(QStringLiteral("producer-consumer"),
                                     {QStringLiteral("time-scale=0.2")}, &summary);
    QVERIFY(!svg.isEmpty());
    const QList<PaintedText> texts = paintedTexts(svg);
    QVERIFY(painted(texts, QStringLiteral("queue depth: ")));
    QVERIFY(painted(texts, QStringLiteral("dashed: capacity %1")
                               .arg(summary.value(QLatin1String("params"))
                                        .toObject()
                                        .value(QLatin1String("capacity"))
                                        .toString())));
    // No locks, no graph.
    QVERIFY(!painted(texts, QStringLiteral("Wait-for graph")));
}

void ExportPageTest::brokenCycleIsNotMarkedAsDeadlock()
{
    RunRecording recording;
    recording.load(brokenCycleTrace());
    QVERIFY(recording.hasDeadlock()); // the recording saw the cycle close...
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("broken.svg"));
    QString error;
    QVERIFY2(TimelineImage::save(path, recording, {}, &error), qPrintable(error));
    const QList<PaintedText> texts = paintedTexts(readFile(path));
    // ...but the summary has no deadlock: the export says it was broken, never "deadlock formed".
    QVERIFY(!painted(texts, QStringLiteral("deadlock formed")));
    QVERIFY(painted(texts, QStringLiteral("and was broken")));
    QVERIFY(painted(texts, QStringLiteral("before it was broken")));
}

void ExportPageTest::longExitLabelIsNotCut()
{
    RunRecording recording;
    recording.load(brokenCycleTrace());
    for (const int width : {600, 1400}) {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("daemon.svg"));
        TimelineImage::Options options;
        options.width = width;
        QString error;
        QVERIFY2(TimelineImage::save(path, recording, options, &error), qPrintable(error));
        const QByteArray svg = readFile(path);
        const QList<PaintedText> texts = paintedTexts(svg);
        const QString exit = StatePalette::exitText(ExitCause::DaemonEnded, 0);
        const auto label = std::find_if(texts.begin(), texts.end(),
                                        [&](const PaintedText &t) { return t.text == exit; });
        QVERIFY2(label != texts.end(), qPrintable(exit));
        QVERIFY(label->x > 0);
        QVERIFY2(label->x + label->width <= pageWidth(svg),
                 qPrintable(QStringLiteral("%1 + %2 > %3")
                                .arg(label->x)
                                .arg(label->width)
                                .arg(pageWidth(svg))));
        QVERIFY(painted(texts, QStringLiteral("a-daemon-with-a-rather-long-name")));
    }
}

QTEST_MAIN(ExportPageTest)
void ExportPageTest::ioDataRowsSitUnderTheirReceivers()
{
    QJsonObject summary;
    const QByteArray svg = exportRun(
        QStringLiteral("io-models"),
        {QStringLiteral("delay=20"), QStringLiteral("poll-interval=5"), QStringLiteral("rounds=1")},
        &summary);
    QVERIFY(!svg.isEmpty());
    QCOMPARE(summary.value(QLatin1String("outcome")).toString(), QStringLiteral("completed"));
    const QList<PaintedText> texts = paintedTexts(svg);
    const QString suffix = QStringLiteral(": data");
    int dataRows = 0;
    for (const PaintedText &data : texts) {
        if (!data.text.endsWith(suffix))
            continue;
        ++dataRows;
        // The receiver's own lane is the row right above its data row.
        const QString name = data.text.chopped(suffix.size());
        const auto lane = std::find_if(texts.begin(), texts.end(), [&](const PaintedText &t) {
            return t.text.startsWith(name + QLatin1String("  "));
        });
        QVERIFY2(lane != texts.end(), qPrintable(name));
        QCOMPARE(data.y - lane->y,
                 double(TimelinePainter::kLaneHeight + TimelinePainter::kLaneGap));
    }
    QCOMPARE(dataRows, 5);
}

#include "tst_exportpage.moc"
