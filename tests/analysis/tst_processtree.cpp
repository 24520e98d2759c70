#include "analysis/ProcessTree.h"
#include "trace/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace conlab;

// The process tree from the OS ids workers record when they start: threads grouped under
// their process, processes under the process that started them.
class TestProcessTree : public QObject
{
    Q_OBJECT

private:
    static constexpr std::int64_t kShell = 50;
    static constexpr std::int64_t kRunner = 100;
    static constexpr std::int64_t kChild = 200;
    static constexpr std::int64_t kGrandchild = 300;

    static Event started(std::uint64_t t, std::uint32_t worker, std::int64_t pid, std::uint32_t tid,
                         std::int64_t ppid)
    {
        return {t, worker, EventKind::WorkerStarted, 0, std::uint32_t(ppid), tid, pid};
    }

    // A runner (main and two thread workers) that spawned one process, which spawned another.
    static ProcessTree tree()
    {
        TraceMeta meta;
        meta.workers = {{0, "main", "main"},
                        {1, "thread", "thread-1"},
                        {2, "thread", "thread-2"},
                        {3, "process", "child"},
                        {4, "process", "grandchild"}};
        const std::vector<Event> events{
            started(1, 0, kRunner, kRunner, kShell),
            started(2, 1, kRunner, 101, kShell),
            {3, 1, EventKind::Running},
            started(4, 2, kRunner, 102, kShell),
            started(5, 3, kChild, kChild, kRunner),
            started(6, 4, kGrandchild, kGrandchild, kChild),
        };
        return ProcessTree::build(meta, events);
    }

private slots:
    void threadsBelongToTheirProcess()
    {
        const ProcessTree processes = tree();
        QCOMPARE(processes.processes().size(), std::size_t(3));
        QCOMPARE(processes.roots().size(), std::size_t(1));
        const ProcessTree::Process &runner = processes.processes()[processes.roots()[0]];
        QCOMPARE(runner.pid, kRunner);
        QCOMPARE(runner.ppid, kShell);
        QCOMPARE(runner.name, std::string("conlab-runner"));
        QCOMPARE(runner.threads.size(), std::size_t(3));
        QCOMPARE(runner.threads[0].name, std::string("main"));
        QCOMPARE(runner.threads[1].tid, std::int64_t(101));
        QCOMPARE(runner.threads[2].name, std::string("thread-2"));
    }

    void processesNestUnderTheirParent()
    {
        const ProcessTree processes = tree();
        const ProcessTree::Process &runner = processes.processes()[processes.roots()[0]];
        QCOMPARE(runner.children.size(), std::size_t(1));
        const ProcessTree::Process &child = processes.processes()[runner.children[0]];
        QCOMPARE(child.pid, kChild);
        QCOMPARE(child.ppid, kRunner);
        QCOMPARE(child.name, std::string("child"));
        QCOMPARE(child.threads.size(), std::size_t(1));
        QCOMPARE(child.children.size(), std::size_t(1));
        const ProcessTree::Process &grandchild = processes.processes()[child.children[0]];
        QCOMPARE(grandchild.pid, kGrandchild);
        QCOMPARE(grandchild.ppid, kChild);
        QVERIFY(grandchild.children.empty());
    }

    void ppidOfEachWorker()
    {
        const ProcessTree processes = tree();
        QCOMPARE(processes.ppidOf(0), kShell);
        QCOMPARE(processes.ppidOf(2), kShell);
        QCOMPARE(processes.ppidOf(3), kRunner);
        QCOMPARE(processes.ppidOf(4), kChild);
        QCOMPARE(processes.ppidOf(9), std::int64_t(0)); // never started
    }

    void jsonHasTheSameShape()
    {
        JsonWriter json;
        tree().writeJson(json);
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray::fromStdString(json.text()), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray roots = document.array();
        QCOMPARE(roots.size(), 1);
        const QJsonObject runner = roots[0].toObject();
        QCOMPARE(runner.value(QLatin1String("pid")).toInteger(), kRunner);
        QCOMPARE(runner.value(QLatin1String("threads")).toArray().size(), 3);
        const QJsonObject child = runner.value(QLatin1String("children")).toArray()[0].toObject();
        QCOMPARE(child.value(QLatin1String("name")).toString(), QStringLiteral("child"));
        const QJsonObject grandchild =
            child.value(QLatin1String("children")).toArray()[0].toObject();
        QCOMPARE(grandchild.value(QLatin1String("ppid")).toInteger(), kChild);
        QCOMPARE(grandchild.value(QLatin1String("threads"))
                     .toArray()[0]
                     .toObject()
                     .value(QLatin1String("tid"))
                     .toInteger(),
                 kGrandchild);
    }

    void childrenOfAHelperWithoutALaneStayTogether()
    {
        // server-models: the runner's acceptor hands connections to a forker (pid 150) that
        // runs no lane; its two children record it as their parent. They hang from a process
        // made for it, not recorded, and the runner's own parent (the shell) gets none.
        constexpr std::int64_t kForker = 150;
        TraceMeta meta;
        meta.workers = {{0, "main", "main"}, {1, "handler", "child 1"}, {2, "handler", "child 2"}};
        const std::vector<Event> events{started(1, 0, kRunner, kRunner, kShell),
                                        started(2, 1, 201, 201, kForker),
                                        started(3, 2, 202, 202, kForker)};
        const ProcessTree processes = ProcessTree::build(meta, events);
        QCOMPARE(processes.roots().size(), std::size_t(2));
        const ProcessTree::Process &runner = processes.processes()[processes.roots()[0]];
        QCOMPARE(runner.pid, kRunner);
        QVERIFY(runner.recorded);
        const ProcessTree::Process &forker = processes.processes()[processes.roots()[1]];
        QCOMPARE(forker.pid, kForker);
        QVERIFY(!forker.recorded);
        QVERIFY(forker.threads.empty());
        QCOMPARE(forker.children.size(), std::size_t(2));
        QCOMPARE(processes.processes()[forker.children[1]].pid, std::int64_t(202));

        JsonWriter json;
        processes.writeJson(json);
        const QJsonArray roots =
            QJsonDocument::fromJson(QByteArray::fromStdString(json.text())).array();
        QCOMPARE(roots.size(), 2);
        QVERIFY(!roots[0].toObject().contains(QLatin1String("recorded")));
        QCOMPARE(roots[1].toObject().value(QLatin1String("recorded")).toBool(true), false);
        QCOMPARE(roots[1].toObject().value(QLatin1String("children")).toArray().size(), 2);
    }

    void aLaneHandedToItsHandlerIsOnlyTheHandlers()
    {
        // server-models: worker 1's lane is hosted by runner thread 101 until its handler, a
        // forked process, takes it over and records its own start.
        TraceMeta meta;
        meta.workers = {{0, "main", "main"}, {1, "handler", "child 1"}};
        const std::vector<Event> events{started(1, 0, kRunner, kRunner, kShell),
                                        started(2, 1, kRunner, 101, kShell),
                                        started(3, 1, kChild, kChild, kRunner)};
        const ProcessTree processes = ProcessTree::build(meta, events);
        const ProcessTree::Process &runner = processes.processes()[processes.roots()[0]];
        QCOMPARE(runner.threads.size(), std::size_t(1));
        QCOMPARE(runner.threads[0].name, std::string("main"));
        QCOMPARE(runner.children.size(), std::size_t(1));
        const ProcessTree::Process &child = processes.processes()[runner.children[0]];
        QCOMPARE(child.threads.size(), std::size_t(1));
        QCOMPARE(child.threads[0].tid, kChild);
        QCOMPARE(processes.ppidOf(1), kRunner);
    }
};

QTEST_GUILESS_MAIN(TestProcessTree)
#include "tst_processtree.moc"
