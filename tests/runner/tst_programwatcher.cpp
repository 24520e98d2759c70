#include "ForkedThreads.h"
#include "ProgramWatcher.h"
#include "trace/Clock.h"

#include <QTest>
#include <csignal>
#include <ctime>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace conlab;

namespace {

// Threads that wake, spin a moment and sleep again: the first `steady` at a fixed pace each
// (20 ms, each with its own phase), the others after random naps of 100 ms mean.
ForkedThreads wakingThreads(int steady, int irregular)
{
    return ForkedThreads(steady + irregular, [steady](int i) {
        std::mt19937 random{unsigned(i)};
        std::exponential_distribution<double> nap(1.0 / 100'000.0);
        usleep(useconds_t(i) * 500);
        for (;;) {
            const std::uint64_t until = monotonicNs() + 100'000;
            while (monotonicNs() < until) {
            }
            usleep(i >= steady ? useconds_t(nap(random)) : 20'000);
        }
    });
}

// Samples every 2 ms, as the runner paces them, until `enough` samples left threads unread
// and had that checked, or for at most `seconds` (a loaded machine stretches the threads'
// pace, and fewer samples can leave them unread).
std::uint64_t sampleUntilChecked(ProgramWatcher &watcher, std::uint64_t enough, double seconds)
{
    std::vector<Event> events;
    const std::uint64_t start = monotonicNs();
    std::uint64_t next = start;
    std::uint64_t samples = 0;
    while (watcher.unreadChecked() < enough &&
           monotonicNs() - start < std::uint64_t(seconds * 1e9)) {
        next += 2'000'000;
        const timespec at{time_t(next / 1'000'000'000ull), long(next % 1'000'000'000ull)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
        events.clear();
        watcher.sample(monotonicNs(), events);
        ++samples;
    }
    return samples;
}

} // namespace

class TestProgramWatcher : public QObject
{
    Q_OBJECT

private slots:
    void unreadThreadsHaveNotRun_data()
    {
        QTest::addColumn<bool>("rings");
        QTest::newRow("process clock") << false;
        QTest::newRow("switch rings") << true;
    }

    // A sample reads the threads likely to have run and knows the others did not: from the
    // process's CPU clock, or from each thread's ring of context switches where perf events
    // are allowed. Checked against reading them anyway: no thread left unread had moved. (How
    // many go unread is a figure of bench_watchsampler, not a test.)
    void unreadThreadsHaveNotRun()
    {
        QFETCH(bool, rings);
        const ForkedThreads threads = wakingThreads(30, 10);
        QVERIFY(threads.pid() > 0);
        ProgramWatcher::Settings settings;
        settings.sampleNs = 2'000'000;
        settings.baselineFirstThreads = true;
        settings.verifyUnread = true;
        settings.switchRings = rings;
        ProgramWatcher watcher(settings);
        watcher.follow(threads.pid(), monotonicNs());
        if (rings && watcher.threadsWithRings() == 0)
            QSKIP("perf events are not allowed here (kernel.perf_event_paranoid 3 or more)");
        QCOMPARE(watcher.threadsWithRings(), rings ? 41u : 0u);
        const std::uint64_t samples = sampleUntilChecked(watcher, 100, 15);
        QCOMPARE(watcher.threadsSeen(), 41u);
        qInfo("%llu samples, %llu thread readings, %llu unread checked",
              static_cast<unsigned long long>(samples),
              static_cast<unsigned long long>(watcher.threadReads()),
              static_cast<unsigned long long>(watcher.unreadChecked()));
        QVERIFY2(watcher.unreadChecked() >= 10, "threads were seldom left unread and checked");
        QCOMPARE(watcher.unreadWrong(), 0ull);
    }
};

QTEST_GUILESS_MAIN(TestProgramWatcher)
#include "tst_programwatcher.moc"
