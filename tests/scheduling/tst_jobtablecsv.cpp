#include "runtime/JobTableCsv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace conlab;

// The job table file conlab-runner --jobs reads: what it accepts, and that every mistake is
// reported with the line and what is wrong.
class TestJobTableCsv : public QObject
{
    Q_OBJECT

private slots:
    void readsRowsHeaderCommentsAndDefaults();
    void formatReadsBack();
    void rejectsWithLineAndReason_data();
    void rejectsWithLineAndReason();
    void scalesToNanoseconds();
    void acceptsAByteOrderMark();
    void escapesBinaryBytesInMessages();
    void readFileRefusesFoldersDevicesAndHugeFiles();
};

void TestJobTableCsv::readsRowsHeaderCommentsAndDefaults()
{
    const std::string text = "# a lesson's jobs\r\n"
                             "name, arrival, bursts, priority\r\n"
                             "\n"
                             "P1, 0, 5/3/2, 2\n"
                             "P2,4,1\n"
                             "io-bound_3,+7,1/9/1/9/1,-1";
    JobTable table;
    std::string error;
    QVERIFY2(JobTableCsv::parse(text, "jobs.csv", table, &error), error.c_str());
    QCOMPARE(table.jobs.size(), std::size_t(3));
    QCOMPARE(table.jobs[0].name, std::string("P1"));
    QCOMPARE(table.jobs[0].arrival, std::uint64_t(0));
    QCOMPARE(table.jobs[0].bursts, (std::vector<std::uint64_t>{5, 3, 2}));
    QCOMPARE(table.jobs[0].priority, 2);
    QCOMPARE(table.jobs[0].cpuTotal(), std::uint64_t(7));
    QCOMPARE(table.jobs[1].priority, 0);
    QCOMPARE(table.jobs[2].name, std::string("io-bound_3"));
    QCOMPARE(table.jobs[2].arrival, std::uint64_t(7));
    QCOMPARE(table.jobs[2].bursts.size(), std::size_t(5));
    QCOMPARE(table.jobs[2].priority, -1);
}

void TestJobTableCsv::formatReadsBack()
{
    JobTable table;
    std::string error;
    QVERIFY(JobTableCsv::parse("A,0,3/1/2,1\nB,2,4,0\n", "t", table, &error));
    JobTable again;
    QVERIFY2(JobTableCsv::parse(JobTableCsv::format(table), "t", again, &error), error.c_str());
    QCOMPARE(JobTableCsv::format(again), JobTableCsv::format(table));
    QCOMPARE(again.jobs[0].bursts, table.jobs[0].bursts);
}

void TestJobTableCsv::rejectsWithLineAndReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << ""
                           << "jobs.csv: no jobs";
    QTest::newRow("only comments") << "# nothing\n\n"
                                   << "jobs.csv: no jobs";
    QTest::newRow("too few columns") << "P1,0,3\nP2,1\n"
                                     << "jobs.csv:2: expected 3 or 4 columns";
    QTest::newRow("too many columns") << "P1,0,3,1,9\n"
                                      << "jobs.csv:1: expected 3 or 4 columns";
    QTest::newRow("negative arrival") << "name,arrival,bursts\nP1,-1,3\n"
                                      << "jobs.csv:2: arrival '-1' is not a whole number";
    QTest::newRow("fractional arrival") << "P1,1.5,3\n"
                                        << "jobs.csv:1: arrival '1.5' is not a whole number";
    QTest::newRow("zero burst") << "P1,0,3/0/2\n"
                                << "jobs.csv:1: burst '0' in '3/0/2'";
    QTest::newRow("empty burst") << "P1,0,3//2\n"
                                 << "jobs.csv:1: burst '' in '3//2'";
    QTest::newRow("ends on io") << "P1,0,3\nP2,0,3/4\n"
                                << "jobs.csv:2: bursts '3/4' must alternate cpu/io/cpu";
    QTest::newRow("bad priority") << "P1,0,3,high\n"
                                  << "jobs.csv:1: priority 'high'";
    QTest::newRow("duplicate name") << "P1,0,3\n#\nP1,1,2\n"
                                    << "jobs.csv:3: name 'P1' is already used on line 1";
    QTest::newRow("bad name") << "my job,0,3\n"
                              << "jobs.csv:1: name 'my job' must be";
    QString many;
    for (int i = 0; i <= 32; ++i)
        many += QStringLiteral("J%1,0,1\n").arg(i);
    QTest::newRow("too many jobs") << many << "jobs.csv:33: more than 32 jobs";
}

void TestJobTableCsv::rejectsWithLineAndReason()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    JobTable table;
    std::string message;
    QVERIFY(!JobTableCsv::parse(text.toStdString(), "jobs.csv", table, &message));
    QVERIFY2(QString::fromStdString(message).startsWith(error), message.c_str());
}

void TestJobTableCsv::scalesToNanoseconds()
{
    JobTable table;
    std::string error;
    QVERIFY(JobTableCsv::parse("P1,3,2/1/4,0\n", "t", table, &error));
    const JobTable ns = table.scaled(25e6 * 0.3);
    QCOMPARE(ns.jobs[0].arrival, std::uint64_t(22500000));
    QCOMPARE(ns.jobs[0].bursts, (std::vector<std::uint64_t>{15000000, 7500000, 30000000}));
}

// Issue 13, item 7: spreadsheets save CSV with a UTF-8 byte order mark.
void TestJobTableCsv::acceptsAByteOrderMark()
{
    JobTable table;
    std::string error;
    QVERIFY2(JobTableCsv::parse("\xEF\xBB\xBFname,arrival,bursts,priority\nP1,0,3,1\n", "bom.csv",
                                table, &error),
             error.c_str());
    QCOMPARE(table.jobs.size(), std::size_t(1));
    QCOMPARE(table.jobs[0].name, std::string("P1"));
    // Without a header line the first job's name starts right after the mark.
    QVERIFY2(JobTableCsv::parse("\xEF\xBB\xBFP1,0,3\n", "bom.csv", table, &error), error.c_str());
    QCOMPARE(table.jobs[0].name, std::string("P1"));
}

void TestJobTableCsv::escapesBinaryBytesInMessages()
{
    JobTable table;
    std::string error;
    const std::string name("J\x1b[2J\x07\xff\x80", 8);
    QVERIFY(!JobTableCsv::parse(name + ",0,3\n", "bin.csv", table, &error));
    for (const char c : error)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f,
                 error.c_str());
    QVERIFY2(error.find("J\\x1b[2J\\x07\\xff\\x80") != std::string::npos, error.c_str());
    QVERIFY(!JobTableCsv::parse("P1,\x01\x02,3\n", "bin.csv", table, &error));
    QVERIFY2(error.find("arrival '\\x01\\x02'") != std::string::npos, error.c_str());
    // A long field is cut short rather than echoed whole.
    QVERIFY(
        !JobTableCsv::parse("P1,0," + std::string(100000, '9') + "\n", "long.csv", table, &error));
    QVERIFY2(error.size() < 300, error.c_str());
}

void TestJobTableCsv::readFileRefusesFoldersDevicesAndHugeFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string text;
    std::string error;
    const std::string folder = dir.path().toStdString();
    QVERIFY(!JobTableCsv::readFile(folder, text, &error));
    QVERIFY2(error.find(folder) != std::string::npos &&
                 error.find("is a folder") != std::string::npos,
             error.c_str());

    QElapsedTimer timer;
    timer.start();
    QVERIFY(!JobTableCsv::readFile("/dev/zero", text, &error));
    QVERIFY2(error.find("/dev/zero") != std::string::npos &&
                 error.find("256 KiB") != std::string::npos,
             error.c_str());
    QVERIFY(timer.elapsed() < 5000);

    const QString big = dir.filePath(QStringLiteral("big.csv"));
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(int(JobTableCsv::kMaxFileBytes) + 1, '#'));
    file.close();
    QVERIFY(!JobTableCsv::readFile(big.toStdString(), text, &error));
    QVERIFY2(error.find("256 KiB") != std::string::npos, error.c_str());

    // At the limit exactly is still read.
    QVERIFY(file.resize(qint64(JobTableCsv::kMaxFileBytes)));
    QVERIFY2(JobTableCsv::readFile(big.toStdString(), text, &error), error.c_str());
    QCOMPARE(text.size(), JobTableCsv::kMaxFileBytes);

    QVERIFY(!JobTableCsv::readFile(dir.filePath(QStringLiteral("none.csv")).toStdString(), text,
                                   &error));
    QVERIFY2(error.find("cannot read") != std::string::npos, error.c_str());

    // A long path is named whole (only text from the file is cut short in a message).
    const std::string longPath =
        dir.filePath(
               QStringLiteral("a-job-table-with-a-rather-long-name-%1.csv").arg(QString(60, 'x')))
            .toStdString();
    QVERIFY(!JobTableCsv::readFile(longPath, text, &error));
    QVERIFY2(error.rfind(longPath + ": cannot read", 0) == 0, error.c_str());
}

QTEST_APPLESS_MAIN(TestJobTableCsv)
#include "tst_jobtablecsv.moc"
