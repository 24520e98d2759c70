// Issue 13, item 9a: a seeded mutation test of the job-table reader (JobTableCsv), the other
// reader that takes files from outside (conlab-runner --jobs, the Scheduling panel). Each case
// damages a valid table (hostile values, separators, encodings, cuts) and asks the reader: it
// must accept within the documented bounds or refuse with a printable message naming the
// source, never crash, never allocate much, never take long. Seeded as tst_tracefuzz is.
#include "FuzzSupport.h"
#include "runtime/JobTable.h"
#include "runtime/JobTableCsv.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace conlab;
using namespace conlab::fuzz;

namespace {

const std::string kValidTable = "# jobs of a lesson\r\n"
                                "name,arrival,bursts,priority\n"
                                "P1,0,5/3/2,1\n"
                                "P2,1,4,0\n"
                                "\n"
                                "io-bound_3,+2,1/9/1/9/1,-1\n"
                                "P4,6,3/1/3,\n"
                                "P.5,7,2\n";

std::vector<std::string> fieldsOf(const std::string &line)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t comma = line.find(',', at);
        out.push_back(line.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos)
            return out;
        at = comma + 1;
    }
}

std::string mutateTable(std::mt19937_64 &rng, std::string text, std::string &what)
{
    static const std::vector<std::string> tokens = {",",
                                                    "/",
                                                    "\n",
                                                    "\r\n",
                                                    "#",
                                                    "\xEF\xBB\xBF",
                                                    std::string("\0", 1),
                                                    "\x1b[2J",
                                                    "\xff",
                                                    "name,arrival,bursts",
                                                    " ",
                                                    "+",
                                                    "-",
                                                    "//",
                                                    ",,,,",
                                                    "1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1"};
    const int steps = 1 + int(rng() % 3);
    for (int step = 0; step < steps; ++step) {
        switch (rng() % 8) {
        case 0: { // flip a bit
            if (text.empty())
                break;
            const std::size_t at = rng() % text.size();
            const int bit = int(rng() % 8);
            text[at] = char(text[at] ^ (1 << bit));
            what += " flip@" + std::to_string(at) + "." + std::to_string(bit);
            break;
        }
        case 1: { // cut
            const std::size_t at = text.empty() ? 0 : rng() % text.size();
            text.resize(at);
            what += " cut@" + std::to_string(at);
            break;
        }
        case 2: { // insert random bytes or a token
            const std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
            std::string junk;
            if (rng() % 2) {
                junk = tokens[rng() % tokens.size()];
            } else {
                junk.resize(1 + rng() % 16);
                for (char &c : junk)
                    c = char(rng());
            }
            text.insert(at, junk);
            what += " insert" + std::to_string(junk.size()) + "@" + std::to_string(at);
            break;
        }
        case 3:
        case 4: { // overwrite one field of one row with a hostile value
            std::vector<std::string> ls = lines(text);
            if (ls.empty())
                break;
            std::string &line = ls[rng() % ls.size()];
            std::vector<std::string> fields = fieldsOf(line);
            std::string &field = fields[rng() % fields.size()];
            std::string value = kHostileNumbers[rng() % kHostileNumbers.size()];
            if (rng() % 4 == 0) // a long list of bursts, odd or even, around kMaxBursts
                for (int n = 30 + int(rng() % 4), i = 1; i < n; ++i)
                    value += "/" + kHostileNumbers[rng() % kHostileNumbers.size()];
            if (rng() % 8 == 0) // a long name or field
                value = std::string(std::size_t(20 + rng() % 40), 'n');
            what += " field '" + field + "' -> '" + value + "'";
            field = value;
            std::string rebuilt;
            for (std::size_t i = 0; i < fields.size(); ++i)
                rebuilt += (i ? "," : "") + fields[i];
            line = rebuilt;
            text = joined(ls);
            break;
        }
        case 5: { // many rows: around kMaxJobs, with fresh or repeated names
            const int n = 20 + int(rng() % 30);
            const bool fresh = rng() % 4 != 0;
            for (int i = 0; i < n; ++i)
                text += (fresh ? "X" + std::to_string(i) : std::string("P1")) + ",0,1\n";
            what += " " + std::to_string(n) + (fresh ? " fresh" : " repeated") + " rows";
            break;
        }
        case 6: { // a row again, as is (a repeated name) or under a fresh name
            std::vector<std::string> ls = lines(text);
            if (ls.empty())
                break;
            std::string row = ls[rng() % ls.size()];
            if (rng() % 2)
                row = "Y" + std::to_string(rng() % 100) +
                      row.substr(std::min(row.find(','), row.size()));
            text += row + "\n";
            what += " row again '" + row + "'";
            break;
        }
        default: { // rarely: a huge file of blank lines or comments around the read limit
            if (rng() % 4 != 0)
                break;
            const std::size_t n = JobTableCsv::kMaxFileBytes - 64 + rng() % 128;
            text += std::string(n, rng() % 2 ? '\n' : '#');
            what += " padded by " + std::to_string(n);
            break;
        }
        }
    }
    return text;
}

bool validJobName(const std::string &name)
{
    if (name.empty() || name.size() > 31)
        return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

// The bounds JobTable and JobTableCsv document: 1..kMaxJobs jobs with distinct names of 1-31
// letters, digits, '-', '_' or '.'; an odd number (at most kMaxBursts) of bursts; times in
// whole units up to 1000000, bursts at least 1; priorities in -1000..1000.
QString tableOutOfBounds(const JobTable &table)
{
    if (table.jobs.empty() || table.jobs.size() > JobTable::kMaxJobs)
        return QStringLiteral("%1 jobs").arg(table.jobs.size());
    std::set<std::string> names;
    for (const Job &job : table.jobs) {
        if (!validJobName(job.name))
            return QStringLiteral("name '%1'").arg(QString::fromStdString(job.name));
        if (!names.insert(job.name).second)
            return QStringLiteral("name '%1' twice").arg(QString::fromStdString(job.name));
        if (job.arrival > 1000000)
            return QStringLiteral("arrival %1").arg(job.arrival);
        if (job.bursts.size() % 2 == 0 || job.bursts.size() > JobTable::kMaxBursts)
            return QStringLiteral("%1 bursts").arg(job.bursts.size());
        for (const std::uint64_t burst : job.bursts)
            if (burst < 1 || burst > 1000000)
                return QStringLiteral("burst %1").arg(burst);
        if (job.priority < -1000 || job.priority > 1000)
            return QStringLiteral("priority %1").arg(job.priority);
    }
    return {};
}

} // namespace

class TestJobTableFuzz : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void startsFromAValidTable();
    void damagedJobTablesAreAcceptedInBoundsOrRefused();

private:
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    QTemporaryDir m_dir;
};

void TestJobTableFuzz::init()
{
    QVERIFY(m_dir.isValid());
}

// The starting point is itself accepted, so every refusal below is the mutation's doing.
void TestJobTableFuzz::startsFromAValidTable()
{
    std::string error;
    JobTable table;
    QVERIFY2(JobTableCsv::parse(kValidTable, "jobs.csv", table, &error), error.c_str());
    QCOMPARE(table.jobs.size(), std::size_t(5));
    QVERIFY(tableOutOfBounds(table).isEmpty());
}

void TestJobTableFuzz::damagedJobTablesAreAcceptedInBoundsOrRefused()
{
    const std::uint64_t seed = seedFromEnvironment(0x10B7AB1Eull);
    const int cases = casesFromEnvironment(2000);
    std::mt19937_64 rng(seed);
    const std::string stem = path("mutant-"); // a fresh file per case, as above
    int accepted = 0;
    std::size_t largestAllocation = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < cases; ++i) {
        std::string what;
        const std::string text = mutateTable(rng, kValidTable, what);
        const QString where = QStringLiteral("seed %1 case %2:%3 (%4 bytes)")
                                  .arg(seed)
                                  .arg(i)
                                  .arg(QString::fromStdString(what))
                                  .arg(text.size());
        // Every fourth case goes through the file reader too, as conlab-runner --jobs does.
        const bool viaFile = i % 4 == 0;
        const std::string file = stem + std::to_string(i) + ".csv";
        if (viaFile)
            writeBytes(file, text);
        JobTable table;
        std::string error;
        bool ok = false;
        std::size_t largest = 0;
        QElapsedTimer timer;
        timer.start();
        try {
            AllocationWatch watch;
            std::string read;
            ok = viaFile ? JobTableCsv::readFile(file, read, &error) : true;
            if (viaFile && ok)
                QVERIFY2(read.size() == text.size() || text.size() > JobTableCsv::kMaxFileBytes,
                         qPrintable(where + ": read back a different size"));
            if (ok)
                ok = JobTableCsv::parse(viaFile ? read : text, "mutant.csv", table, &error);
            largest = watch.largest();
        } catch (const std::bad_alloc &) {
            QFAIL(
                qPrintable(where + QStringLiteral(": asked for %1 bytes at once").arg(g_largest)));
        } catch (const std::exception &e) {
            QFAIL(qPrintable(where + ": threw " + e.what()));
        }
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < kSlowMs, qPrintable(where + QStringLiteral(": took %1 ms").arg(ms)));
        largestAllocation = std::max(largestAllocation, largest);
        if (ok) {
            ++accepted;
            QVERIFY2(text.size() <= JobTableCsv::kMaxFileBytes || !viaFile,
                     qPrintable(where + ": a file above the limit was read"));
            const QString problem = tableOutOfBounds(table);
            QVERIFY2(problem.isEmpty(), qPrintable(where + ": accepted, but " + problem));
            // What was accepted writes out and reads back the same.
            JobTable again;
            QVERIFY2(
                JobTableCsv::parse(JobTableCsv::format(table), "again.csv", again, &error),
                qPrintable(where + ": its own format refused: " + QString::fromStdString(error)));
            QVERIFY2(JobTableCsv::format(again) == JobTableCsv::format(table),
                     qPrintable(where + ": format does not read back the same"));
        } else {
            QVERIFY2(!error.empty(), qPrintable(where + ": refused without a message"));
            // Names the source, shows the file's bytes escaped and cut short.
            QVERIFY2(error.rfind("mutant.csv:", 0) == 0 || (viaFile && error.rfind(file, 0) == 0),
                     qPrintable(where + ": message does not name the source: " +
                                QString::fromStdString(error)));
            QVERIFY2(printable(error), qPrintable(where + ": unescaped bytes in the message"));
            QVERIFY2(error.size() < 400 + file.size(),
                     qPrintable(where + QStringLiteral(": a %1-byte message").arg(error.size())));
        }
        if (viaFile)
            std::remove(file.c_str());
    }
    qInfo("%d damaged job tables, %d accepted, largest allocation %zu bytes, %lld ms (seed %llu)",
          cases, accepted, largestAllocation, total.elapsed(), qulonglong(seed));
    QVERIFY2(accepted < cases / 2, qPrintable(QString::number(accepted)));
    QVERIFY2(accepted > 0, "no damaged table was accepted: the mutator only makes garbage");
}

QTEST_GUILESS_MAIN(TestJobTableFuzz)
#include "tst_jobtablefuzz.moc"
