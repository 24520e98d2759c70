#include "RunFixture.h"
#include "io/ConnectionForkerLink.h"
#include "runtime/WorkerContext.h"

#include <QtTest>
#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace conlab;
using conlab::test::RunFixture;

namespace {

// The forker is the real conlab-runner in its hidden mode, as the server starts it.
std::string runnerProgram()
{
    return qEnvironmentVariable("CONLAB_RUNNER").toStdString();
}

// The next report, waiting on the control socket up to `timeoutMs` for it.
bool nextReport(ConnectionForkerLink &link, ForkerReport &report, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        bool gone = false;
        if (link.receive(report, gone))
            return true;
        if (gone || timer.elapsed() > timeoutMs)
            return false;
        pollfd fd = {link.fd(), POLLIN, 0};
        poll(&fd, 1, 100);
    }
}

} // namespace

// The process-per-connection server's forker on its own: a real exec of conlab-runner, given
// connections over its control socket, forking a child for each that echoes and records on
// its lane in the shared arena.
class TestConnectionForker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void childEchoesRecordsOnItsLaneAndIsReported();
    void cancelledRequestNeverRecords();
    void closingTheSocketEndsForkerAndChildren();

private:
    std::unique_ptr<RunFixture> m_run;
    std::unique_ptr<ConnectionForkerLink> start(std::size_t claims);
};

void TestConnectionForker::initTestCase()
{
    QVERIFY2(!runnerProgram().empty(), "CONLAB_RUNNER is not set");
    // A virtual CPU for each lane, as server-models gives its lanes.
    std::string error;
    m_run = RunFixture::create(3, 2, 1024, &error);
    QVERIFY2(m_run, error.c_str());
}

std::unique_ptr<ConnectionForkerLink> TestConnectionForker::start(std::size_t claims)
{
    auto link = std::make_unique<ConnectionForkerLink>();
    ConnectionForkerLink::Options options;
    options.program = runnerProgram();
    options.arenaFd = m_run->arena->fd();
    options.socketsObject = 7;
    options.claims = claims;
    std::string error;
    if (!link->start(options, error)) {
        qWarning("%s", error.c_str());
        return nullptr;
    }
    return link;
}

void TestConnectionForker::childEchoesRecordsOnItsLaneAndIsReported()
{
    auto link = start(1);
    QVERIFY(link);
    int pair[2];
    QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    QCOMPARE(link->send(41, pair[1], 1, 0), 0);
    ::close(pair[1]); // the child has its own copy now

    ForkerReport report;
    QVERIFY(nextReport(*link, report));
    QCOMPARE(report.kind, std::uint32_t(ForkerReport::Forked));
    QCOMPARE(report.request, 41u);
    const pid_t child = report.pid;
    QVERIFY(child > 0);

    QCOMPARE(write(pair[0], "ping", 4), ssize_t(4));
    char echo[8] = {};
    QCOMPARE(read(pair[0], echo, sizeof echo), ssize_t(4));
    QCOMPARE(QByteArray(echo, 4), QByteArray("ping"));
    ::close(pair[0]); // the client leaves: the child ends its lane and exits

    QVERIFY(nextReport(*link, report));
    QCOMPARE(report.kind, std::uint32_t(ForkerReport::Exited));
    QCOMPARE(report.request, 41u);
    QCOMPARE(report.pid, std::int32_t(child));
    QVERIFY(WIFEXITED(report.value));
    QCOMPARE(WEXITSTATUS(report.value), 0);

    // The lane shows the child, a child of the forker, from start to end.
    m_run->collect();
    const auto &events = m_run->byWorker[1];
    QVERIFY(!events.empty());
    QCOMPARE(events.front().kind, EventKind::WorkerStarted);
    QCOMPARE(std::int64_t(events.front().arg), std::int64_t(child));
    QCOMPARE(std::int64_t(events.front().object), std::int64_t(link->pid()));
    QCOMPARE(events.back().kind, EventKind::Terminated);
    QVERIFY(m_run->table->isTerminated(1));
    QVERIFY(link->finish(1'000'000'000, 1'000'000'000));
}

void TestConnectionForker::cancelledRequestNeverRecords()
{
    auto link = start(1);
    QVERIFY(link);
    // The acceptor's stop takes the claim before the child runs (as when the fork stalls).
    QVERIFY(link->cancel(0));
    int pair[2];
    QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    QCOMPARE(link->send(7, pair[1], 2, 0), 0);
    ::close(pair[1]);

    ForkerReport report;
    QVERIFY(nextReport(*link, report));
    QCOMPARE(report.kind, std::uint32_t(ForkerReport::Forked));
    QVERIFY(nextReport(*link, report));
    QCOMPARE(report.kind, std::uint32_t(ForkerReport::Exited));
    QVERIFY(WIFEXITED(report.value));
    QVERIFY(WEXITSTATUS(report.value) != 0);
    // It closed its connection without a word, and its lane holds nothing.
    char byte = 0;
    QCOMPARE(read(pair[0], &byte, 1), ssize_t(0));
    ::close(pair[0]);
    m_run->collect();
    QVERIFY(m_run->byWorker[2].empty());
    QVERIFY(!m_run->table->isTerminated(2));
    // A claim the child won can't be taken back any more; this one stays cancelled.
    QVERIFY(link->cancel(0));
    QVERIFY(link->finish(1'000'000'000, 1'000'000'000));
}

void TestConnectionForker::closingTheSocketEndsForkerAndChildren()
{
    auto link = start(1);
    QVERIFY(link);
    int pair[2];
    QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    QCOMPARE(link->send(1, pair[1], 0, -1), 0); // unlaned: records nothing
    ::close(pair[1]);
    ForkerReport report;
    QVERIFY(nextReport(*link, report));
    QCOMPARE(report.kind, std::uint32_t(ForkerReport::Forked));
    const pid_t child = report.pid;
    const pid_t forker = link->pid();
    // The child echoes for a client that never leaves; closing the control socket must still
    // end it and the forker, which reaps it before it exits.
    QCOMPARE(write(pair[0], "x", 1), ssize_t(1));
    char byte = 0;
    QCOMPARE(read(pair[0], &byte, 1), ssize_t(1));
    QVERIFY(link->finish(2'000'000'000, 1'000'000'000));
    QCOMPARE(link->pid(), pid_t(0));
    QCOMPARE(kill(forker, 0), -1);
    QCOMPARE(kill(child, 0), -1); // reaped by the forker: no zombie either
    QCOMPARE(errno, ESRCH);
    // Its end of the connection went with it.
    QCOMPARE(read(pair[0], &byte, 1), ssize_t(0));
    ::close(pair[0]);
}

QTEST_GUILESS_MAIN(TestConnectionForker)
#include "tst_connectionforker.moc"
