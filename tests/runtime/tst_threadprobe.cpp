#include "runtime/BlockedCall.h"
#include "runtime/SwitchRing.h"
#include "runtime/ThreadProbe.h"

#include <QTest>
#include <atomic>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

using namespace conlab;

// Reading another thread's state and wait from /proc, as the watch mode does: the parsers on
// known lines, the classification of system calls, and real threads of this test.
class TestThreadProbe : public QObject
{
    Q_OBJECT

private:
    // Waits (bounded) until `tid` is asleep in a system call, then classifies its wait.
    static BlockedCall::Wait waitOf(pid_t tid)
    {
        ThreadProbe probe(getpid(), tid);
        for (int i = 0; i < 500; ++i) {
            ThreadProbe::Status status;
            const auto call = probe.readCall();
            if (probe.readStatus(status) && status.state == 'S' &&
                call.kind == ThreadProbe::Call::Kind::InCall) {
                const std::string target = BlockedCall::readsDescriptor(call.number)
                                               ? probe.descriptorTarget(call.arguments[0])
                                               : std::string();
                return BlockedCall::fromSyscall(call.number, target);
            }
            usleep(2000);
        }
        return BlockedCall::Wait::Unknown;
    }

private slots:
    void statusLineWithAnAwkwardCommand()
    {
        ThreadProbe::Status status;
        QVERIFY(ThreadProbe::parseStatus("4242 (my (odd) prog) S 17 4242 4242 0 -1", status));
        QCOMPARE(status.comm, std::string("my (odd) prog"));
        QCOMPARE(status.state, 'S');
        QCOMPARE(status.ppid, pid_t(17));
        QCOMPARE(status.exitStatus, 0);
        // A zombie's wait status is field 52: exit code 3 is 3 << 8.
        std::string zombie = "9 (child) Z 8";
        for (int field = 5; field <= 51; ++field)
            zombie += " 0";
        zombie += " 768\n";
        QVERIFY(ThreadProbe::parseStatus(zombie, status));
        QCOMPARE(status.state, 'Z');
        QCOMPARE(status.exitStatus, 768);
        QVERIFY(!ThreadProbe::parseStatus("garbage", status));
    }

    void systemCallLines()
    {
        auto call = ThreadProbe::parseCall("202 0x7f00aa 0x80 0x2 0x0 0x0 0x0 0x7ffd 0x7f01\n");
        QCOMPARE(int(call.kind), int(ThreadProbe::Call::Kind::InCall));
        QCOMPARE(call.number, 202L);
        QCOMPARE(call.arguments[0], std::uint64_t(0x7f00aa));
        QCOMPARE(call.arguments[2], std::uint64_t(0x2));
        QCOMPARE(int(ThreadProbe::parseCall("running\n").kind),
                 int(ThreadProbe::Call::Kind::Running));
        QCOMPARE(int(ThreadProbe::parseCall("-1 0x7ffd 0x7f01\n").kind),
                 int(ThreadProbe::Call::Kind::NotInCall));
    }

    void classification_data()
    {
        QTest::addColumn<long>("number");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("wait");
        using W = BlockedCall::Wait;
        QTest::newRow("futex") << long(SYS_futex) << QString() << int(W::LockOrCondition);
        QTest::newRow("read pipe") << long(SYS_read) << "pipe:[77]" << int(W::Pipe);
        QTest::newRow("read socket") << long(SYS_read) << "socket:[78]" << int(W::Socket);
        QTest::newRow("recvfrom") << long(SYS_recvfrom) << "socket:[79]" << int(W::Socket);
        QTest::newRow("read tty") << long(SYS_read) << "/dev/pts/3" << int(W::FileOrTerminal);
        QTest::newRow("ppoll") << long(SYS_ppoll) << QString() << int(W::Multiplexing);
        QTest::newRow("epoll_pwait") << long(SYS_epoll_pwait) << QString() << int(W::Multiplexing);
        QTest::newRow("clock_nanosleep") << long(SYS_clock_nanosleep) << QString() << int(W::Sleep);
        QTest::newRow("wait4") << long(SYS_wait4) << QString() << int(W::JoinChild);
        QTest::newRow("waitid") << long(SYS_waitid) << QString() << int(W::JoinChild);
        QTest::newRow("accept4") << long(SYS_accept4) << QString() << int(W::Accept);
        QTest::newRow("pause-like") << long(SYS_rt_sigsuspend) << QString() << int(W::OtherCall);
    }

    void classification()
    {
        QFETCH(long, number);
        QFETCH(QString, target);
        QFETCH(int, wait);
        QCOMPARE(int(BlockedCall::fromSyscall(number, target.toStdString())), wait);
    }

    void wchanNames()
    {
        using W = BlockedCall::Wait;
        QCOMPARE(BlockedCall::fromWchan("futex_wait_queue"), W::LockOrCondition);
        QCOMPARE(BlockedCall::fromWchan("pipe_read"), W::Pipe);
        QCOMPARE(BlockedCall::fromWchan("do_sys_poll"), W::Multiplexing);
        QCOMPARE(BlockedCall::fromWchan("ep_poll"), W::Multiplexing);
        QCOMPARE(BlockedCall::fromWchan("hrtimer_nanosleep"), W::Sleep);
        QCOMPARE(BlockedCall::fromWchan("do_wait"), W::JoinChild);
        QCOMPARE(BlockedCall::fromWchan("inet_csk_accept"), W::Accept);
        QCOMPARE(BlockedCall::fromWchan("0"), W::Unknown);
        QCOMPARE(BlockedCall::fromWchan(""), W::Unknown);
        QCOMPARE(BlockedCall::reason(W::LockOrCondition), BlockReason::Lock);
        QCOMPARE(BlockedCall::reason(W::Pipe), BlockReason::PipeEmpty);
        QCOMPARE(BlockedCall::reason(W::JoinChild), BlockReason::Join);
        QCOMPARE(BlockedCall::reason(W::Multiplexing), BlockReason::Io);
    }

    void realThreadsAsleepAndOnAPipe()
    {
        int fds[2];
        QVERIFY(pipe(fds) == 0);
        std::atomic<pid_t> sleeper{0};
        std::atomic<pid_t> reader{0};
        std::thread a([&] {
            sleeper = pid_t(syscall(SYS_gettid));
            usleep(400000);
        });
        std::thread b([&] {
            reader = pid_t(syscall(SYS_gettid));
            char byte;
            [[maybe_unused]] const auto got = read(fds[0], &byte, 1);
        });
        while (sleeper == 0 || reader == 0)
            usleep(1000);
        QCOMPARE(waitOf(sleeper), BlockedCall::Wait::Sleep);
        QCOMPARE(waitOf(reader), BlockedCall::Wait::Pipe);
        ThreadProbe probe(getpid(), reader);
        SchedStat stat;
        QVERIFY(probe.readSchedStat(stat));
        QVERIFY(probe.readSchedStat(stat)); // the kept descriptor reads again
        [[maybe_unused]] const auto put = write(fds[1], "x", 1);
        a.join();
        b.join();
        QVERIFY(!probe.readSchedStat(stat)); // gone with its thread
        close(fds[0]);
        close(fds[1]);
    }

    // A thread asleep on a pipe is not switched until the pipe wakes it; once it has answered,
    // its ring says it was, without a system call of the reader's.
    void switchRingSeesAWakeUp()
    {
        int wake[2];
        int answer[2];
        QVERIFY(pipe(wake) == 0 && pipe(answer) == 0);
        std::atomic<pid_t> reader{0};
        std::thread b([&] {
            reader = pid_t(syscall(SYS_gettid));
            char byte;
            [[maybe_unused]] const auto got = read(wake[0], &byte, 1);
            [[maybe_unused]] const auto put = write(answer[1], "a", 1);
        });
        while (reader == 0)
            usleep(1000);
        QCOMPARE(waitOf(reader), BlockedCall::Wait::Pipe);
        SwitchRing ring(reader);
        if (!ring.valid()) {
            [[maybe_unused]] const auto put = write(wake[1], "x", 1);
            b.join();
            QSKIP("perf events are not allowed here (kernel.perf_event_paranoid 3 or more)");
        }
        const std::uint64_t mark = ring.mark();
        QVERIFY(!ring.switchedSince(mark));
        [[maybe_unused]] const auto put = write(wake[1], "x", 1);
        char byte;
        QCOMPARE(read(answer[0], &byte, 1), ssize_t(1));
        QVERIFY(ring.switchedSince(mark));
        b.join();
        for (const int fd : {wake[0], wake[1], answer[0], answer[1]})
            close(fd);
    }
};

QTEST_APPLESS_MAIN(TestThreadProbe)
#include "tst_threadprobe.moc"
