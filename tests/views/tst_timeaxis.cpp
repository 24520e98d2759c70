#include "views/TimeAxis.h"

#include <QTest>

using namespace conlab;

class TimeAxisTest : public QObject
{
    Q_OBJECT

private slots:
    void stepsFollowOneTwoFive_data()
    {
        QTest::addColumn<double>("nsPerPixel");
        QTest::addColumn<double>("step");
        QTest::newRow("1 ms per 80 px") << 12500.0 << 1e6;
        QTest::newRow("just above 1 ms") << 12600.0 << 2e6;
        QTest::newRow("just above 2 ms") << 25100.0 << 5e6;
        QTest::newRow("just above 5 ms") << 62600.0 << 1e7;
        QTest::newRow("never below 1 ns") << 0.001 << 1.0;
    }
    void stepsFollowOneTwoFive()
    {
        QFETCH(double, nsPerPixel);
        QFETCH(double, step);
        QCOMPARE(TimeAxis::stepFor(nsPerPixel, 80), step);
    }

    void ticksStayApartAndInside()
    {
        const auto ticks = TimeAxis::ticks(3e8, 2.7e9, 1000);
        QVERIFY(ticks.size() >= 3);
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            QVERIFY(ticks[i].timeNs >= 3e8 && ticks[i].timeNs <= 2.7e9);
            if (i > 0)
                QVERIFY((ticks[i].timeNs - ticks[i - 1].timeNs) / 2.4e9 * 1000 >= 80);
        }
        QCOMPARE(ticks.first().label, QStringLiteral("0.4 s"));
    }

    void labelsUseTheStepsUnit()
    {
        QCOMPARE(TimeAxis::formatTick(1.5e9, 5e8), QStringLiteral("1.5 s"));
        QCOMPARE(TimeAxis::formatTick(2e9, 1e9), QStringLiteral("2 s"));
        QCOMPARE(TimeAxis::formatTick(250e3, 50e3), QStringLiteral("250 us"));
        QCOMPARE(TimeAxis::formatDuration(0), QStringLiteral("0 s"));
        QCOMPARE(TimeAxis::formatDuration(1234567), QStringLiteral("1.23 ms"));
        QCOMPARE(TimeAxis::formatDuration(250e6), QStringLiteral("250 ms"));
    }

    void emptyRangesHaveNoTicks()
    {
        QVERIFY(TimeAxis::ticks(5, 5, 100).isEmpty());
        QVERIFY(TimeAxis::ticks(0, 1e9, 0).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TimeAxisTest)
#include "tst_timeaxis.moc"
