#include "trace/Arena.h"

#include <QTest>
#include <cstring>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace conlab;

namespace {

// What the parent and a child process share through the arena's object area.
struct SharedBlock
{
    std::atomic<std::uint32_t> fromParent{0};
    std::atomic<std::uint64_t> fromChild{0};
    std::atomic<std::int32_t> childPid{0};
};

// Placed after SharedBlock so the child must repeat the same make() order to find it.
struct SecondBlock
{
    std::atomic<std::uint32_t> marker{0};
};

// Larger than any arena these tests make.
struct HugeBlock
{
    char bytes[64 << 20];
};

constexpr std::uint32_t kParentMark = 0xC0FFEEu;
constexpr std::uint64_t kChildMark = 0x5EED5EED5EEDull;
constexpr std::uint32_t kSecondMark = 0xABCDu;
constexpr int kChildEvents = 300;

// Exit codes of the child, so a failure in it says which step failed.
enum ChildExit {
    kChildOk = 0,
    kAttachFailed = 10,
    kNotAttached = 11,
    kObjectMissing = 12,
    kParentValueUnseen = 13,
    kPushFailed = 14,
};

int runChild(int fd)
{
    std::string error;
    std::unique_ptr<Arena> arena = Arena::attach(fd, &error);
    if (!arena)
        return kAttachFailed;
    if (arena->isCreator() || arena->workerCount() != 2)
        return kNotAttached;
    auto *block = arena->make<SharedBlock>();
    auto *second = arena->make<SecondBlock>();
    if (!block || !second)
        return kObjectMissing;
    if (block->fromParent.load() != kParentMark || second->marker.load() != kSecondMark)
        return kParentValueUnseen;
    EventRing *ring = arena->ring(0);
    for (int i = 0; i < kChildEvents; ++i) {
        Event e;
        e.timeNs = std::uint64_t(i) + 1;
        e.worker = 0;
        e.kind = EventKind::CellWritten;
        e.arg = i;
        if (!ring->push(e))
            return kPushFailed;
    }
    block->childPid.store(std::int32_t(getpid()));
    block->fromChild.store(kChildMark, std::memory_order_release);
    arena->header().stop.store(7, std::memory_order_release);
    return kChildOk;
}

} // namespace

// The shared-memory arena: layout, the deterministic object allocator, and attaching to it
// from another process by its fd.
class TestArena : public QObject
{
    Q_OBJECT

private slots:
    void rejectsRingCapacityNotAPowerOfTwo();
    void layoutHasOneRingPerWorkerAndAControlRing();
    void allocationIsAlignedAndBounded();
    void attachInTheSameProcessSeesTheSameMemory();
    void childProcessAttachesByInheritedFd();
    void attachRejectsAForeignFd();
};

void TestArena::rejectsRingCapacityNotAPowerOfTwo()
{
    for (std::uint32_t capacity : {0u, 3u, 1000u}) {
        Arena::Layout layout;
        layout.ringCapacity = capacity;
        std::string error;
        QVERIFY(!Arena::create(layout, &error));
        QVERIFY2(error.find("power of two") != std::string::npos, error.c_str());
    }
}

void TestArena::layoutHasOneRingPerWorkerAndAControlRing()
{
    Arena::Layout layout;
    layout.workerCount = 3;
    layout.ringCapacity = 256;
    layout.objectBytes = 10000;
    std::string error;
    auto arena = Arena::create(layout, &error);
    QVERIFY2(arena, error.c_str());
    QVERIFY(arena->isCreator());
    QVERIFY(arena->fd() >= 0);
    QCOMPARE(arena->workerCount(), 3u);
    QCOMPARE(arena->header().ringCapacity, 256u);
    QCOMPARE(arena->header().totalBytes, std::uint64_t(arena->size()));
    QVERIFY(!arena->stopRequested());
    QCOMPARE(arena->controlRing(), arena->ring(3));
    QVERIFY(!arena->ring(4));

    // Rings must not overlap: each is filled to capacity and read back intact.
    for (std::uint32_t r = 0; r <= 3; ++r) {
        EventRing *ring = arena->ring(r);
        QVERIFY(ring);
        QCOMPARE(ring->capacity(), 256u);
        QCOMPARE(ring->size(), std::uint64_t(0));
        for (std::uint32_t i = 0; i < 256; ++i) {
            Event e;
            e.worker = r;
            e.arg = i;
            QVERIFY(ring->push(e));
        }
    }
    for (std::uint32_t r = 0; r <= 3; ++r) {
        Event out[256];
        QCOMPARE(arena->ring(r)->drain(out, 256), std::size_t(256));
        for (std::uint32_t i = 0; i < 256; ++i) {
            QCOMPARE(out[i].worker, r);
            QCOMPARE(out[i].arg, std::int64_t(i));
        }
    }
}

void TestArena::allocationIsAlignedAndBounded()
{
    Arena::Layout layout;
    layout.objectBytes = 8192;
    std::string error;
    auto arena = Arena::create(layout, &error);
    QVERIFY2(arena, error.c_str());
    auto *base = static_cast<char *>(static_cast<void *>(&arena->header()));
    char *first = static_cast<char *>(arena->allocate(10));
    char *second = static_cast<char *>(arena->allocate(10));
    QVERIFY(first && second);
    QCOMPARE(reinterpret_cast<std::uintptr_t>(first) % 64, std::uintptr_t(0));
    QCOMPARE(reinterpret_cast<std::uintptr_t>(second) % 64, std::uintptr_t(0));
    QVERIFY(second >= first + 10);
    QVERIFY(second + 10 <= base + arena->size());
    // More than the whole arena can never fit; the allocator says so instead of overrunning.
    QVERIFY(!arena->allocate(arena->size()));
    QVERIFY(!arena->make<HugeBlock>());
    // A failed allocation takes nothing: what still fits is still handed out.
    QVERIFY(arena->allocate(100));
}

void TestArena::attachInTheSameProcessSeesTheSameMemory()
{
    Arena::Layout layout;
    layout.workerCount = 2;
    layout.ringCapacity = 64;
    std::string error;
    auto creator = Arena::create(layout, &error);
    QVERIFY2(creator, error.c_str());
    auto *block = creator->make<SharedBlock>();
    QVERIFY(block);
    block->fromParent = kParentMark;

    // attach() owns the fd it is given; a duplicate keeps the creator's own fd open.
    const int fd = dup(creator->fd());
    QVERIFY(fd >= 0);
    auto attached = Arena::attach(fd, &error);
    QVERIFY2(attached, error.c_str());
    QVERIFY(!attached->isCreator());
    QCOMPARE(attached->size(), creator->size());
    QCOMPARE(attached->workerCount(), 2u);
    auto *seen = attached->make<SharedBlock>();
    QVERIFY(seen);
    QVERIFY(seen != block); // a second mapping, at another address
    QCOMPARE(seen->fromParent.load(), kParentMark);
    seen->fromChild = kChildMark;
    QCOMPARE(block->fromChild.load(), kChildMark);

    Event e;
    e.arg = 99;
    QVERIFY(attached->ring(1)->push(e));
    Event out;
    QCOMPARE(creator->ring(1)->drain(&out, 1), std::size_t(1));
    QCOMPARE(out.arg, std::int64_t(99));
}

void TestArena::childProcessAttachesByInheritedFd()
{
    Arena::Layout layout;
    layout.workerCount = 2;
    layout.ringCapacity = 512;
    std::string error;
    auto arena = Arena::create(layout, &error);
    QVERIFY2(arena, error.c_str());
    auto *block = arena->make<SharedBlock>();
    auto *second = arena->make<SecondBlock>();
    QVERIFY(block && second);
    block->fromParent = kParentMark;
    second->marker = kSecondMark;

    const pid_t pid = fork();
    QVERIFY(pid >= 0);
    if (pid == 0)
        _exit(runChild(arena->fd())); // no QTest and no destructors in the child
    int status = 0;
    QCOMPARE(waitpid(pid, &status, 0), pid);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), int(kChildOk));

    QCOMPARE(block->fromChild.load(std::memory_order_acquire), kChildMark);
    QCOMPARE(block->childPid.load(), std::int32_t(pid));
    QVERIFY(arena->stopRequested());
    std::vector<Event> out(1024);
    QCOMPARE(arena->ring(0)->drain(out.data(), out.size()), std::size_t(kChildEvents));
    for (int i = 0; i < kChildEvents; ++i)
        QCOMPARE(out[std::size_t(i)].arg, std::int64_t(i));
    QCOMPARE(arena->ring(0)->dropped(), std::uint64_t(0));
    QCOMPARE(arena->ring(1)->size(), std::uint64_t(0));
}

void TestArena::attachRejectsAForeignFd()
{
    std::string error;
    // Too small to hold even the header.
    const int tiny = memfd_create("conlab-test-tiny", MFD_CLOEXEC);
    QVERIFY(tiny >= 0);
    QCOMPARE(ftruncate(tiny, 100), 0);
    QVERIFY(!Arena::attach(tiny, &error));
    QVERIFY2(error.find("not a shared arena") != std::string::npos, error.c_str());
    QVERIFY2(error.find(std::to_string(tiny)) != std::string::npos, error.c_str());
    close(tiny);

    // Big enough, but zeros where the magic should be.
    const int zeros = memfd_create("conlab-test-zeros", MFD_CLOEXEC);
    QVERIFY(zeros >= 0);
    QCOMPARE(ftruncate(zeros, 64 * 1024), 0);
    error.clear();
    QVERIFY(!Arena::attach(zeros, &error));
    QVERIFY2(error.find("unknown layout") != std::string::npos, error.c_str());
    close(zeros);

    // A real arena whose file was later resized no longer matches its header.
    Arena::Layout layout;
    auto arena = Arena::create(layout, &error);
    QVERIFY2(arena, error.c_str());
    const int grown = dup(arena->fd());
    QCOMPARE(ftruncate(grown, off_t(arena->size() + 4096)), 0);
    error.clear();
    QVERIFY(!Arena::attach(grown, &error));
    QVERIFY2(error.find("unknown layout") != std::string::npos, error.c_str());
    close(grown);
}

QTEST_APPLESS_MAIN(TestArena)
#include "tst_arena.moc"
