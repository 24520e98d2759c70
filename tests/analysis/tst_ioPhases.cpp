#include "analysis/IoPhases.h"

#include <QTest>

using namespace conlab;

namespace {

constexpr std::uint64_t kStart = 1000000;
constexpr std::uint32_t kSender = 1;
constexpr std::uint32_t kBlocking = 2;
constexpr std::uint32_t kPolling = 3;
constexpr std::uint32_t kConnA = 1; // the blocking receiver's
constexpr std::uint32_t kConnB = 2; // the polling receiver's

// A hand-made io-models history; times are offsets from the trace start.
class IoTrace
{
public:
    IoTrace()
    {
        m_trace.meta.scenario = "io-models";
        m_trace.meta.startNs = kStart;
        m_trace.meta.workers = {{0, "main", "main"},
                                {kSender, "sender", "sender"},
                                {kBlocking, "blocking", "blocking"},
                                {kPolling, "non-blocking", "non-blocking"}};
    }
    IoTrace &add(std::uint64_t at, std::uint32_t worker, EventKind kind, std::uint32_t object = 0,
                 std::uint32_t value = 0, std::int64_t arg = 0, std::uint16_t reason = 0)
    {
        m_trace.events.push_back({kStart + at, worker, kind, reason, object, value, arg});
        return *this;
    }
    IoTrace &blockedOnIo(std::uint64_t at, std::uint32_t worker, std::uint32_t object)
    {
        return add(at, worker, EventKind::Blocked, object, 0, 0, std::uint16_t(BlockReason::Io));
    }
    const Trace &trace() const { return m_trace; }

private:
    Trace m_trace;
};

// Round 0: both wait from t=100; the sender writes at 1000 (A) and 1010 (B). The blocking
// receiver is woken at 1040 and has its 64 bytes at 1050; the poller tried at 400 and 800 in
// vain, found the data at 1200 and had it at 1230.
IoTrace oneRound()
{
    IoTrace t;
    t.add(0, kBlocking, EventKind::Running)
        .blockedOnIo(90, kBlocking, kConnA)
        .add(100, kBlocking, EventKind::IoWaitBegin, kConnA, 0)
        .add(100, kPolling, EventKind::Running)
        .add(100, kPolling, EventKind::IoWaitBegin, kConnB, 0)
        .add(400, kPolling, EventKind::IoAttempt, kConnB, 0)
        .add(800, kPolling, EventKind::IoAttempt, kConnB, 0)
        .add(1000, kSender, EventKind::IoSent, kConnA, 0, 64)
        .add(1010, kSender, EventKind::IoSent, kConnB, 0, 64)
        .add(1040, kBlocking, EventKind::IoNotified, kConnA, 0)
        .add(1040, kBlocking, EventKind::IoCopyBegin, kConnA, 0)
        .add(1050, kBlocking, EventKind::IoCopyEnd, kConnA, 0, 64)
        .add(1060, kBlocking, EventKind::Ready)
        .add(1070, kBlocking, EventKind::Running)
        .add(1080, kBlocking, EventKind::IoRoundDone, kConnA, 1, 5)
        .add(1200, kPolling, EventKind::IoCopyBegin, kConnB, 0)
        .add(1230, kPolling, EventKind::IoCopyEnd, kConnB, 0, 64)
        .add(1240, kPolling, EventKind::IoRoundDone, kConnB, 3, 20);
    return t;
}

const IoPhases::Round *roundOf(const std::vector<IoPhases::Round> &rounds, std::uint32_t worker)
{
    for (const auto &r : rounds)
        if (r.worker == worker)
            return &r;
    return nullptr;
}

} // namespace

class TestIoPhases : public QObject
{
    Q_OBJECT

private slots:
    void notifiedWaitEndsAtTheNotice();
    void pollingWaitEndsAtTheArrival();
    void blockedTimeIsMeasuredAgainstTheWait();
    void unfinishedRoundHasNoDoneTime();
};

void TestIoPhases::notifiedWaitEndsAtTheNotice()
{
    const auto rounds = IoPhases::rounds(oneRound().trace());
    QCOMPARE(int(rounds.size()), 2);
    const auto *r = roundOf(rounds, kBlocking);
    QVERIFY(r);
    QCOMPARE(r->arrivalNs, kStart + 1000);
    QCOMPARE(r->notifiedNs, kStart + 1040);
    QCOMPARE(r->waitNs(), std::uint64_t(940));
    QCOMPARE(r->waitEndLagNs(), std::int64_t(40));
    QCOMPARE(r->copyNs(), std::uint64_t(10));
    QCOMPARE(r->wakeups, 1u);
    QCOMPARE(r->syscalls, 1u);
    QCOMPARE(r->waitCpuNs, std::int64_t(5));
    QCOMPARE(r->bytes, std::uint64_t(64));
    QCOMPARE(r->connectionsServed, 1u);
}

void TestIoPhases::pollingWaitEndsAtTheArrival()
{
    // The rounds are kept: roundOf points into the vector (a temporary would be freed at once).
    const auto rounds = IoPhases::rounds(oneRound().trace());
    const auto *r = roundOf(rounds, kPolling);
    QVERIFY(r);
    QCOMPARE(r->notifiedNs, std::uint64_t(0));
    // No notice: the wait ends when the data arrives, found at the next try.
    QCOMPARE(r->arrivalNs, kStart + 1010);
    QCOMPARE(r->waitNs(), std::uint64_t(910));
    QCOMPARE(r->waitEndLagNs(), std::int64_t(0));
    QCOMPARE(r->attempts, 2u);
    QCOMPARE(r->copyBeginNs - r->arrivalNs, std::uint64_t(190));
    QCOMPARE(r->blockedIoNs, std::uint64_t(0));
    QCOMPARE(r->waitNotBlockedNs, std::uint64_t(910));
}

void TestIoPhases::blockedTimeIsMeasuredAgainstTheWait()
{
    const auto rounds = IoPhases::rounds(oneRound().trace());
    const auto *r = roundOf(rounds, kBlocking);
    QVERIFY(r);
    // Blocked from 90 to 1060; the round runs from 100 to 1080.
    QCOMPARE(r->blockedIoNs, std::uint64_t(960));
    QCOMPARE(r->waitNotBlockedNs, std::uint64_t(0));
    QCOMPARE(IoPhases::blockedNs(oneRound().trace(), kBlocking, BlockReason::Io),
             std::uint64_t(970));
    QCOMPARE(IoPhases::blockedNs(oneRound().trace(), kPolling, BlockReason::Io), std::uint64_t(0));

    // Woken before the data came: part of the wait was not spent blocked.
    IoTrace early;
    early.add(0, kBlocking, EventKind::Running)
        .blockedOnIo(90, kBlocking, kConnA)
        .add(100, kBlocking, EventKind::IoWaitBegin, kConnA, 0)
        .add(500, kBlocking, EventKind::Ready)
        .add(510, kBlocking, EventKind::Running)
        .add(1000, kSender, EventKind::IoSent, kConnA, 0, 64)
        .add(1300, kBlocking, EventKind::IoCopyEnd, kConnA, 0, 64)
        .add(1310, kBlocking, EventKind::IoRoundDone, kConnA, 2, 0);
    const auto earlyRounds = IoPhases::rounds(early.trace());
    const auto *e = roundOf(earlyRounds, kBlocking);
    QVERIFY(e);
    QCOMPARE(e->waitNotBlockedNs, std::uint64_t(500));
}

void TestIoPhases::unfinishedRoundHasNoDoneTime()
{
    IoTrace t;
    t.add(0, kPolling, EventKind::Running)
        .add(100, kPolling, EventKind::IoWaitBegin, kConnB, 4)
        .add(200, kPolling, EventKind::IoAttempt, kConnB, 4)
        .add(300, kPolling, EventKind::Terminated);
    const auto rounds = IoPhases::rounds(t.trace());
    QCOMPARE(int(rounds.size()), 1);
    QCOMPARE(rounds.front().round, 4u);
    QCOMPARE(rounds.front().doneNs, std::uint64_t(0));
    QCOMPARE(rounds.front().arrivalNs, std::uint64_t(0));
    QCOMPARE(rounds.front().waitNs(), std::uint64_t(0));
}

QTEST_GUILESS_MAIN(TestIoPhases)
#include "tst_ioPhases.moc"
